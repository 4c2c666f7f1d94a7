import type { DocumentType } from '@xinfang/shared/schemas/documents';
import { sql, type Transaction } from 'kysely';
import { dialectOf, onConflictUpdate } from '../../db/dialect';
import type { DB } from '../../db/schema';

/**
 * Document numbers (发文字号, GB/T 9704 §7.2.4): the issuing unit's prefix (机关代字), 信 and the
 * series, the year in 〔〕, the sequence number and 号 — 东山信复〔2026〕12号. Counted per printed
 * prefix, series and year, in the transaction that writes the notice, so no number is printed twice
 * even when two units print the same prefix (or one takes up a prefix another used), and a
 * rolled-back notice takes none. Series: 告 for notices to the petitioner, 复 for written answers,
 * 督 for supervision notices, 调 for agreements; a 送达回证 carries its answer's number.
 */
export const SERIES: Readonly<Record<DocumentType, string | null>> = {
  acceptance_notice: '告',
  decline_notice: '告',
  forwarding_notice: '告',
  assignment_notice: '告',
  diversion_notice: '告',
  general_notice: '告',
  extension_notice: '告',
  decision: '复',
  reply: '复',
  review_decision: '复',
  re_examination_decision: '复',
  supervision_notice: '督',
  mediation_agreement: '调',
  delivery_receipt: null,
};

export interface CounterKey {
  prefix: string;
  series: string;
  year: number;
}

/** The row (made by the migration) that creators of a new counter queue on. */
const CREATION_QUEUE = { prefix: '', series: '', year: 0 };

/**
 * The next sequence number of a counter, inside the caller's transaction, whose row lock then makes
 * concurrent notices under one prefix wait for each other. On MySQL, creating a missing row in
 * several transactions at once deadlocks (their shared and gap locks on the new key, then each wants it
 * exclusively), so a transaction that finds no row (by a plain read, which locks nothing) first
 * queues on one fixed row, and only then reads the counter for update and creates it if still
 * missing; no transaction ever upgrades a shared lock. SQLite has one writer: it upserts.
 */
export async function nextSequence(trx: Transaction<DB>, key: CounterKey): Promise<number> {
  const read = (k: CounterKey) =>
    trx
      .selectFrom('document_prefix_counter')
      .select('last_number')
      .where('prefix', '=', k.prefix)
      .where('series', '=', k.series)
      .where('year', '=', k.year);
  const row = { prefix: key.prefix, series: key.series, year: key.year, last_number: 1 };
  if (dialectOf(trx) === 'mysql') {
    if (!(await read(key).executeTakeFirst())) {
      await read(CREATION_QUEUE).forUpdate().execute();
      if (!(await read(key).forUpdate().executeTakeFirst())) {
        await trx.insertInto('document_prefix_counter').values(row).execute();
        return 1;
      }
    }
    await trx
      .updateTable('document_prefix_counter')
      .set({ last_number: sql`last_number + 1` })
      .where('prefix', '=', key.prefix)
      .where('series', '=', key.series)
      .where('year', '=', key.year)
      .execute();
    return (await read(key).forUpdate().executeTakeFirstOrThrow()).last_number;
  }
  await onConflictUpdate(
    trx,
    trx.insertInto('document_prefix_counter').values(row),
    ['prefix', 'series', 'year'],
    { last_number: sql`last_number + 1` },
  ).execute();
  return (await read(key).executeTakeFirstOrThrow()).last_number;
}

export function formatNumber(prefix: string, series: string, year: number, seq: number): string {
  return `${prefix}信${series}〔${year}〕${seq}号`;
}

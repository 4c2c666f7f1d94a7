import type { DocumentType } from '@xinfang/shared/schemas/documents';
import { type Kysely, sql, type Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';

/**
 * Document numbers (发文字号, GB/T 9704 §7.2.4): the issuing unit's prefix (机关代字), 信 and the
 * series, the year in 〔〕, the sequence number and 号 — 东山信复〔2026〕12号. Counted per issuing
 * unit, series and year, in the transaction that writes the notice, so a number is never reused
 * and a rolled-back notice takes none. Series: 告 for notices to the petitioner, 复 for written
 * answers, 督 for supervision notices, 调 for agreements; a 送达回证 carries its answer's number.
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
  unitId: string;
  series: string;
  year: number;
}

/**
 * The next sequence number of a counter, inside the caller's transaction. On MySQL a counter row
 * created inside many concurrent transactions at once deadlocks (their gap locks on the missing
 * key conflict), so a missing row is first created on its own, committed at once, and only then
 * incremented in the transaction — whose row lock makes concurrent notices of one unit wait for
 * each other (a plain read first, which locks nothing, tells whether the row exists; an `UPDATE`
 * of a missing row would lock the gap and block its own creation). SQLite has one writer: it
 * upserts in the transaction.
 */
export async function nextSequence(trx: Transaction<DB>, db: Kysely<DB>, key: CounterKey): Promise<number> {
  const increment = (t: Transaction<DB>) =>
    t
      .updateTable('document_counter')
      .set({ last_number: sql`last_number + 1` })
      .where('unit_id', '=', key.unitId)
      .where('series', '=', key.series)
      .where('year', '=', key.year)
      .executeTakeFirst();
  const read = (t: Transaction<DB>) =>
    t
      .selectFrom('document_counter')
      .select('last_number')
      .where('unit_id', '=', key.unitId)
      .where('series', '=', key.series)
      .where('year', '=', key.year);
  const row = { unit_id: key.unitId, series: key.series, year: key.year, last_number: 0 };
  if (dialectOf(trx) === 'mysql') {
    // A plain read takes no lock; a row it misses is created outside (a no-op if it now exists).
    const seen = await read(trx).executeTakeFirst();
    if (!seen) await db.insertInto('document_counter').ignore().values(row).execute();
    await increment(trx);
  } else {
    await trx
      .insertInto('document_counter')
      .values({ ...row, last_number: 1 })
      .onConflict((oc) =>
        oc.columns(['unit_id', 'series', 'year']).doUpdateSet({ last_number: sql`last_number + 1` }),
      )
      .execute();
  }
  const counted = dialectOf(trx) === 'mysql' ? read(trx).forUpdate() : read(trx);
  return (await counted.executeTakeFirstOrThrow()).last_number;
}

export function formatNumber(prefix: string, series: string, year: number, seq: number): string {
  return `${prefix}信${series}〔${year}〕${seq}号`;
}

import type { SensitivePeriod } from '@xinfang/shared/clocks';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB, SensitivePeriodTable } from '../../db/schema';
import { findRootUnitRef } from '../org/org.repository';

type Db = Kysely<DB> | Transaction<DB>;

export interface SensitivePeriodRecord extends SensitivePeriod {
  id: string;
  declaredAt: string;
}

/** Every declared sensitive period, oldest first (a few a year: read whole). */
export async function sensitivePeriods(db: Db): Promise<SensitivePeriodRecord[]> {
  return periodsOf(await periodRows(db).execute());
}

/**
 * The periods declared so far, for a declaration that must overlap none: declarations wait for each
 * other here until they commit. On MySQL each first locks one fixed row, the top unit's (the
 * periods are the whole group's), then reads for update, which sees the latest commits rather than
 * the transaction's snapshot. SQLite runs one writing transaction at a time.
 */
export async function sensitivePeriodsForDeclaring(trx: Transaction<DB>): Promise<SensitivePeriodRecord[]> {
  if (dialectOf(trx) === 'sqlite') return sensitivePeriods(trx);
  const top = await findRootUnitRef(trx);
  if (top) await trx.selectFrom('org_unit').select('id').where('id', '=', top.id).forUpdate().execute();
  return periodsOf(await periodRows(trx).forUpdate().execute());
}

const periodRows = (db: Db) =>
  db
    .selectFrom('sensitive_period')
    .select(['id', 'name', 'from_date', 'to_date', 'declared_at'])
    .orderBy('from_date');

function periodsOf(
  rows: { id: string; name: string; from_date: string; to_date: string; declared_at: string }[],
): SensitivePeriodRecord[] {
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    from: r.from_date,
    to: r.to_date,
    declaredAt: r.declared_at,
  }));
}

export async function insertSensitivePeriod(
  trx: Transaction<DB>,
  row: Insertable<SensitivePeriodTable>,
): Promise<void> {
  await trx.insertInto('sensitive_period').values(row).execute();
}

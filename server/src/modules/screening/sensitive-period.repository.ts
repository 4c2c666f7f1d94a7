import { beijingDate, type SensitivePeriod } from '@xinfang/shared/clocks';
import type { Insertable, Kysely, Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import type { DB, SensitivePeriodTable } from '../../db/schema';
import { findRootUnitRef } from '../org/org.repository';

type Db = Kysely<DB> | Transaction<DB>;

export interface SensitivePeriodRecord extends SensitivePeriod {
  id: string;
  declaredAt: string;
  withdrawalReason: string | null;
}

/**
 * Every declared sensitive period as it stands, oldest first (a few a year: read whole). One the
 * office withdrew ends on the day it did so (`to`), or is left out if it did so before it began.
 */
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
    .select(['id', 'name', 'from_date', 'to_date', 'declared_at', 'withdrawn_at', 'withdrawal_reason'])
    .orderBy('from_date');

type PeriodRow = {
  id: string;
  name: string;
  from_date: string;
  to_date: string;
  declared_at: string;
  withdrawn_at: string | null;
  withdrawal_reason: string | null;
};

function periodsOf(rows: PeriodRow[]): SensitivePeriodRecord[] {
  return rows.flatMap((r) => {
    const endedOn = r.withdrawn_at ? beijingDate(r.withdrawn_at) : null;
    if (endedOn !== null && endedOn < r.from_date) return [];
    const to = endedOn !== null && endedOn < r.to_date ? endedOn : r.to_date;
    const withdrawalReason = r.withdrawn_at === null ? null : r.withdrawal_reason;
    return [{ id: r.id, name: r.name, from: r.from_date, to, declaredAt: r.declared_at, withdrawalReason }];
  });
}

/** A declared period, withdrawn or not, for its withdrawal. */
export async function findSensitivePeriod(db: Db, id: string) {
  return db
    .selectFrom('sensitive_period')
    .select(['id', 'name', 'from_date', 'to_date', 'withdrawn_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Withdraws a standing period, once: false when it was withdrawn already. */
export async function withdrawSensitivePeriod(
  trx: Transaction<DB>,
  id: string,
  withdrawal: { at: string; by: string; reason: string },
): Promise<boolean> {
  const result = await trx
    .updateTable('sensitive_period')
    .set({ withdrawn_at: withdrawal.at, withdrawn_by: withdrawal.by, withdrawal_reason: withdrawal.reason })
    .where('id', '=', id)
    .where('withdrawn_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function insertSensitivePeriod(
  trx: Transaction<DB>,
  row: Insertable<SensitivePeriodTable>,
): Promise<void> {
  await trx.insertInto('sensitive_period').values(row).execute();
}

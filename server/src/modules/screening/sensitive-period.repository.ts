import type { SensitivePeriod } from '@xinfang/shared/clocks';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { DB, SensitivePeriodTable } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

export interface SensitivePeriodRecord extends SensitivePeriod {
  id: string;
  declaredAt: string;
}

/** Every declared sensitive period, oldest first (a few a year: read whole). */
export async function sensitivePeriods(db: Db): Promise<SensitivePeriodRecord[]> {
  const rows = await db
    .selectFrom('sensitive_period')
    .select(['id', 'name', 'from_date', 'to_date', 'declared_at'])
    .orderBy('from_date')
    .execute();
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

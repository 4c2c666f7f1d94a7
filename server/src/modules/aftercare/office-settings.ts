import { AFTERCARE_LIMITS, type AftercareSettings } from '@xinfang/shared/schemas/aftercare';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/** Each setting's row name in `office_setting`. */
const NAMES: Record<keyof AftercareSettings, string> = {
  followUpDays: 'follow_up_days',
  forwardOutcomeWorkingDays: 'forward_outcome_working_days',
  rehandlingWorkingDays: 'rehandling_working_days',
};

/** The aftercare settings as the administrator left them, the defaults where none is set. */
export async function aftercareSettings(db: Db): Promise<AftercareSettings> {
  const rows = await db
    .selectFrom('office_setting')
    .select(['name', 'value'])
    .where('name', 'in', Object.values(NAMES))
    .execute();
  const set = new Map(rows.map((r) => [r.name, Number(r.value)]));
  const value = (key: keyof AftercareSettings) => set.get(NAMES[key]) ?? AFTERCARE_LIMITS[key].default;
  return {
    followUpDays: value('followUpDays'),
    forwardOutcomeWorkingDays: value('forwardOutcomeWorkingDays'),
    rehandlingWorkingDays: value('rehandlingWorkingDays'),
  };
}

/** Saves the settings given (an upsert per setting, in the caller's transaction). */
export async function saveAftercareSettings(
  trx: Transaction<DB>,
  changes: Partial<AftercareSettings>,
  by: string,
  at: string,
): Promise<void> {
  for (const [key, value] of Object.entries(changes) as [keyof AftercareSettings, number][]) {
    const name = NAMES[key];
    const updated = await trx
      .updateTable('office_setting')
      .set({ value, updated_by: by, updated_at: at })
      .where('name', '=', name)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await trx
        .insertInto('office_setting')
        .values({ name, value, updated_by: by, updated_at: at })
        .execute();
    }
  }
}

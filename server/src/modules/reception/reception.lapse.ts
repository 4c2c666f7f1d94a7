import { beijingDate } from '@xinfang/shared/clocks';
import type { Kysely } from 'kysely';
import { recordAudit, SYSTEM_AUDIT_ACTOR } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { pastHolds, releaseHold } from './reception.repository';

/**
 * A booking whose day is over, and for which the desk recorded nothing (came, not come, or the
 * visit), no longer stops its person booking another day. It stays as it was — not recorded, not
 * a 未到场 nobody saw — and the person reads it as 已过期; the desk may still record it while the
 * day is on its list (a week back, reception.days.ts). Each release is audited as the system's.
 */
export async function releasePastBookings(db: Kysely<DB>, now: Date): Promise<number> {
  const rows = await pastHolds(db, beijingDate(now.toISOString()));
  let released = 0;
  for (const row of rows) {
    await db.transaction().execute(async (trx) => {
      if (!(await releaseHold(trx, row.id, now.toISOString()))) return;
      released += 1;
      await recordAudit(
        trx,
        SYSTEM_AUDIT_ACTOR,
        {
          action: 'reception.expired',
          outcome: 'success',
          target: { type: 'reception_booking', id: row.id },
          details: { dayId: row.reception_day_id },
        },
        now,
      );
    });
  }
  return released;
}

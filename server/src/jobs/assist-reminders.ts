import { beijingDate } from '@xinfang/shared/clocks';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema';
import type { Notifier } from '../modules/notifications/notifier';
import { staffAudience } from '../modules/notifications/staff-audience';
import { loadPetition } from '../modules/petitions/petition.repository';

/**
 * Art 24 (协同): a part an assisting unit has not answered by its date holds the lead unit's reply
 * back, so both sides are told once — the assisting unit's handlers and head, and the case's
 * 承办人 (or, while none is named or his account is gone, the lead unit's handlers and head; a unit
 * with neither, its nearest head up: `staffAudience`). The part is claimed in the
 * transaction that tells, so a repeated run, or a second server, tells nobody twice.
 */
export async function runAssistReminders(
  deps: { db: Kysely<DB>; notifier: Notifier },
  now: Date,
): Promise<{ reminded: number }> {
  const at = now.toISOString();
  const overdue = await deps.db
    .selectFrom('assist_part as a')
    .innerJoin('petition as p', 'p.id', 'a.petition_id')
    .innerJoin('org_unit as u', 'u.id', 'a.unit_id')
    .select(['a.petition_id', 'a.no', 'a.unit_id', 'a.lead_unit_id', 'a.due_date', 'p.number', 'u.name'])
    .where('a.status', '=', 'open')
    .where('a.due_date', '<', beijingDate(at))
    .where('a.overdue_told_at', 'is', null)
    .orderBy('a.due_date')
    .execute();
  let reminded = 0;
  for (const part of overdue) {
    const told = await deps.db.transaction().execute(async (trx) => {
      const claimed = await trx
        .updateTable('assist_part')
        .set({ overdue_told_at: at })
        .where('petition_id', '=', part.petition_id)
        .where('no', '=', part.no)
        .where('overdue_told_at', 'is', null)
        .executeTakeFirst();
      const loaded = await loadPetition(trx, part.petition_id);
      if (Number(claimed.numUpdatedRows) !== 1 || !loaded) return false;
      const { handlerId } = loaded.petition;
      const lead = { unitId: part.lead_unit_id, roles: ['handler', 'unit_head'] } as const;
      const recipients = await staffAudience(trx, loaded.petition, [
        { unitId: part.unit_id, roles: ['handler', 'unit_head'] },
        handlerId ? { staffId: handlerId, orElse: [lead] } : lead,
      ]);
      await deps.notifier.notify(
        trx,
        recipients.map((id) => ({
          recipient: { type: 'staff' as const, id },
          event: 'assist_overdue' as const,
          facts: {
            number: part.number,
            petitionId: part.petition_id,
            at,
            date: part.due_date,
            unitName: part.name,
          },
        })),
        now,
      );
      return true;
    });
    if (told) reminded += 1;
  }
  return { reminded };
}

import type { StaffMe } from '@xinfang/shared/schemas/identity';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * What a staff member is told when they sign in: the wrong passwords tried on their account since
 * their previous sign-in, and whether those locked it for everyone (throttle-rules.ts). Read from
 * the audit log, which holds both; null when there were none. Until the notifications of a later
 * issue exist, this is how the holder learns that someone else has been trying.
 */
export async function signInAlert(db: Kysely<DB>, staffId: string): Promise<StaffMe['signInAlert']> {
  const about = db
    .selectFrom('audit_log')
    .where('target_type', '=', 'staff')
    .where('target_id', '=', staffId);
  const signIns = await about
    .select('at')
    .where('action', '=', 'auth.staff_login')
    .where('outcome', '=', 'success')
    .orderBy('at', 'desc')
    .limit(2)
    .execute();
  const [latest, previous] = signIns;
  if (!latest) return null;
  let between = about.where('at', '<=', latest.at);
  if (previous) between = between.where('at', '>', previous.at);
  const rows = await between
    .select(['action', 'outcome'])
    .where((eb) =>
      eb.or([
        eb.and([
          eb('action', 'in', ['auth.staff_login', 'staff.change_password']),
          eb('outcome', '=', 'failure'),
        ]),
        eb('action', '=', 'auth.account_locked'),
      ]),
    )
    .execute();
  const failedAttempts = rows.filter((r) => r.outcome === 'failure').length;
  const locked = rows.some((r) => r.action === 'auth.account_locked');
  if (failedAttempts === 0 && !locked) return null;
  return { failedAttempts, locked, since: previous?.at ?? null };
}

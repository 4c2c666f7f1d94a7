import type { Kysely, Transaction } from 'kysely';
import { prepared } from '../db/prepared';
import type { DB } from '../db/schema';
import type { SubjectType } from '../security/session-policy';

/**
 * Whether the session an access token names is still open for its subject: checked on every
 * signed-in request, so signing out or a revoked session ends access at once (sessions are
 * refresh-token families, see modules/auth/sessions.ts).
 */
export async function isSessionLive(
  db: Kysely<DB> | Transaction<DB>,
  sid: string,
  subject: { type: SubjectType; id: string },
  now: Date,
): Promise<boolean> {
  const { rows } = await liveToken(db, sid, subject.type, subject.id, now.toISOString());
  return rows.length > 0;
}

// Prepared: every signed-in request runs it.
const liveToken = prepared((db, sid: string, type: SubjectType, id: string, at: string) =>
  db
    .selectFrom('refresh_token')
    .select('id')
    .where('family_id', '=', sid)
    .where('subject_type', '=', type)
    .where('subject_id', '=', id)
    .where('revoked_at', 'is', null)
    .where('family_expires_at', '>', at)
    .limit(1),
);

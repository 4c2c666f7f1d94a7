import { createHash, randomBytes } from 'node:crypto';
import type { TokenPair } from '@xinfang/shared/schemas/identity';
import type { Kysely, Transaction } from 'kysely';
import { dialectOf } from '../../db/dialect';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { ACCESS_TOKEN_SECONDS, REFRESH_POLICY, type SubjectType } from '../../security/session-policy';

/**
 * Sessions as refresh-token families (OAuth 2.0 Security BCP §4.14): every refresh returns a new
 * refresh token and retires the old one; a retired token presented again means it was stolen or
 * replayed, so the whole family is revoked. Tokens are random and stored only as SHA-256 hashes.
 * An access token names its family (`sid`) and works only while the family lives: signing out,
 * a password change or a revoked family ends access at once, not 15 minutes later.
 *
 * A grace interval (as Auth0 and Okta keep): nginx resends a POST after an upstream error and a
 * phone on a weak signal resends when no answer came, so the same refresh within
 * REFRESH_REUSE_GRACE_SECONDS of its first use is answered with a new pair in the same session.
 * No raw token is kept to answer the same pair again: the pair the first use issued is retired
 * instead (marked used, so presenting it later is a reuse and revokes the family), leaving one
 * live refresh token per family. Once the issued token has been used, the sender clearly had the
 * first answer, and a replay is theft again, as it is after the interval.
 */
export const REFRESH_REUSE_GRACE_SECONDS = 30;

export interface SessionSubject {
  type: SubjectType;
  id: string;
}

export type SignAccessToken = (claims: { sub: string; typ: SubjectType; sid: string }) => string;

type Db = Kysely<DB> | Transaction<DB>;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Signs in: a new family, a first refresh token, an access token. */
export async function openSession(
  db: Db,
  sign: SignAccessToken,
  subject: SessionSubject,
  now: Date,
): Promise<TokenPair> {
  const policy = REFRESH_POLICY[subject.type];
  const familyExpiresAt = new Date(now.getTime() + policy.absoluteSeconds * 1000);
  return issue(db, sign, subject, newId(now.getTime()), familyExpiresAt, now);
}

export type RotateOutcome =
  | { kind: 'rotated'; subject: SessionSubject; tokens: TokenPair }
  | { kind: 'reused'; subject: SessionSubject }
  | { kind: 'expired' | 'unknown' };

/** Trades a refresh token for a new pair, once (or again within the grace interval). */
export async function rotateSession(
  db: Db,
  sign: SignAccessToken,
  refreshToken: string,
  now: Date,
): Promise<RotateOutcome> {
  const query = db
    .selectFrom('refresh_token')
    .select([
      'id',
      'family_id',
      'subject_type',
      'subject_id',
      'expires_at',
      'family_expires_at',
      'used_at',
      'revoked_at',
    ])
    .where('token_hash', '=', hashToken(refreshToken));
  // MySQL: two copies of one refresh wait for each other here, so the second sees the first's
  // child (SQLite runs one write transaction at a time anyway).
  const row = await (dialectOf(db) === 'mysql' ? query.forUpdate() : query).executeTakeFirst();
  if (!row) return { kind: 'unknown' };
  const subject = { type: row.subject_type, id: row.subject_id };
  const at = now.toISOString();
  if (row.revoked_at) return { kind: 'expired' };
  if (row.family_expires_at <= at) return { kind: 'expired' };
  if (row.used_at) return replayed(db, sign, { ...row, used_at: row.used_at }, subject, now);
  if (row.expires_at <= at) return { kind: 'expired' };

  // Marking the token used is conditional, so of two concurrent refreshes only one rotates.
  const marked = await db
    .updateTable('refresh_token')
    .set({ used_at: at })
    .where('id', '=', row.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) !== 1) {
    await revokeFamily(db, row.family_id, now);
    return { kind: 'reused', subject };
  }
  const familyExpiresAt = new Date(row.family_expires_at);
  const tokens = await issue(db, sign, subject, row.family_id, familyExpiresAt, now, row.id);
  return { kind: 'rotated', subject, tokens };
}

/**
 * A used refresh token presented again: within the grace interval, while the token its first use
 * issued is still unused, that token is retired and a new pair issued; otherwise theft.
 */
async function replayed(
  db: Db,
  sign: SignAccessToken,
  row: { id: string; family_id: string; family_expires_at: string; used_at: string },
  subject: SessionSubject,
  now: Date,
): Promise<RotateOutcome> {
  const withinGrace = now.getTime() - Date.parse(row.used_at) <= REFRESH_REUSE_GRACE_SECONDS * 1000;
  if (withinGrace) {
    const retired = await db
      .updateTable('refresh_token')
      .set({ used_at: now.toISOString() })
      .where('parent_id', '=', row.id)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (Number(retired.numUpdatedRows) === 1) {
      const familyExpiresAt = new Date(row.family_expires_at);
      const tokens = await issue(db, sign, subject, row.family_id, familyExpiresAt, now, row.id);
      return { kind: 'rotated', subject, tokens };
    }
  }
  await revokeFamily(db, row.family_id, now);
  return { kind: 'reused', subject };
}

/** Signs out the session a refresh token belongs to. Returns whose it was, if anyone's. */
export async function closeSession(db: Db, refreshToken: string, now: Date): Promise<SessionSubject | null> {
  const row = await db
    .selectFrom('refresh_token')
    .select(['family_id', 'subject_type', 'subject_id'])
    .where('token_hash', '=', hashToken(refreshToken))
    .executeTakeFirst();
  if (!row) return null;
  await revokeFamily(db, row.family_id, now);
  return { type: row.subject_type, id: row.subject_id };
}

/** Ends every session of an account (disabled, password reset). */
export async function closeAllSessions(db: Db, subject: SessionSubject, now: Date): Promise<void> {
  await db
    .updateTable('refresh_token')
    .set({ revoked_at: now.toISOString() })
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('revoked_at', 'is', null)
    .execute();
}

async function revokeFamily(db: Db, familyId: string, now: Date): Promise<void> {
  await db
    .updateTable('refresh_token')
    .set({ revoked_at: now.toISOString() })
    .where('family_id', '=', familyId)
    .where('revoked_at', 'is', null)
    .execute();
}

async function issue(
  db: Db,
  sign: SignAccessToken,
  subject: SessionSubject,
  familyId: string,
  familyExpiresAt: Date,
  now: Date,
  parentId: string | null = null,
): Promise<TokenPair> {
  const idle = REFRESH_POLICY[subject.type].idleSeconds * 1000;
  const expiresAt = new Date(Math.min(now.getTime() + idle, familyExpiresAt.getTime()));
  const refreshToken = randomBytes(32).toString('base64url');
  await db
    .insertInto('refresh_token')
    .values({
      id: newId(now.getTime()),
      family_id: familyId,
      subject_type: subject.type,
      subject_id: subject.id,
      token_hash: hashToken(refreshToken),
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      family_expires_at: familyExpiresAt.toISOString(),
      used_at: null,
      revoked_at: null,
      parent_id: parentId,
    })
    .execute();
  return {
    accessToken: sign({ sub: subject.id, typ: subject.type, sid: familyId }),
    accessTokenExpiresAt: new Date(now.getTime() + ACCESS_TOKEN_SECONDS * 1000).toISOString(),
    refreshToken,
    refreshTokenExpiresAt: expiresAt.toISOString(),
  };
}

/**
 * Housekeeping: every token of the families whose absolute lifetime ended before `before`. Used
 * and revoked tokens of live families stay: a replayed one must still be recognised as reuse.
 */
export async function purgeRefreshTokensBefore(db: Db, before: Date): Promise<number> {
  const result = await db
    .deleteFrom('refresh_token')
    .where('family_expires_at', '<', before.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

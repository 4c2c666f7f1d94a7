import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { Invitation } from '@xinfang/shared/schemas/admin';
import type { TokenPair } from '@xinfang/shared/schemas/identity';
import type { Kysely, Transaction } from 'kysely';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { hashPassword, PASSWORD_PROBLEM_MESSAGES, passwordProblem } from '../../security/passwords';
import { reservePasswordCheck } from '../auth/password-attempts';
import { openSession, type SessionSubject, type SignAccessToken } from '../auth/sessions';
import {
  findInvitation,
  findStaffCredentials,
  recordSignIn,
  saveInvitation,
  takeInvitation,
  updateStaff,
} from './staff.repository';

/** How long an invitation can be accepted: long enough to reach someone on a shift roster. */
export const INVITATION_HOURS = 72;

/** Letters and digits without look-alikes (0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;

/** What invitations work with — no more. */
export interface InvitationDeps {
  db: Kysely<DB>;
  /** Signs the access token of the session an accepted invitation opens. */
  signToken: SignAccessToken;
  /** Keys the invitation codes' hashes. */
  hashKey: Buffer;
}

/**
 * Invitations: instead of a temporary password the admin knows, a code (8 characters, about 40
 * bits, throttled like a sign-in and valid for 72 hours) with which the new account's holder
 * chooses their own password — so nobody else ever knew it (OWASP ASVS V6.4.1). An account waiting
 * for its invitation has an unusable password: it cannot sign in any other way.
 */
export function createInvitations({ db, signToken, hashKey }: InvitationDeps) {
  const hash = (staffId: string, code: string) =>
    createHmac('sha256', hashKey).update(`invite\u0000${staffId}\u0000${code}`).digest('hex');

  /** A fresh invitation for the account, replacing any earlier one; the code is shown once. */
  async function issue(
    trx: Kysely<DB> | Transaction<DB>,
    staffId: string,
    by: string,
    now: Date,
  ): Promise<Invitation> {
    const code = Array.from({ length: CODE_LENGTH }, () => ALPHABET.charAt(randomInt(ALPHABET.length))).join(
      '',
    );
    const expiresAt = new Date(now.getTime() + INVITATION_HOURS * 3600 * 1000).toISOString();
    await saveInvitation(trx, {
      staff_id: staffId,
      code_hash: hash(staffId, code),
      expires_at: expiresAt,
      created_by: by,
      created_at: now.toISOString(),
    });
    return { code: `${code.slice(0, 4)}-${code.slice(4)}`, expiresAt };
  }

  /** A password nobody knows, for an account that waits for its invitation. */
  function unusablePasswordHash(): Promise<string> {
    return hashPassword(randomBytes(32).toString('base64url'));
  }

  /** The holder accepts: their own password, and they are signed in. */
  async function accept(
    context: { actor: AuditActor; ip: string; now: Date },
    input: { username: string; code: string; newPassword: string },
  ): Promise<{ subject: SessionSubject; tokens: TokenPair }> {
    const username = input.username.trim().toLowerCase();
    const failure = (
      reason: string,
      outcome: 'failure' | 'denied',
      account?: { id: string; unit_path: string },
    ) =>
      // Whoever sent a wrong code is not the account's holder: the account is the target only.
      recordAudit(
        db,
        context.actor,
        {
          action: 'staff.accept_invitation',
          outcome,
          ...(account ? { target: { type: 'staff', id: account.id }, unitPath: account.unit_path } : {}),
          details: { reason },
        },
        context.now,
      );
    const alreadyUsed = async (account: { id: string; unit_path: string }): Promise<never> => {
      await failure('already_used', 'failure', account);
      throw new AppError('INVALID_CREDENTIALS', '这个邀请已被使用，请用设置好的新密码登录');
    };
    const attempt = await reservePasswordCheck(db, { username, ...context }, () =>
      failure('throttled', 'denied'),
    );
    const account = await findStaffCredentials(db, username);
    const invitation = account ? await findInvitation(db, account.id) : undefined;
    const code = input.code.replace(/[\s-]/g, '').toUpperCase();
    const codeMatches =
      account !== undefined &&
      invitation !== undefined &&
      timingSafeEqual(Buffer.from(invitation.code_hash), Buffer.from(hash(account.id, code)));
    // Only the code's holder learns that it was used: anyone else is told what a wrong code is.
    if (codeMatches && invitation.used_at !== null && account.status === 'active') await alreadyUsed(account);
    const valid =
      codeMatches &&
      account.status === 'active' &&
      invitation.used_at === null &&
      invitation.expires_at > context.now.toISOString();
    if (!valid) {
      await failure(
        !account
          ? 'unknown_user'
          : !invitation
            ? 'no_invitation'
            : account.status !== 'active'
              ? 'disabled'
              : 'wrong_or_expired',
        'failure',
        account,
      );
      throw new AppError('INVALID_CREDENTIALS', '用户名或邀请码不正确，或邀请已过期');
    }
    await attempt.succeeded();
    const problem = await passwordProblem(input.newPassword, username);
    if (problem) throw new AppError('WEAK_PASSWORD', PASSWORD_PROBLEM_MESSAGES[problem], { problem });
    const passwordHash = await hashPassword(input.newPassword);
    const subject: SessionSubject = { type: 'staff', id: account.id };
    const accepted = await db.transaction().execute(async (trx) => {
      // The invitation is taken first, and only if it is still the one checked: of two acceptances
      // at once (a double tap) one wins, and the other sets no password (on MySQL it waits for the
      // first's commit and then finds nothing to take).
      if (!(await takeInvitation(trx, account.id, invitation.code_hash, context.now))) return null;
      await updateStaff(trx, account.id, {
        password_hash: passwordHash,
        must_change_password: 0,
        updated_at: context.now.toISOString(),
      });
      await recordSignIn(trx, account.id, context.now);
      const tokens = await openSession(trx, signToken, subject, context.now);
      await recordAudit(
        trx,
        { ...context.actor, actorType: 'staff', actorId: account.id },
        {
          action: 'staff.accept_invitation',
          outcome: 'success',
          target: { type: 'staff', id: account.id },
          unitPath: account.unit_path,
        },
        context.now,
      );
      return { subject, tokens };
    });
    if (accepted) return accepted;
    return alreadyUsed(account);
  }

  return { issue, unusablePasswordHash, accept };
}

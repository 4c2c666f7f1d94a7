import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { TokenPair } from '@xinfang/shared/schemas/identity';
import type { Kysely, Transaction } from 'kysely';
import { loadPrincipal } from '../../access/principal.repository';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { isUniqueViolation } from '../../db/unique-violation';
import { AppError } from '../../errors';
import { SmsSendError, type SmsSender } from '../../integrations/sms/sms-sender';
import { type WechatAuth, WechatAuthError, type WechatSession } from '../../integrations/wechat/wechat-auth';
import { throttleAddress } from '../../security/address';
import { decoyHash, verifyPassword } from '../../security/passwords';
import { normalize, type PiiCipher } from '../../security/pii';
import { type Bucket, rateLimited, reserve } from '../../security/throttle';
import {
  findPetitionerBy,
  insertPetitioner,
  type PetitionerRow,
  updatePetitioner,
} from '../petitioners/petitioner.repository';
import { findStaffCredentials, findStaffUnitPath, recordSignIn } from '../staff/staff.repository';
import {
  burnIfSpent,
  consumeChallenge,
  createChallenge,
  findLiveChallenge,
  reserveGuess,
} from './otp.repository';
import { reservePasswordCheck } from './password-attempts';
import {
  closeSession,
  openSession,
  rotateSession,
  type SessionSubject,
  type SignAccessToken,
} from './sessions';
import {
  OTP_MAX_ATTEMPTS,
  OTP_SEND_RULES,
  OTP_TTL_SECONDS,
  OTP_VERIFY_RULE,
  wechatLoginBuckets,
} from './throttle-rules';

/** Who is asking, from where, and when: every sign-in is audited with it. */
export interface AuthContext {
  actor: AuditActor;
  ip: string;
  now: Date;
}

export interface SignedIn {
  subject: SessionSubject;
  tokens: TokenPair;
}

/** What signing in works with — no more. */
export interface AuthServiceDeps {
  db: Kysely<DB>;
  pii: PiiCipher;
  signToken: SignAccessToken;
  /** Sends the one-time codes petitioners sign in with on h5. */
  smsSender: Pick<SmsSender, 'sendLoginCode'>;
  wechatAuth: WechatAuth;
  /** Keys the one-time codes' hashes. */
  hashKey: Buffer;
}

/**
 * Signing in and out: staff by password, petitioners by WeChat or by a one-time code, and the
 * refresh-token rotation behind every session. Every attempt, good or bad, is audited.
 */
export function createAuthService({ db, pii, signToken, smsSender, wechatAuth, hashKey }: AuthServiceDeps) {
  /**
   * Audits a sign-in event about `subject`, the account it concerns (the target). The actor is who
   * asked — anonymous for a sign-in or a refresh, which anyone can send — unless `byThem`: a failed
   * sign-in to someone's account was not done by them. Entries about a staff account belong to its
   * unit, so the auditors of its own subtree see its sign-ins and failures; `on` is the transaction
   * of the change, if any.
   */
  async function audit(
    context: AuthContext,
    action: string,
    outcome: 'success' | 'denied' | 'failure',
    extra: {
      subject?: SessionSubject;
      byThem?: boolean;
      details?: Record<string, string | number | boolean | null>;
    } = {},
    on: Kysely<DB> | Transaction<DB> = db,
  ) {
    const subject = extra.subject;
    await recordAudit(
      on,
      {
        ...context.actor,
        ...(subject && extra.byThem ? { actorType: subject.type, actorId: subject.id } : {}),
      },
      {
        action,
        outcome,
        target: subject ? { type: subject.type, id: subject.id } : undefined,
        details: extra.details,
        ...(subject?.type === 'staff' ? { unitPath: await findStaffUnitPath(on, subject.id) } : {}),
      },
      context.now,
    );
  }

  /** Reserves an attempt in every bucket before the check it guards; a refusal is audited and answered 429. */
  async function reserveOrRefuse(buckets: readonly Bucket[], context: AuthContext, action: string) {
    const reservation = await reserve(db, buckets, context.now);
    if (reservation.granted) return reservation;
    await audit(context, action, 'denied', { details: { reason: 'throttled' } });
    throw rateLimited(reservation.until, context.now);
  }

  async function staffLogin(context: AuthContext, username: string, password: string): Promise<SignedIn> {
    const name = username.trim().toLowerCase();
    const attempt = await reservePasswordCheck(db, { username: name, ...context }, () =>
      audit(context, 'auth.staff_login', 'denied', { details: { reason: 'throttled' } }),
    );

    const account = await findStaffCredentials(db, name);
    const passwordOk = await verifyPassword(account?.password_hash ?? (await decoyHash()), password);
    if (!account || !passwordOk || account.status !== 'active') {
      await audit(context, 'auth.staff_login', 'failure', {
        subject: account ? { type: 'staff', id: account.id } : undefined,
        details: { reason: !account ? 'unknown_user' : !passwordOk ? 'wrong_password' : 'disabled' },
      });
      throw new AppError('INVALID_CREDENTIALS', '用户名或密码不正确');
    }

    await attempt.succeeded();
    // A temporary password opens the account for 72 hours (staff.service.ts); after that only the
    // admin's reset does. Said only to whoever knows the password; 'denied', not 'failure': the
    // sign-in alert counts failures as wrong passwords tried.
    const expiresAt = account.must_change_password === 1 ? account.temporary_password_expires_at : null;
    if (expiresAt !== null && expiresAt <= context.now.toISOString()) {
      await audit(context, 'auth.staff_login', 'denied', {
        subject: { type: 'staff', id: account.id },
        details: { reason: 'temporary_password_expired' },
      });
      throw new AppError('INVALID_CREDENTIALS', '临时密码已过期，请联系管理员重置', {
        reason: 'temporary_password_expired',
      });
    }
    const subject: SessionSubject = { type: 'staff', id: account.id };
    return db.transaction().execute(async (trx) => {
      const tokens = await openSession(trx, signToken, subject, context.now);
      await recordSignIn(trx, account.id, context.now);
      await recordAudit(
        trx,
        { ...context.actor, actorType: 'staff', actorId: account.id },
        {
          action: 'auth.staff_login',
          outcome: 'success',
          target: { type: 'staff', id: account.id },
          unitPath: account.unit_path,
        },
        context.now,
      );
      return { subject, tokens };
    });
  }

  async function refresh(context: AuthContext, refreshToken: string): Promise<TokenPair> {
    const outcome = await db
      .transaction()
      .execute((trx) => rotateSession(trx, signToken, refreshToken, context.now));
    if (outcome.kind === 'rotated') {
      // A session of an account disabled since sign-in does not continue.
      if (await loadPrincipal(db, outcome.subject.type, outcome.subject.id)) return outcome.tokens;
      await audit(context, 'auth.refresh', 'denied', {
        subject: outcome.subject,
        details: { reason: 'account_inactive' },
      });
      throw new AppError('UNAUTHENTICATED', '账号已停用', { reason: 'revoked' });
    }
    if (outcome.kind === 'reused') {
      await audit(context, 'auth.refresh', 'denied', {
        subject: outcome.subject,
        details: { reason: 'reuse_detected' },
      });
      throw new AppError('UNAUTHENTICATED', '登录状态已失效，请重新登录', { reason: 'revoked' });
    }
    throw new AppError('UNAUTHENTICATED', '登录状态已失效，请重新登录', {
      reason: outcome.kind === 'expired' ? 'expired' : 'invalid',
    });
  }

  async function logout(context: AuthContext, refreshToken: string): Promise<void> {
    await db.transaction().execute(async (trx) => {
      const subject = await closeSession(trx, refreshToken, context.now);
      // Only the holder of the session's refresh token can end it.
      if (subject) await audit(context, 'auth.logout', 'success', { subject, byThem: true }, trx);
    });
  }

  const otpCodeHash = (challengeId: string, code: string) =>
    createHmac('sha256', hashKey).update(`otp\u0000${challengeId}\u0000${code}`).digest('hex');

  async function requestOtp(
    context: AuthContext,
    phone: string,
  ): Promise<{ expiresAt: string; resendAfter: string }> {
    const phoneHash = pii.lookupHash('phone', phone);
    // A code sent counts, whether or not it is used: nothing is handed back.
    await reserveOrRefuse(
      [
        { key: `otp-minute:${phoneHash}`, rule: OTP_SEND_RULES.phoneMinute },
        { key: `otp-hour:${phoneHash}`, rule: OTP_SEND_RULES.phoneHour },
        { key: `otp-day:${phoneHash}`, rule: OTP_SEND_RULES.phoneDay },
        { key: `otp@${throttleAddress(context.ip)}`, rule: OTP_SEND_RULES.address },
      ],
      context,
      'auth.otp_request',
    );
    // One code a minute: this one opened the minute's window.
    const resendAfter = new Date(context.now.getTime() + OTP_SEND_RULES.phoneMinute.windowSeconds * 1000);

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const expiresAt = new Date(context.now.getTime() + OTP_TTL_SECONDS * 1000);
    await createChallenge(db, phoneHash, (id) => otpCodeHash(id, code), context.now, expiresAt);
    try {
      await smsSender.sendLoginCode(phone, code);
    } catch (error) {
      if (!(error instanceof SmsSendError)) throw error;
      await audit(context, 'auth.otp_request', 'failure', { details: { reason: error.reason } });
      if (error.reason === 'rate_limited') throw new AppError('RATE_LIMITED', '短信发送过于频繁，请稍后再试');
      if (error.reason === 'invalid_phone') throw new AppError('VALIDATION_FAILED', '手机号码无效');
      throw new AppError('SERVICE_UNAVAILABLE', '短信服务暂时不可用，请稍后再试');
    }
    await audit(context, 'auth.otp_request', 'success');
    return { expiresAt: expiresAt.toISOString(), resendAfter: resendAfter.toISOString() };
  }

  /**
   * Checks a one-time code; returns the phone's lookup hash, or throws OTP_INVALID. A code works
   * once; `beforeUse` may refuse a right code before it is spent. The guess is counted before it
   * is compared — per address, and on the code itself, which allows `OTP_MAX_ATTEMPTS` — so
   * parallel guesses cannot outrun either count.
   */
  async function verifyOtp(
    context: AuthContext,
    action: string,
    phone: string,
    code: string,
    beforeUse?: (phoneHash: string) => Promise<void>,
  ): Promise<string> {
    const attempt = await reserveOrRefuse(
      [{ key: `otp-verify@${throttleAddress(context.ip)}`, rule: OTP_VERIFY_RULE }],
      context,
      action,
    );
    const phoneHash = pii.lookupHash('phone', phone);
    const challenge = await findLiveChallenge(db, phoneHash, context.now);
    const guessAllowed =
      challenge !== undefined && (await reserveGuess(db, challenge.id, OTP_MAX_ATTEMPTS, context.now));
    const expected = challenge ? Buffer.from(challenge.code_hash, 'hex') : Buffer.alloc(32);
    const given = Buffer.from(otpCodeHash(challenge?.id ?? '', code), 'hex');
    const matches = guessAllowed && timingSafeEqual(expected, given);
    if (challenge && matches) {
      // A refusal by `beforeUse` comes before the code is spent: it still works for what it says.
      await beforeUse?.(phoneHash);
      if (await consumeChallenge(db, challenge.id, context.now)) {
        await attempt.release();
        return phoneHash;
      }
    }
    if (challenge && guessAllowed) await burnIfSpent(db, challenge.id, OTP_MAX_ATTEMPTS, context.now);
    await audit(context, action, 'failure', {
      details: { reason: challenge && guessAllowed ? 'wrong_code' : 'no_live_code' },
    });
    // Five wrong guesses spend a code: the right one is refused too, so say what to do next.
    throw new AppError('OTP_INVALID', '验证码不对，或已经失效。请核对短信，或重新获取验证码。');
  }

  async function otpLogin(context: AuthContext, phone: string, code: string): Promise<SignedIn> {
    const phoneHash = await verifyOtp(context, 'auth.otp_login', phone, code);
    return db.transaction().execute(async (trx) => {
      let petitioner = await findPetitionerBy(trx, { phoneHash });
      if (!petitioner) {
        petitioner = await createPetitioner(trx, context.now, {
          phone_cipher: pii.encrypt(normalize('phone', phone)),
          phone_hash: phoneHash,
        });
      }
      const subject = await petitionerSubject(petitioner);
      const tokens = await openSession(trx, signToken, subject, context.now);
      await recordAudit(
        trx,
        { ...context.actor, actorType: 'petitioner', actorId: petitioner.id },
        {
          action: 'auth.otp_login',
          outcome: 'success',
          target: { type: 'petitioner', id: petitioner.id },
        },
        context.now,
      );
      return { subject, tokens };
    });
  }

  async function wechatLogin(context: AuthContext, code: string): Promise<SignedIn> {
    const attempt = await reserveOrRefuse(wechatLoginBuckets(context.ip), context, 'auth.wechat_login');
    let session: WechatSession;
    try {
      session = await wechatAuth.code2Session(code);
    } catch (error) {
      if (!(error instanceof WechatAuthError)) throw error;
      await audit(context, 'auth.wechat_login', 'failure', { details: { reason: error.reason } });
      if (error.reason === 'invalid_code')
        throw new AppError('UNAUTHENTICATED', '微信登录凭证无效，请重试', { reason: 'invalid' });
      if (error.reason === 'blocked_user') throw new AppError('FORBIDDEN', '微信拒绝了此次登录');
      // WeChat's rate limit (45011) is the whole app's minute quota, spent by everyone's sign-ins:
      // this person is not going too fast (so not 429), the service is briefly unavailable, and a
      // retry after the minute works.
      if (error.reason === 'rate_limited') {
        throw new AppError('SERVICE_UNAVAILABLE', '微信登录繁忙，请一分钟后再试', { retryAfterSeconds: 60 });
      }
      throw new AppError('SERVICE_UNAVAILABLE', '微信登录暂时不可用，请稍后再试');
    }

    const signIn = () =>
      db.transaction().execute(async (trx) => {
        const at = context.now.toISOString();
        let petitioner = await findPetitionerBy(trx, { openid: session.openid });
        if (!petitioner) {
          petitioner = await createPetitioner(trx, context.now, {
            wechat_openid: session.openid,
            wechat_unionid: session.unionid ?? null,
          });
        } else if (session.unionid && petitioner.wechat_unionid !== session.unionid) {
          await updatePetitioner(trx, petitioner.id, { wechat_unionid: session.unionid, updated_at: at });
        }
        const subject = await petitionerSubject(petitioner);
        const tokens = await openSession(trx, signToken, subject, context.now);
        await recordAudit(
          trx,
          { ...context.actor, actorType: 'petitioner', actorId: petitioner.id },
          {
            action: 'auth.wechat_login',
            outcome: 'success',
            target: { type: 'petitioner', id: petitioner.id },
          },
          context.now,
        );
        return { subject, tokens };
      });
    // A first sign-in sent twice at once (a double tap) finds no account both times: the second's
    // account breaks the openid's unique key, and tried again it finds the one the first made.
    let signedIn: SignedIn;
    try {
      signedIn = await signIn();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      signedIn = await signIn();
    }
    await attempt.release();
    return signedIn;
  }

  /** A petitioner who signed in through WeChat proves a phone is theirs, to be found by it and bind a roster entry. */
  async function bindPhone(
    context: AuthContext,
    petitionerId: string,
    phone: string,
    code: string,
  ): Promise<void> {
    const subject: SessionSubject = { type: 'petitioner', id: petitionerId };
    const heldByAnother = new AppError('ALREADY_EXISTS', '这个手机号已绑定另一个账号，请用手机号登录');
    // Asked only of someone who proved the phone (so it tells nobody else whose it is), and before
    // the code is spent, so the advice to sign in by phone works with the same code.
    const phoneHash = await verifyOtp(context, 'petitioner.bind_phone', phone, code, async (hash) => {
      const holder = await findPetitionerBy(db, { phoneHash: hash });
      if (!holder || holder.id === petitionerId) return;
      await audit(context, 'petitioner.bind_phone', 'denied', {
        subject,
        details: { reason: 'phone_bound_to_another_account' },
      });
      throw heldByAnother;
    });
    await db.transaction().execute(async (trx) => {
      // Checked again in the write: another account may have taken the phone since.
      const holder = await findPetitionerBy(trx, { phoneHash });
      if (holder && holder.id !== petitionerId) throw heldByAnother;
      await updatePetitioner(trx, petitionerId, {
        phone_cipher: pii.encrypt(normalize('phone', phone)),
        phone_hash: phoneHash,
        updated_at: context.now.toISOString(),
      });
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'petitioner.bind_phone',
          outcome: 'success',
          target: { type: 'petitioner', id: petitionerId },
        },
        context.now,
      );
    });
  }

  async function petitionerSubject(petitioner: PetitionerRow): Promise<SessionSubject> {
    if (petitioner.status !== 'active') throw new AppError('FORBIDDEN', '账号已停用，请联系信访办');
    return { type: 'petitioner', id: petitioner.id };
  }

  return { staffLogin, refresh, logout, requestOtp, otpLogin, wechatLogin, bindPhone };
}

async function createPetitioner(
  trx: Parameters<typeof insertPetitioner>[0],
  now: Date,
  identity: {
    wechat_openid?: string;
    wechat_unionid?: string | null;
    phone_cipher?: string;
    phone_hash?: string;
  },
): Promise<PetitionerRow> {
  const at = now.toISOString();
  const row = {
    id: newId(now.getTime()),
    wechat_openid: identity.wechat_openid ?? null,
    wechat_unionid: identity.wechat_unionid ?? null,
    phone_cipher: identity.phone_cipher ?? null,
    phone_hash: identity.phone_hash ?? null,
    real_name: null,
    id_number_cipher: null,
    id_number_hash: null,
    address: null,
    employee_number: null,
    worker_unit_id: null,
    status: 'active' as const,
    created_at: at,
    updated_at: at,
  };
  await insertPetitioner(trx, row);
  const { phone_cipher: _p, id_number_cipher: _i, ...withoutCiphers } = row;
  return withoutCiphers;
}

import { randomInt } from 'node:crypto';
import { maskPhone } from '@xinfang/shared/masking';
import type { CreatedStaff, Invitation, InvitedStaff, StaffHoldings } from '@xinfang/shared/schemas/admin';
import type { StaffAccount, StaffMe, StaffRole, TokenPair } from '@xinfang/shared/schemas/identity';
import type { Kysely, Transaction } from 'kysely';
import { capabilitiesOf } from '../../access/capabilities';
import type { Principal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { AccountStatus, DB } from '../../db/schema';
import { pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import { type Answer, type IdempotencyRequest, once } from '../../http/idempotency';
import {
  hashPassword,
  PASSWORD_PROBLEM_MESSAGES,
  passwordProblem,
  verifyPassword,
} from '../../security/passwords';
import { normalize, type PiiCipher } from '../../security/pii';
import { releaseAccountLock, reservePasswordCheck } from '../auth/password-attempts';
import { closeAllSessions, openSession } from '../auth/sessions';
import { signInAlert } from '../auth/sign-in-alert';
import type { Notifier } from '../notifications/notifier';
import { findUnit, findUnitRef } from '../org/org.repository';
import type { WritePath } from '../petitions/write-path';
import { createInvitations, INVITATION_HOURS, type InvitationDeps } from './invitations';
import {
  deleteInvitation,
  findStaffPasswordHash,
  findStaffUnitPath,
  findStaffUnitRef,
  getStaff,
  insertStaff,
  listStaff,
  lockActiveAdmins,
  type StaffFilter,
  type StaffRow,
  setRoles,
  updateStaff,
  updateUnusedStaff,
  usernameTaken,
} from './staff.repository';
import { assertNothingOrphaned, holdingsOf, placementOf, releaseHandledCases } from './staff-holdings';

type Credential = 'temporary_password' | 'invitation';

/**
 * What an Idempotency-Key keeps of a created account: which account, and how its holder gets in —
 * never the temporary password or the invitation code themselves (see `create`).
 */
interface CreatedReceipt {
  staffId: string;
  credential: Credential;
}

export interface StaffContext {
  principal: Principal | null;
  actor: AuditActor;
  now: Date;
}

/**
 * What the staff service works with — no more: its own, what the invitations it issues need, the
 * write path a disabled 承办人's cases are released through, and the notifier that tells their
 * unit heads.
 */
export interface StaffServiceDeps extends InvitationDeps {
  pii: PiiCipher;
  writer: WritePath;
  notifier: Pick<Notifier, 'notify'>;
}

/**
 * How long a temporary password opens the account: as long as an invitation (72 hours, enough to
 * reach someone on a shift roster). It is shown to the admin and often written down or sent by
 * chat, so it must not work for ever; after that, the admin resets it.
 */
export const TEMPORARY_PASSWORD_HOURS = INVITATION_HOURS;

/** Staff accounts: the admin's work of creating, changing, disabling and resetting them, and one's own password. */
export function createStaffService(deps: StaffServiceDeps) {
  const { db, pii, signToken, writer, notifier } = deps;
  const invitations = createInvitations(deps);

  function toAccount(row: StaffRow): StaffAccount {
    return {
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      roles: row.roles,
      unit: { id: row.unit.id, code: row.unit.code, name: row.unit.name },
      status: row.status,
      phone: row.phoneCipher ? maskPhone(pii.decrypt(row.phoneCipher)) : null,
      mustChangePassword: row.mustChangePassword,
      createdAt: row.createdAt,
      lastSignInAt: row.lastSignInAt,
      invitationExpiresAt: row.invitationExpiresAt,
      temporaryPasswordExpiresAt: row.temporaryPasswordExpiresAt,
    };
  }

  async function load(id: string): Promise<StaffRow> {
    const row = await getStaff(db, id);
    if (!row) throw new AppError('NOT_FOUND', '没有这个账号');
    return row;
  }

  async function describe(id: string): Promise<StaffMe> {
    const row = await load(id);
    return {
      kind: 'staff',
      id: row.id,
      username: row.username,
      displayName: row.displayName,
      roles: row.roles,
      capabilities: capabilitiesOf(row.roles),
      unit: { id: row.unit.id, code: row.unit.code, name: row.unit.name },
      mustChangePassword: row.mustChangePassword,
      signInAlert: await signInAlert(db, row.id),
    };
  }

  async function list(
    context: StaffContext,
    filter: Omit<StaffFilter, 'withinPath'>,
  ): Promise<StaffAccount[]> {
    if (context.principal?.kind !== 'staff') throw new AppError('FORBIDDEN', '仅限工作人员使用');
    const rows = await listStaff(db, { ...filter, withinPath: pathOf(context.principal.unit.path) });
    return rows.map(toAccount);
  }

  async function get(id: string): Promise<StaffAccount> {
    return toAccount(await load(id));
  }

  /** The open cases the account answers for or owns, and the desk it alone keeps (its page). */
  async function holdings(id: string): Promise<StaffHoldings> {
    return holdingsOf(db, placementOf(await load(id)));
  }

  /**
   * A new account in a unit of the admin's subtree (the route checks the unit), with any roles: an
   * account's roles act only within its own unit's subtree, so nobody can be given more reach than
   * the admin who creates them has. Its holder gets in with a temporary password shown once to the
   * admin, or with an invitation to choose their own.
   *
   * Under an Idempotency-Key a retry gets the same account back, not "username taken". The kept
   * answer holds no secret: keeping the temporary password (or invitation code) for the key's
   * 48 hours would keep a working password at rest, encrypted but recoverable. So a retry issues
   * a fresh one for the same account, audited, and the first stops working; only while nobody has
   * signed in to the account yet: after that the retry is refused (ALREADY_EXISTS), and a reset
   * is the way.
   */
  async function create(
    context: StaffContext,
    input: {
      username: string;
      displayName: string;
      unitId: string;
      roles: StaffRole[];
      phone?: string;
      credential?: Credential;
    },
    idem: IdempotencyRequest | null,
  ): Promise<Answer<CreatedStaff> & { replayed: boolean }> {
    const credential: Credential = input.credential ?? 'temporary_password';
    const prepare = async () => {
      await assertActiveUnit(input.unitId);
      const temporaryPassword = credential === 'temporary_password' ? generateTemporaryPassword() : null;
      const passwordHash = temporaryPassword
        ? await hashPassword(temporaryPassword)
        : await invitations.unusablePasswordHash();
      return { temporaryPassword, passwordHash };
    };
    let invitation: Invitation | null = null;
    const insert = async (trx: Transaction<DB>, passwordHash: string): Promise<string> => {
      if (await usernameTaken(trx, input.username)) throw new AppError('ALREADY_EXISTS', '用户名已被使用');
      const at = context.now.toISOString();
      const staffId = newId(context.now.getTime());
      await insertStaff(
        trx,
        {
          id: staffId,
          unit_id: input.unitId,
          username: input.username.toLowerCase(),
          display_name: input.displayName.trim(),
          password_hash: passwordHash,
          ...phoneColumns(input.phone),
          status: 'active',
          must_change_password: credential === 'invitation' ? 0 : 1,
          temporary_password_expires_at:
            credential === 'invitation' ? null : temporaryPasswordExpiry(context.now),
          created_at: at,
          updated_at: at,
          last_sign_in_at: null,
        },
        input.roles,
      );
      await audit(trx, context, 'staff.create', staffId, { roles: input.roles.join(','), credential });
      // Issued in the transaction that commits (a retried transaction issues again).
      invitation =
        credential === 'invitation'
          ? await invitations.issue(trx, staffId, actorIdOf(context), context.now)
          : null;
      return staffId;
    };
    const created = async (staffId: string, temporaryPassword: string | null) => ({
      status: 201,
      body: { account: await get(staffId), temporaryPassword, invitation },
    });

    if (!idem) {
      const { temporaryPassword, passwordHash } = await prepare();
      const staffId = await db.transaction().execute((trx) => insert(trx, passwordHash));
      return { ...(await created(staffId, temporaryPassword)), replayed: false };
    }
    let temporaryPassword: string | null = null;
    const kept = await once<CreatedReceipt, Awaited<ReturnType<typeof prepare>>>(
      db,
      pii,
      idem,
      context.now,
      prepare,
      async (trx, prepared) => {
        temporaryPassword = prepared.temporaryPassword;
        return { status: 201, body: { staffId: await insert(trx, prepared.passwordHash), credential } };
      },
    );
    if (!kept.replayed) return { ...(await created(kept.body.staffId, temporaryPassword)), replayed: false };
    const fresh = await replaceCredential(context, kept.body.staffId, kept.body.credential, {
      refuseIfUsed: new AppError(
        'ALREADY_EXISTS',
        '该账号已由这次请求创建，并已有人登录使用，不再显示临时密码或邀请码；如需要请重置密码',
      ),
      details: { reason: 'create_retried' },
    });
    return {
      status: kept.status,
      body: { account: await get(kept.body.staffId), ...fresh },
      replayed: true,
    };
  }

  /** A new invitation for an account (the old one stops working); only for one nobody signed in to yet. */
  async function invite(context: StaffContext, id: string): Promise<InvitedStaff> {
    const used = new AppError('VALIDATION_FAILED', '该账号已经登录使用过，请改用“重置密码”');
    if ((await load(id)).lastSignInAt !== null) throw used;
    const { invitation } = await replaceCredential(context, id, 'invitation', { refuseIfUsed: used });
    if (!invitation) throw new Error('an invitation was asked for and none was issued');
    return { account: await get(id), invitation };
  }

  /** Signs the account out everywhere, now: every session, on every device (a lost phone). */
  async function endSessions(context: StaffContext, id: string): Promise<StaffAccount> {
    await load(id);
    await db.transaction().execute(async (trx) => {
      await closeAllSessions(trx, { type: 'staff', id }, context.now);
      await audit(trx, context, 'staff.end_sessions', id);
    });
    return get(id);
  }

  async function update(
    context: StaffContext,
    id: string,
    input: {
      displayName?: string;
      unitId?: string;
      roles?: StaffRole[];
      status?: AccountStatus;
      phone?: string | null;
      leaveDeskEmpty?: boolean;
    },
  ): Promise<StaffAccount> {
    const { leaveDeskEmpty = false, ...change } = input;
    const newUnit = change.unitId !== undefined ? await findUnitRef(db, change.unitId) : undefined;
    if (change.unitId !== undefined) {
      assertWithinScope(context.principal, newUnit ?? null, change.unitId);
      await assertActiveUnit(change.unitId);
    }
    const self =
      context.principal?.kind === 'staff' && context.principal.id === id ? context.principal : null;
    if (
      self &&
      (change.status === 'disabled' ||
        change.roles !== undefined ||
        (change.unitId !== undefined && change.unitId !== self.unit.id))
    ) {
      throw new AppError('FORBIDDEN', '不能停用自己的账号、修改自己的角色或调动自己的单位');
    }
    await db.transaction().execute(async (trx) => {
      await keepAnAdministratorAtTheTop(trx, id, change);
      const before = await getStaff(trx, id);
      if (!before) throw new AppError('NOT_FOUND', '没有这个账号');
      // Nobody works in a retired unit: an account enabled again there is moved first.
      if (change.status === 'active' && before.status !== 'active' && change.unitId === undefined)
        await assertActiveUnit(
          before.unit.id,
          trx,
          '/body/status',
          '该账号所在单位已撤销，请先把他调到在用的单位再启用',
        );
      await assertNothingOrphaned(
        trx,
        placementOf(before),
        { unit: newUnit ?? undefined, roles: change.roles, status: change.status },
        leaveDeskEmpty,
      );
      await updateStaff(trx, id, {
        ...(change.displayName !== undefined ? { display_name: change.displayName.trim() } : {}),
        ...(change.unitId !== undefined ? { unit_id: change.unitId } : {}),
        ...(change.status !== undefined ? { status: change.status } : {}),
        ...(change.phone !== undefined ? phoneColumns(change.phone ?? undefined) : {}),
        updated_at: context.now.toISOString(),
      });
      if (change.roles) await setRoles(trx, id, change.roles);
      const disabled = change.status === 'disabled' && before.status !== 'disabled';
      // A disabled account is signed out everywhere at once (its access tokens stop at the next
      // request), and answers for no case any more (Art 24).
      const released = disabled ? await releaseHandledCases(trx, { writer, notifier }, id, context) : 0;
      if (change.status === 'disabled') await closeAllSessions(trx, { type: 'staff', id }, context.now);
      const moved = change.unitId !== undefined && change.unitId !== before.unit.id;
      const displayName = change.displayName?.trim();
      const details = {
        fields: Object.keys(change).sort().join(','),
        ...(displayName !== undefined && displayName !== before.displayName
          ? { 'displayName.before': before.displayName, 'displayName.after': displayName }
          : {}),
        ...(change.status !== undefined && change.status !== before.status
          ? { 'status.before': before.status, 'status.after': change.status }
          : {}),
        ...(moved ? { fromUnitId: before.unit.id, toUnitId: change.unitId as string } : {}),
        ...(change.roles
          ? { rolesBefore: before.roles.join(','), rolesAfter: [...new Set(change.roles)].join(',') }
          : {}),
        ...(released > 0 ? { casesReleased: released } : {}),
        ...(leaveDeskEmpty ? { leaveDeskEmpty: true } : {}),
      };
      await audit(trx, context, 'staff.update', id, details);
      // Auditors read their own subtree only: the unit a member leaves sees the move too, from an
      // entry of its own, unless the new unit lies inside it.
      const to = await findStaffUnitPath(trx, id);
      if (moved && to && !to.startsWith(before.unit.path)) {
        await audit(trx, context, 'staff.update', id, details, before.unit.path);
      }
    });
    return get(id);
  }

  async function resetPassword(
    context: StaffContext,
    id: string,
  ): Promise<{ account: StaffAccount; temporaryPassword: string }> {
    const { temporaryPassword } = await replaceCredential(context, id, 'temporary_password');
    if (!temporaryPassword) throw new Error('a temporary password was asked for and none was made');
    return { account: await get(id), temporaryPassword };
  }

  /**
   * A fresh way in for an account, shown once: a temporary password (the pending invitation goes)
   * or an invitation (replacing the pending one). The old password stops working and every session
   * ends, and any sign-in lock on the account is lifted (password-attempts.ts). `refuseIfUsed`:
   * only while nobody has signed in to the account, checked in the write.
   */
  async function replaceCredential(
    context: StaffContext,
    id: string,
    credential: Credential,
    options: { refuseIfUsed?: AppError; details?: Record<string, string> } = {},
  ): Promise<{ temporaryPassword: string | null; invitation: Invitation | null }> {
    const { username } = await load(id);
    const temporaryPassword = credential === 'temporary_password' ? generateTemporaryPassword() : null;
    const passwordHash = temporaryPassword
      ? await hashPassword(temporaryPassword)
      : await invitations.unusablePasswordHash();
    const invitation = await db.transaction().execute(async (trx) => {
      const changes = {
        password_hash: passwordHash,
        must_change_password: temporaryPassword ? 1 : 0,
        temporary_password_expires_at: temporaryPassword ? temporaryPasswordExpiry(context.now) : null,
        updated_at: context.now.toISOString(),
      };
      if (!options.refuseIfUsed) await updateStaff(trx, id, changes);
      else if (!(await updateUnusedStaff(trx, id, changes))) throw options.refuseIfUsed;
      await closeAllSessions(trx, { type: 'staff', id }, context.now);
      let issued: Invitation | null = null;
      if (temporaryPassword) await deleteInvitation(trx, id);
      else issued = await invitations.issue(trx, id, actorIdOf(context), context.now);
      await audit(
        trx,
        context,
        temporaryPassword ? 'staff.reset_password' : 'staff.invite',
        id,
        options.details,
      );
      return issued;
    });
    // After the commit: throttle counts are never written inside a transaction (throttle.ts).
    await releaseAccountLock(db, username);
    return { temporaryPassword, invitation };
  }

  /**
   * A new password ends every session of the account (OWASP ASVS V7.4.3: whoever may have known the
   * old one is signed out) and opens a fresh one for the person who changed it.
   */
  async function changeOwnPassword(context: StaffContext, current: string, next: string): Promise<TokenPair> {
    if (context.principal?.kind !== 'staff') throw new AppError('FORBIDDEN', '仅限工作人员使用');
    const staffId = context.principal.id;
    const failure = (
      reason: string,
      outcome: 'failure' | 'denied' = 'failure',
      more: Record<string, string> = {},
    ) =>
      recordAudit(
        db,
        context.actor,
        {
          action: 'staff.change_password',
          outcome,
          target: { type: 'staff', id: staffId },
          details: { reason, ...more },
          unitPath: pathOf(context.principal?.kind === 'staff' ? context.principal.unit.path : []),
        },
        context.now,
      );
    // Checking the current password is a sign-in attempt: it counts in the sign-in throttle.
    const account = await load(staffId);
    const attempt = await reservePasswordCheck(
      db,
      {
        username: account.username,
        ip: context.actor.ip ?? 'unknown',
        actor: context.actor,
        now: context.now,
      },
      () => failure('throttled', 'denied'),
    );
    const stored = await findStaffPasswordHash(db, staffId);
    if (!stored || !(await verifyPassword(stored, current))) {
      await failure('wrong_password');
      throw new AppError('INVALID_CREDENTIALS', '当前密码不正确');
    }
    await attempt.succeeded();
    const problem = await passwordProblem(next, account.username, current);
    if (problem) {
      // 'denied', not 'failure': the sign-in alert counts failures as wrong passwords tried.
      await failure('weak_password', 'denied', { problem });
      throw new AppError('WEAK_PASSWORD', PASSWORD_PROBLEM_MESSAGES[problem], { problem });
    }
    const passwordHash = await hashPassword(next);
    return db.transaction().execute(async (trx) => {
      await updateStaff(trx, staffId, {
        password_hash: passwordHash,
        must_change_password: 0,
        temporary_password_expires_at: null,
        updated_at: context.now.toISOString(),
      });
      await closeAllSessions(trx, { type: 'staff', id: staffId }, context.now);
      const tokens = await openSession(trx, signToken, { type: 'staff', id: staffId }, context.now);
      await audit(trx, context, 'staff.change_password', staffId);
      return tokens;
    });
  }

  /**
   * The top unit keeps at least one active administrator: only an administrator there can manage
   * the whole tree (units, categories, the calendar) and appoint the others, so without one nobody
   * could. A change that would take the last one away — disabling, removing the role, moving down —
   * is refused. The top's administrators are locked first (`lockActiveAdmins`), so two such changes
   * at once wait for each other and the second sees the first.
   */
  async function keepAnAdministratorAtTheTop(
    trx: Transaction<DB>,
    id: string,
    change: { unitId?: string; roles?: StaffRole[]; status?: AccountStatus },
  ): Promise<void> {
    const unit = await findStaffUnitRef(trx, id);
    const top = unit?.path[0];
    if (!top) return;
    const leaves =
      change.status === 'disabled' ||
      (change.roles !== undefined && !change.roles.includes('admin')) ||
      (change.unitId !== undefined && change.unitId !== top);
    if (!leaves) return;
    const admins = await lockActiveAdmins(trx, top);
    if (admins.length === 1 && admins[0] === id) {
      throw new AppError(
        'LAST_ADMIN',
        '这是最高一级单位唯一在用的管理员，不能停用、取消管理员角色或调往其他单位；请先为该单位另设一名管理员',
      );
    }
  }

  /** Nobody is placed (or enabled again) in a retired unit: its work has moved elsewhere. */
  async function assertActiveUnit(
    unitId: string,
    on: Kysely<DB> | Transaction<DB> = db,
    path = '/body/unitId',
    message = '单位不存在或已撤销',
  ): Promise<void> {
    const unit = await findUnit(on, { id: unitId });
    if (!unit || unit.retired_at) {
      throw new AppError('VALIDATION_FAILED', message, [{ path, message: 'is not an active unit' }]);
    }
  }

  function phoneColumns(phone: string | undefined) {
    return phone
      ? {
          phone_cipher: pii.encrypt(normalize('phone', phone)),
          phone_hash: pii.lookupHash('phone', phone),
        }
      : { phone_cipher: null, phone_hash: null };
  }

  async function audit(
    trx: Parameters<typeof recordAudit>[0],
    context: StaffContext,
    action: string,
    staffId: string,
    details?: Record<string, string | number | boolean>,
    unitPath?: string,
  ): Promise<void> {
    // The entry belongs to the account's unit (after the change), so that subtree's auditors see it.
    await recordAudit(
      trx,
      context.actor,
      {
        action,
        outcome: 'success',
        target: { type: 'staff', id: staffId },
        details,
        unitPath: unitPath ?? (await findStaffUnitPath(trx, staffId)),
      },
      context.now,
    );
  }

  return {
    describe,
    list,
    get,
    holdings,
    create,
    invite,
    endSessions,
    update,
    resetPassword,
    changeOwnPassword,
  };
}

function temporaryPasswordExpiry(now: Date): string {
  return new Date(now.getTime() + TEMPORARY_PASSWORD_HOURS * 3600_000).toISOString();
}

function actorIdOf(context: StaffContext): string {
  if (!context.actor.actorId) throw new AppError('UNAUTHENTICATED', '请先登录');
  return context.actor.actorId;
}

/** 12 characters from an alphabet without look-alikes: about 60 bits, to be changed at first sign-in. */
export function generateTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  return Array.from({ length: 12 }, () => alphabet.charAt(randomInt(alphabet.length))).join('');
}

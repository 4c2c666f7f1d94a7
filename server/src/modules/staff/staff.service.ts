import { randomInt } from 'node:crypto';
import { maskPhone } from '@xinfang/shared/masking';
import type { CreatedStaff, InvitedStaff } from '@xinfang/shared/schemas/admin';
import type { StaffAccount, StaffMe, StaffRole, TokenPair } from '@xinfang/shared/schemas/identity';
import { capabilitiesOf } from '../../access/capabilities';
import type { Principal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { AccountStatus } from '../../db/schema';
import { pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import {
  hashPassword,
  PASSWORD_PROBLEM_MESSAGES,
  passwordProblem,
  verifyPassword,
} from '../../security/passwords';
import { normalize, type PiiCipher } from '../../security/pii';
import { reservePasswordCheck } from '../auth/password-attempts';
import { closeAllSessions, openSession } from '../auth/sessions';
import { signInAlert } from '../auth/sign-in-alert';
import { findUnit, findUnitRef } from '../org/org.repository';
import { createInvitations, type InvitationDeps } from './invitations';
import {
  deleteInvitation,
  findStaffPasswordHash,
  findStaffUnitPath,
  getStaff,
  insertStaff,
  listStaff,
  type StaffFilter,
  type StaffRow,
  setRoles,
  updateStaff,
  usernameTaken,
} from './staff.repository';

export interface StaffContext {
  principal: Principal | null;
  actor: AuditActor;
  now: Date;
}

/** What the staff service works with — no more: its own, and what the invitations it issues need. */
export interface StaffServiceDeps extends InvitationDeps {
  pii: PiiCipher;
}

/** Staff accounts: the admin's work of creating, changing, disabling and resetting them, and one's own password. */
export function createStaffService(deps: StaffServiceDeps) {
  const { db, pii, signToken } = deps;
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

  /**
   * A new account in a unit of the admin's subtree (the route checks the unit), with any roles: an
   * account's roles act only within its own unit's subtree, so nobody can be given more reach than
   * the admin who creates them has. Its holder gets in with a temporary password shown once to the
   * admin, or with an invitation to choose their own.
   */
  async function create(
    context: StaffContext,
    input: {
      username: string;
      displayName: string;
      unitId: string;
      roles: StaffRole[];
      phone?: string;
      credential?: 'temporary_password' | 'invitation';
    },
  ): Promise<CreatedStaff> {
    const invited = input.credential === 'invitation';
    const temporaryPassword = invited ? null : generateTemporaryPassword();
    const passwordHash = temporaryPassword
      ? await hashPassword(temporaryPassword)
      : await invitations.unusablePasswordHash();
    await assertActiveUnit(input.unitId);
    const { id, invitation } = await db.transaction().execute(async (trx) => {
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
          must_change_password: invited ? 0 : 1,
          created_at: at,
          updated_at: at,
          last_sign_in_at: null,
        },
        input.roles,
      );
      await audit(trx, context, 'staff.create', staffId, {
        roles: input.roles.join(','),
        credential: invited ? 'invitation' : 'temporary_password',
      });
      return {
        id: staffId,
        invitation: invited ? await invitations.issue(trx, staffId, actorIdOf(context), context.now) : null,
      };
    });
    return { account: await get(id), temporaryPassword, invitation };
  }

  /** A new invitation for an account (the old one stops working); only for one nobody signed in to yet. */
  async function invite(context: StaffContext, id: string): Promise<InvitedStaff> {
    const account = await load(id);
    if (account.lastSignInAt !== null) {
      throw new AppError('VALIDATION_FAILED', '该账号已经登录使用过，请改用“重置密码”');
    }
    const passwordHash = await invitations.unusablePasswordHash();
    const invitation = await db.transaction().execute(async (trx) => {
      await updateStaff(trx, id, {
        password_hash: passwordHash,
        must_change_password: 0,
        updated_at: context.now.toISOString(),
      });
      await closeAllSessions(trx, { type: 'staff', id }, context.now);
      const issued = await invitations.issue(trx, id, actorIdOf(context), context.now);
      await audit(trx, context, 'staff.invite', id);
      return issued;
    });
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
    },
  ): Promise<StaffAccount> {
    if (input.unitId !== undefined) {
      assertWithinScope(context.principal, await findUnitRef(db, input.unitId), input.unitId);
      await assertActiveUnit(input.unitId);
    }
    if (context.principal?.id === id && (input.status === 'disabled' || input.roles !== undefined)) {
      throw new AppError('FORBIDDEN', '不能停用自己的账号或修改自己的角色');
    }
    await db.transaction().execute(async (trx) => {
      await updateStaff(trx, id, {
        ...(input.displayName !== undefined ? { display_name: input.displayName.trim() } : {}),
        ...(input.unitId !== undefined ? { unit_id: input.unitId } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.phone !== undefined ? phoneColumns(input.phone ?? undefined) : {}),
        updated_at: context.now.toISOString(),
      });
      if (input.roles) await setRoles(trx, id, input.roles);
      // A disabled account is signed out everywhere at once (its access tokens stop at the next request).
      if (input.status === 'disabled') await closeAllSessions(trx, { type: 'staff', id }, context.now);
      await audit(trx, context, 'staff.update', id, {
        fields: Object.keys(input).sort().join(','),
        ...(input.status ? { status: input.status } : {}),
        ...(input.roles ? { roles: input.roles.join(',') } : {}),
      });
    });
    return get(id);
  }

  async function resetPassword(
    context: StaffContext,
    id: string,
  ): Promise<{ account: StaffAccount; temporaryPassword: string }> {
    const temporaryPassword = generateTemporaryPassword();
    const passwordHash = await hashPassword(temporaryPassword);
    await db.transaction().execute(async (trx) => {
      await updateStaff(trx, id, {
        password_hash: passwordHash,
        must_change_password: 1,
        updated_at: context.now.toISOString(),
      });
      await closeAllSessions(trx, { type: 'staff', id }, context.now);
      await deleteInvitation(trx, id);
      await audit(trx, context, 'staff.reset_password', id);
    });
    return { account: await get(id), temporaryPassword };
  }

  /**
   * A new password ends every session of the account (OWASP ASVS V7.4.3: whoever may have known the
   * old one is signed out) and opens a fresh one for the person who changed it.
   */
  async function changeOwnPassword(context: StaffContext, current: string, next: string): Promise<TokenPair> {
    if (context.principal?.kind !== 'staff') throw new AppError('FORBIDDEN', '仅限工作人员使用');
    const staffId = context.principal.id;
    const failure = (reason: string, outcome: 'failure' | 'denied' = 'failure') =>
      recordAudit(
        db,
        context.actor,
        {
          action: 'staff.change_password',
          outcome,
          target: { type: 'staff', id: staffId },
          details: { reason },
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
    const problem = await passwordProblem(next, account.username);
    if (problem) throw new AppError('WEAK_PASSWORD', PASSWORD_PROBLEM_MESSAGES[problem], { problem });
    const passwordHash = await hashPassword(next);
    return db.transaction().execute(async (trx) => {
      await updateStaff(trx, staffId, {
        password_hash: passwordHash,
        must_change_password: 0,
        updated_at: context.now.toISOString(),
      });
      await closeAllSessions(trx, { type: 'staff', id: staffId }, context.now);
      const tokens = await openSession(trx, signToken, { type: 'staff', id: staffId }, context.now);
      await audit(trx, context, 'staff.change_password', staffId);
      return tokens;
    });
  }

  /** Nobody is placed in a retired unit: its work has moved elsewhere. */
  async function assertActiveUnit(unitId: string): Promise<void> {
    const unit = await findUnit(db, { id: unitId });
    if (!unit || unit.retired_at) {
      throw new AppError('VALIDATION_FAILED', '单位不存在或已撤销', [
        { path: '/body/unitId', message: 'is not an active unit' },
      ]);
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
    details?: Record<string, string>,
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
        unitPath: await findStaffUnitPath(trx, staffId),
      },
      context.now,
    );
  }

  return { describe, list, get, create, invite, endSessions, update, resetPassword, changeOwnPassword };
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

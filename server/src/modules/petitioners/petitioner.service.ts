import { canonicalEmployeeNumber } from '@xinfang/shared/employee-number';
import { maskIdNumber, maskPhone } from '@xinfang/shared/masking';
import type { PetitionerMe } from '@xinfang/shared/schemas/identity';
import type { PetitionerMatch } from '@xinfang/shared/schemas/petitions';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { normalize, type PiiCipher } from '../../security/pii';
import { findUnit } from '../org/org.repository';
import { findRosterEntry } from '../roster/roster.repository';
import {
  findKnownByPhone,
  findPetitionerBy,
  findPetitionerNumbers,
  updatePetitioner,
} from './petitioner.repository';

export interface PetitionerContext {
  actor: AuditActor;
  petitionerId: string;
  now: Date;
}

/** What the petitioner service works with — no more. */
export interface PetitionerServiceDeps {
  db: Kysely<DB>;
  pii: PiiCipher;
}

/** A petitioner's own account: what they see of themselves (numbers masked), and what they may change. */
export function createPetitionerService({ db, pii }: PetitionerServiceDeps) {
  async function describe(petitionerId: string): Promise<PetitionerMe> {
    const row = await findPetitionerBy(db, { id: petitionerId });
    if (!row) throw new AppError('NOT_FOUND', '账号不存在');
    const numbers = await findPetitionerNumbers(db, petitionerId);
    const workerUnit = row.worker_unit_id ? await findUnit(db, { id: row.worker_unit_id }) : undefined;
    const worker = workerUnit && { id: workerUnit.id, code: workerUnit.code, name: workerUnit.name };
    return {
      kind: 'petitioner',
      id: row.id,
      realName: row.real_name,
      phone: numbers?.phone_cipher ? maskPhone(pii.decrypt(numbers.phone_cipher)) : null,
      idNumber: numbers?.id_number_cipher ? maskIdNumber(pii.decrypt(numbers.id_number_cipher)) : null,
      address: row.address,
      wechatLinked: row.wechat_openid !== null,
      worker: worker && row.employee_number ? { employeeNumber: row.employee_number, unit: worker } : null,
    };
  }

  async function updateProfile(
    context: PetitionerContext,
    changes: { realName?: string; idNumber?: string; address?: string },
  ): Promise<PetitionerMe> {
    await db.transaction().execute(async (trx) => {
      await updatePetitioner(trx, context.petitionerId, {
        ...(changes.realName !== undefined ? { real_name: changes.realName.trim() } : {}),
        ...(changes.address !== undefined ? { address: changes.address.trim() } : {}),
        ...(changes.idNumber !== undefined
          ? {
              id_number_cipher: pii.encrypt(normalize('id_number', changes.idNumber)),
              id_number_hash: pii.lookupHash('id_number', changes.idNumber),
            }
          : {}),
        updated_at: context.now.toISOString(),
      });
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'petitioner.update_profile',
          outcome: 'success',
          target: { type: 'petitioner', id: context.petitionerId },
          details: { fields: Object.keys(changes).sort().join(',') },
        },
        context.now,
      );
    });
    return describe(context.petitionerId);
  }

  /**
   * A worker proves they are one: the employee number, their name and the phone they signed in
   * with must match one roster entry the admin imported. Then they count as a worker of that unit.
   */
  async function bindEmployee(
    context: PetitionerContext,
    employeeNumber: string,
    realName: string,
  ): Promise<PetitionerMe> {
    const refusal = await db.transaction().execute(async (trx) => {
      const petitioner = await findPetitionerBy(trx, { id: context.petitionerId });
      const entry = await findRosterEntry(trx, canonicalEmployeeNumber(employeeNumber));
      if (!petitioner?.phone_hash) return 'no_phone' as const;
      const matches =
        entry !== undefined &&
        entry.name === realName.trim() &&
        pii.sameLookupHash(entry.phone_hash, petitioner.phone_hash);
      if (!matches || !entry) return 'no_match' as const;
      const holder = await findPetitionerBy(trx, { employeeNumber: entry.employee_number });
      if (holder && holder.id !== context.petitionerId) {
        throw new AppError('ALREADY_EXISTS', '这个工号已被另一个账号认证');
      }
      await updatePetitioner(trx, context.petitionerId, {
        employee_number: entry.employee_number,
        worker_unit_id: entry.unit_id,
        real_name: entry.name,
        updated_at: context.now.toISOString(),
      });
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'petitioner.bind_employee',
          outcome: 'success',
          target: { type: 'petitioner', id: context.petitionerId },
          details: { unitId: entry.unit_id },
        },
        context.now,
      );
      return null;
    });
    if (refusal) {
      // Audited after the transaction: writing through another connection inside it would wait
      // for the transaction's own connection forever on SQLite, which has only one.
      await recordAudit(
        db,
        context.actor,
        {
          action: 'petitioner.bind_employee',
          outcome: 'failure',
          target: { type: 'petitioner', id: context.petitionerId },
          details: { reason: refusal },
        },
        context.now,
      );
      throw new AppError(
        'ROSTER_MISMATCH',
        refusal === 'no_match'
          ? '工号、姓名与登录手机号不匹配，请核对或联系单位信访信息员'
          : '请先绑定手机号，再认证职工身份',
      );
    }
    return describe(context.petitionerId);
  }

  /**
   * Reception looks a caller or visitor up by the phone they give: the people with that phone
   * (signed in with it, or registered at a desk with it) who brought a petition the clerk may see
   * — whom he already knows — and never an accuser hidden from him (Art 30). Anyone else's name
   * and address stay unknown to him (registered-person.ts). Masked; every search audited.
   */
  async function findByPhone(
    context: { actor: AuditActor; now: Date },
    staff: StaffPrincipal,
    phone: string,
  ): Promise<PetitionerMatch[]> {
    const phoneHash = pii.lookupHash('phone', phone);
    const rows = await findKnownByPhone(db, phoneHash, staff);
    await recordAudit(
      db,
      context.actor,
      { action: 'petitioner.search', outcome: 'success', details: { found: rows.length > 0 } },
      context.now,
    );
    return rows.map((row) => ({
      id: row.id,
      realName: row.real_name,
      phone: maskPhone(normalize('phone', phone)),
      address: row.address,
      worker: row.worker_unit_id !== null,
    }));
  }

  return { describe, updateProfile, bindEmployee, findByPhone };
}

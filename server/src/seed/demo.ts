import type { Kysely } from 'kysely';
import { newId } from '../db/ids';
import type { DB } from '../db/schema';
import { hashPassword } from '../security/passwords';
import { normalize, type PiiCipher } from '../security/pii';
import { DEMO_ORG, type DemoUnit } from './demo-org';
import {
  DEMO_PETITIONERS,
  DEMO_ROSTER,
  DEMO_STAFF,
  DEMO_STAFF_PASSWORD,
  type DemoStaff,
} from './demo-people';

/**
 * Seeds the demo organisation and people, but only into an empty database: seeding must never mix
 * invented data into real records. The caller decides whether seeding is wanted at all (the config
 * refuses it in production).
 */
export async function seedDemoIfEmpty(
  db: Kysely<DB>,
  pii: PiiCipher,
  now: Date = new Date(),
): Promise<boolean> {
  const staffPasswordHash = await hashPassword(DEMO_STAFF_PASSWORD);
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('org_unit').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    const at = now.toISOString();
    const unitIds = new Map<string, string>();
    await insertUnit(trx, DEMO_ORG, null, '/', 0, 0, at, unitIds);
    const unit = (code: string) => {
      const id = unitIds.get(code);
      if (!id) throw new Error(`demo data names an unknown unit ${code}`);
      return id;
    };

    for (const staff of DEMO_STAFF)
      await insertDemoStaff(trx, pii, staff, unit(staff.unitCode), staffPasswordHash, now);

    await trx
      .insertInto('employee_roster')
      .values(
        DEMO_ROSTER.map((entry) => ({
          employee_number: entry.employeeNumber,
          name: entry.name,
          phone_hash: pii.lookupHash('phone', entry.phone),
          unit_id: unit(entry.unitCode),
          imported_at: at,
        })),
      )
      .execute();

    for (const person of DEMO_PETITIONERS) {
      const roster = DEMO_ROSTER.find((r) => r.employeeNumber === person.employeeNumber);
      await trx
        .insertInto('petitioner_account')
        .values({
          id: newId(now.getTime()),
          wechat_openid: null,
          wechat_unionid: null,
          phone_cipher: pii.encrypt(normalize('phone', person.phone)),
          phone_hash: pii.lookupHash('phone', person.phone),
          real_name: person.realName,
          id_number_cipher: null,
          id_number_hash: null,
          address: person.address,
          employee_number: roster?.employeeNumber ?? null,
          worker_unit_id: roster ? unit(roster.unitCode) : null,
          status: 'active',
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    return true;
  });
}

/** One demo staff account with its roles, as an administrator would make it, in unit `unitId`. */
export async function insertDemoStaff(
  trx: Kysely<DB>,
  pii: PiiCipher,
  staff: DemoStaff,
  unitId: string,
  passwordHash: string,
  now: Date,
): Promise<void> {
  const id = newId(now.getTime());
  const at = now.toISOString();
  await trx
    .insertInto('staff_account')
    .values({
      id,
      unit_id: unitId,
      username: staff.username,
      display_name: staff.displayName,
      password_hash: passwordHash,
      phone_cipher: staff.phone ? pii.encrypt(normalize('phone', staff.phone)) : null,
      phone_hash: staff.phone ? pii.lookupHash('phone', staff.phone) : null,
      status: 'active',
      must_change_password: 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await trx
    .insertInto('staff_role')
    .values(staff.roles.map((role) => ({ staff_id: id, role })))
    .execute();
}

async function insertUnit(
  trx: Kysely<DB>,
  unit: DemoUnit,
  parentId: string | null,
  parentPath: string,
  depth: number,
  sortOrder: number,
  at: string,
  ids: Map<string, string>,
): Promise<void> {
  const id = newId();
  ids.set(unit.code, id);
  const path = `${parentPath}${id}/`;
  await trx
    .insertInto('org_unit')
    .values({
      id,
      parent_id: parentId,
      path,
      depth,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      address: unit.address ?? null,
      reception_hours: unit.receptionHours ?? null,
      phone: unit.phone ?? null,
      receives_petitions: unit.receivesPetitions ? 1 : 0,
      letter_address: unit.letterAddress ?? null,
      email: unit.email ?? null,
      fax: null,
      online_address: unit.onlineAddress ?? null,
      aliases: (unit.aliases ?? []).join(' '),
      sort_order: sortOrder,
      retired_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  for (const [index, child] of (unit.children ?? []).entries()) {
    await insertUnit(trx, child, id, path, depth + 1, index, at, ids);
  }
}

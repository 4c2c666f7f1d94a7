import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB, PetitionerAccountTable } from '../../db/schema';
import { knownToStaff } from './registered-person';

type Db = Kysely<DB> | Transaction<DB>;

/** Everything but the encrypted numbers, which are read only through `findPetitionerNumbers`. */
const COLUMNS = [
  'id',
  'wechat_openid',
  'wechat_unionid',
  'phone_hash',
  'real_name',
  'id_number_hash',
  'address',
  'employee_number',
  'worker_unit_id',
  'status',
  'created_at',
  'updated_at',
] as const;

export interface PetitionerRow {
  id: string;
  wechat_openid: string | null;
  wechat_unionid: string | null;
  phone_hash: string | null;
  real_name: string | null;
  id_number_hash: string | null;
  address: string | null;
  employee_number: string | null;
  worker_unit_id: string | null;
  status: PetitionerAccountTable['status'];
  created_at: string;
  updated_at: string;
}

export async function findPetitionerBy(
  db: Db,
  by: { id: string } | { openid: string } | { phoneHash: string } | { employeeNumber: string },
): Promise<PetitionerRow | undefined> {
  const query = db.selectFrom('petitioner_account').select(COLUMNS);
  if ('id' in by) return query.where('id', '=', by.id).executeTakeFirst();
  if ('openid' in by) return query.where('wechat_openid', '=', by.openid).executeTakeFirst();
  if ('employeeNumber' in by)
    return query.where('employee_number', '=', by.employeeNumber).executeTakeFirst();
  return query.where('phone_hash', '=', by.phoneHash).executeTakeFirst();
}

/**
 * The active people with this phone (signed in with it, or registered at a desk with it) whom the
 * staff member already knows (registered-person.ts), most recently changed first; at most 10.
 */
export async function findKnownByPhone(db: Db, phoneHash: string, staff: StaffPrincipal) {
  return db
    .selectFrom('petitioner_account')
    .select(['id', 'real_name', 'address', 'worker_unit_id'])
    .where((eb) => eb.or([eb('phone_hash', '=', phoneHash), eb('contact_phone_hash', '=', phoneHash)]))
    .where('status', '=', 'active')
    .where(knownToStaff(staff))
    .orderBy('updated_at', 'desc')
    .limit(10)
    .execute();
}

/** What a profile is filled from: the ID number stays encrypted, copied as it is and never read. */
export async function findProfileDetails(db: Db, id: string) {
  return db
    .selectFrom('petitioner_account')
    .select(['real_name', 'address', 'id_number_cipher', 'id_number_hash'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The encrypted phone and ID numbers: read only to mask them for display or to reveal them (audited). */
export async function findPetitionerNumbers(db: Db, id: string) {
  return db
    .selectFrom('petitioner_account')
    .select(['phone_cipher', 'id_number_cipher'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertPetitioner(db: Db, row: Insertable<PetitionerAccountTable>): Promise<void> {
  await db.insertInto('petitioner_account').values(row).execute();
}

export async function updatePetitioner(
  db: Db,
  id: string,
  changes: Updateable<PetitionerAccountTable>,
): Promise<void> {
  await db.updateTable('petitioner_account').set(changes).where('id', '=', id).execute();
}

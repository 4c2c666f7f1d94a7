import type { RegisterPetitionBody } from '@xinfang/shared/schemas/petitions';
import { type RawBuilder, type SqlBool, sql, type Transaction } from 'kysely';
import { accuserShown } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { normalize, type PiiCipher } from '../../security/pii';
import { staffSeesPetition } from '../petitions/visibility';

/**
 * Who a registration at the desk is for (Art 19: a petition states a name and an address; Art 21:
 * reception registers it). A registration never writes into anybody's sign-in account: it is held
 * by a *registered person* — a petitioner record with the details the clerk typed and no way to
 * sign in — and joins an account only when the holder of the registered phone says it is theirs
 * (registration-claims.ts). So a clerk learns nothing about a person beyond what he typed, and
 * nobody finds a petition in their own list that they did not bring (PIPL Art 14: their consent).
 *
 * A clerk may name a person he already knows — one whose petition he may see, and whose accuser
 * identity is not hidden from him (Art 30) — by id: a registered person keeps their record; a
 * person with an account gets a new registered record with the name, address and phone already
 * shown to the clerk, and confirms it like any other.
 */
export interface RegisteredHolder {
  petitionerId: string;
  /** The phone whose holder may claim the petition, as its lookup hash; null when none was given. */
  claimPhoneHash: string | null;
  /** A registered person created for this registration (audited once the petition exists). */
  created: boolean;
  /** Their address is on record: the written notice of Art 23 ¶2 can reach them. */
  hasAddress: boolean;
}

type Trx = Transaction<DB>;

/** SQL: the person in `table` brought a petition this staff member may see, and may be named to them. */
export function knownToStaff(staff: StaffPrincipal, table = 'petitioner_account'): RawBuilder<SqlBool> {
  return sql<SqlBool>`exists (select 1 from petition where petition.petitioner_id = ${sql.ref(`${table}.id`)} and ${staffSeesPetition(staff)} and ${accuserShown(staff)})`;
}

export async function registeredHolder(
  trx: Trx,
  pii: PiiCipher,
  context: RequestContext,
  staff: StaffPrincipal,
  ref: RegisterPetitionBody['petitioner'],
): Promise<RegisteredHolder> {
  if (!('id' in ref)) {
    return createRegistered(trx, context, {
      realName: ref.realName.trim(),
      phoneCipher: ref.phone ? pii.encrypt(normalize('phone', ref.phone)) : null,
      phoneHash: ref.phone ? pii.lookupHash('phone', ref.phone) : null,
      idNumberCipher: ref.idNumber ? pii.encrypt(normalize('id_number', ref.idNumber)) : null,
      idNumberHash: ref.idNumber ? pii.lookupHash('id_number', ref.idNumber) : null,
      address: ref.address?.trim() || null,
    });
  }
  const person = await trx
    .selectFrom('petitioner_account')
    .select([
      'id',
      'real_name',
      'address',
      'phone_cipher',
      'phone_hash',
      'contact_phone_hash',
      'wechat_openid',
    ])
    .where('id', '=', ref.id)
    .where('status', '=', 'active')
    .where(knownToStaff(staff))
    .executeTakeFirst();
  // Unknown, or not the clerk's to know: the same answer, so an id tells him nothing.
  if (!person) throw notAPetitioner();
  if (person.phone_hash === null && person.wechat_openid === null) {
    return {
      petitionerId: person.id,
      claimPhoneHash: person.contact_phone_hash,
      created: false,
      hasAddress: Boolean(person.address?.trim()),
    };
  }
  if (person.phone_hash === null) throw notAPetitioner();
  return createRegistered(trx, context, {
    realName: person.real_name,
    phoneCipher: person.phone_cipher,
    phoneHash: person.phone_hash,
    idNumberCipher: null,
    idNumberHash: null,
    address: person.address,
  });
}

/**
 * Once the petition exists: the registered person's creation is audited against it (so the
 * accuser firewall covers the entry), and the registered phone's holder is asked to claim it.
 */
export async function holdRegistration(
  trx: Trx,
  context: RequestContext,
  petitionId: string,
  holder: RegisteredHolder,
): Promise<void> {
  if (holder.created) {
    await recordAudit(
      trx,
      context.actor,
      {
        action: 'petitioner.create',
        outcome: 'success',
        target: { type: 'petitioner', id: holder.petitionerId },
        petitionId,
      },
      context.now,
    );
  }
  if (holder.claimPhoneHash) {
    await trx
      .insertInto('registration_claim')
      .values({
        petition_id: petitionId,
        phone_hash: holder.claimPhoneHash,
        status: 'pending',
        created_at: context.now.toISOString(),
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
  }
}

async function createRegistered(
  trx: Trx,
  context: RequestContext,
  details: {
    realName: string | null;
    phoneCipher: string | null;
    phoneHash: string | null;
    idNumberCipher: string | null;
    idNumberHash: string | null;
    address: string | null;
  },
): Promise<RegisteredHolder> {
  const at = context.now.toISOString();
  const id = newId(context.now.getTime());
  await trx
    .insertInto('petitioner_account')
    .values({
      id,
      wechat_openid: null,
      wechat_unionid: null,
      phone_cipher: details.phoneCipher,
      // Typed, not proven: found by reception's searches, never signed in with.
      phone_hash: null,
      contact_phone_hash: details.phoneHash,
      real_name: details.realName,
      id_number_cipher: details.idNumberCipher,
      id_number_hash: details.idNumberHash,
      address: details.address,
      employee_number: null,
      worker_unit_id: null,
      status: 'active',
      created_at: at,
      updated_at: at,
    })
    .execute();
  return {
    petitionerId: id,
    claimPhoneHash: details.phoneHash,
    created: true,
    hasAddress: details.address !== null,
  };
}

function notAPetitioner(): AppError {
  return new AppError('VALIDATION_FAILED', '信访人不存在', [
    { path: '/body/petitioner/id', message: 'is not a petitioner' },
  ]);
}

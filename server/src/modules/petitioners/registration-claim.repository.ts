import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The registrations waiting for the holder of this phone to say whether they are theirs, newest
 * first (at most 50), with the unit that received each and the name the desk wrote down.
 */
export async function findPendingClaims(db: Db, phoneHash: string) {
  return db
    .selectFrom('registration_claim as c')
    .innerJoin('petition as p', 'p.id', 'c.petition_id')
    .innerJoin('petitioner_account as r', 'r.id', 'p.petitioner_id')
    .innerJoin('org_unit as u', 'u.id', 'p.receiving_unit_id')
    .select([
      'p.id',
      'p.number',
      'p.channel',
      'p.received_at',
      'u.id as unitId',
      'u.code as unitCode',
      'u.name as unitName',
      'r.real_name',
    ])
    .where('c.phone_hash', '=', phoneHash)
    .where('c.status', '=', 'pending')
    .orderBy('p.received_at', 'desc')
    .limit(50)
    .execute();
}

/** Whether this phone's holder has this registration waiting for their answer. */
export async function hasPendingClaim(db: Db, petitionId: string, phoneHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('registration_claim')
    .select('petition_id')
    .where('petition_id', '=', petitionId)
    .where('phone_hash', '=', phoneHash)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return row !== undefined;
}

/** Settles a pending claim of this phone's holder, once: false when there is none to settle. */
export async function settleClaim(
  db: Db,
  claim: { petitionId: string; phoneHash: string; mine: boolean; by: string; at: string },
): Promise<boolean> {
  const settled = await db
    .updateTable('registration_claim')
    .set({ status: claim.mine ? 'confirmed' : 'declined', resolved_at: claim.at, resolved_by: claim.by })
    .where('petition_id', '=', claim.petitionId)
    .where('phone_hash', '=', claim.phoneHash)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(settled.numUpdatedRows) === 1;
}

/** Why an SMS about a petition was withdrawn or not sent, as its outbox row records it. */
export const DISOWNED_SMS = 'the holder of the phone said the petition is not theirs';

/**
 * Whether the holder of this phone said the petition a notification is about is not theirs: no
 * SMS about it goes to that number again (the desk's record may still carry it).
 */
export async function phoneDisowned(
  db: Db,
  at: { notificationId: string; phoneHash: string },
): Promise<boolean> {
  const row = await db
    .selectFrom('notification as n')
    .innerJoin('registration_claim as c', 'c.petition_id', 'n.petition_id')
    .select('c.petition_id')
    .where('n.id', '=', at.notificationId)
    .where('c.phone_hash', '=', at.phoneHash)
    .where('c.status', '=', 'declined')
    .executeTakeFirst();
  return row !== undefined;
}

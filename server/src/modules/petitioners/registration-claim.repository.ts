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
 * Whether the holder of this phone said the petition a notification is about is not theirs, or
 * the desk undid his wrong "mine": no SMS about it goes to that number again (the desk's record
 * may still carry it).
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
    .where('c.status', 'in', ['declined', 'undone'])
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A confirmation remembers the desk's record the petition came from and what it filled into the
 * account's profile from it, so that the desk can undo it exactly (claim-undo.ts).
 */
export async function noteConfirmation(
  db: Db,
  claim: { petitionId: string; registeredPetitionerId: string; copiedFields: readonly string[] },
): Promise<void> {
  await db
    .updateTable('registration_claim')
    .set({
      registered_petitioner_id: claim.registeredPetitionerId,
      copied_fields: claim.copiedFields.join(','),
    })
    .where('petition_id', '=', claim.petitionId)
    .execute();
}

/** The petition's registration claim, whatever its status; undefined when it was never asked. */
export async function findClaim(db: Db, petitionId: string) {
  return db
    .selectFrom('registration_claim')
    .select([
      'status',
      'resolved_at',
      'resolved_by',
      'registered_petitioner_id',
      'copied_fields',
      'undone_at',
    ])
    .where('petition_id', '=', petitionId)
    .executeTakeFirst();
}

/** Marks a confirmed claim undone, once: false when it is not (or no longer) confirmed. */
export async function markUndone(
  db: Db,
  undo: { petitionId: string; by: string; at: string; reason: string },
): Promise<boolean> {
  const result = await db
    .updateTable('registration_claim')
    .set({ status: 'undone', undone_at: undo.at, undone_by: undo.by, undo_reason: undo.reason })
    .where('petition_id', '=', undo.petitionId)
    .where('status', '=', 'confirmed')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Why the messages about a petition to a wrongly confirmed account were withdrawn. */
export const UNDONE_CLAIM = 'the desk undid a wrong confirmation of the registration';

/**
 * Moves the petition's messages from a wrongly confirmed account back to the desk's record, as
 * they would have gone without the confirmation, and unread: they carry another person's case,
 * and what the statute owed the petitioner (Art 23, 34) has not reached him — the desk sees it
 * among the notices that reached nobody. Those still waiting to go to the account are cancelled.
 * Answers how many messages moved.
 */
export async function moveMessages(
  db: Db,
  move: { petitionId: string; from: string; to: string; at: string },
): Promise<number> {
  await db
    .updateTable('outbox')
    .set({ status: 'cancelled', last_error: UNDONE_CLAIM, lease_token: null, updated_at: move.at })
    .where('status', '=', 'pending')
    .where('recipient_type', '=', 'petitioner')
    .where('recipient_id', '=', move.from)
    .where('notification_id', 'in', (eb) =>
      eb.selectFrom('notification').select('id').where('petition_id', '=', move.petitionId),
    )
    .execute();
  const moved = await db
    .updateTable('notification')
    .set({ recipient_id: move.to, read_at: null })
    .where('recipient_type', '=', 'petitioner')
    .where('recipient_id', '=', move.from)
    .where('petition_id', '=', move.petitionId)
    .executeTakeFirst();
  return Number(moved.numUpdatedRows);
}

/** A new receipt for the petition: the old query code no longer opens or claims it. */
export async function replaceQueryCode(db: Db, petitionId: string, queryCodeHash: string): Promise<void> {
  await db
    .updateTable('petition')
    .set({ query_code_hash: queryCodeHash })
    .where('id', '=', petitionId)
    .execute();
}

/**
 * Asks the holder of this proven phone whether a desk's registration is theirs, as the desk's own
 * phone would have: a claim waiting in their 待确认的登记. `asked` when it waits now (or already
 * did, for this phone); `answered` when the registration's claim was settled or is another
 * phone's: it is not asked again.
 */
export async function askHolder(
  db: Db,
  claim: { petitionId: string; phoneHash: string; at: string },
): Promise<'asked' | 'answered'> {
  const existing = await findClaim(db, claim.petitionId);
  if (!existing) {
    await db
      .insertInto('registration_claim')
      .values({
        petition_id: claim.petitionId,
        phone_hash: claim.phoneHash,
        status: 'pending',
        created_at: claim.at,
        resolved_at: null,
        resolved_by: null,
      })
      .execute();
    return 'asked';
  }
  return existing.status === 'pending' && (await hasPendingClaim(db, claim.petitionId, claim.phoneHash))
    ? 'asked'
    : 'answered';
}

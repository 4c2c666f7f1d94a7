import type { Petition } from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import { onConflictUpdate } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { hydrate, type LoadedPetition } from './petition.repository';
import { textSimilarity } from './similarity';

/**
 * Repeat petitions (重复信访): the same person's earlier petitions about the same unit with similar
 * text. "The same person" is the petitioner, and for a person registered at a desk also the account
 * that proved, by signing in, the phone the desk wrote down — in that direction only. A phone or ID
 * number someone typed (at a desk, in a profile) proves nothing: counting it the other way would let
 * a made-up registration have a real person's next petition declined as a repeat (Art 19 ¶3). The
 * person joins their desk registrations to their account by confirming them (registration-claims.ts).
 *
 * Art 30: an accusation is linked only to accusations (about the same unit, like every link), so a
 * link or a decline naming the matching case never shows the accused whose accusation it is.
 */
export const LINK_THRESHOLD = 0.35;
/** Alike enough to be the same matter, for the statutory admissibility rules (Art 19 ¶3, 36 ¶3). */
export const SAME_MATTER_THRESHOLD = 0.7;
const CANDIDATE_LIMIT = 200;

export interface Repeat {
  loaded: LoadedPetition;
  similarity: number;
}

type Db = Kysely<DB> | Transaction<DB>;

/** The petitioners whose petitions count as this petitioner's own, for repeats. */
async function samePerson(db: Db, petitionerId: string): Promise<string[]> {
  const holder = await db
    .selectFrom('petitioner_account as registered')
    .innerJoin('petitioner_account as account', 'account.phone_hash', 'registered.contact_phone_hash')
    .select('account.id')
    .where('registered.id', '=', petitionerId)
    .executeTakeFirst();
  return holder ? [petitionerId, holder.id] : [petitionerId];
}

export async function findRepeats(db: Db, petition: Petition, text: string): Promise<Repeat[]> {
  const rows = await db
    .selectFrom('petition')
    .selectAll()
    .where('petitioner_id', 'in', await samePerson(db, petition.petitionerId))
    .where((eb) => {
      // Petitions about a unit nobody named yet are compared among themselves.
      const concerned = petition.units.concerned;
      return concerned ? eb('concerned_unit_id', '=', concerned.id) : eb('concerned_unit_id', 'is', null);
    })
    .where('kind', petition.kind === 'accusation' ? '=' : '<>', 'accusation')
    .where('id', '<>', petition.id)
    .orderBy('received_at', 'desc')
    .limit(CANDIDATE_LIMIT)
    .execute();
  const loaded = await hydrate(db, rows);
  return loaded
    .map((candidate) => ({
      loaded: candidate,
      similarity: textSimilarity(text, `${candidate.row.title}\n${candidate.row.content}`),
    }))
    .filter((repeat) => repeat.similarity >= LINK_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity);
}

export async function linkRepeats(
  db: Db,
  petitionId: string,
  repeats: readonly { petitionId: string; similarity: number }[],
  source: 'detected' | 'staff',
  createdBy: string,
  now: Date,
): Promise<void> {
  // Upserts, in key order: concurrent links of the same pair neither fail on the key nor deadlock
  // (a delete-then-insert took gap locks that two new petitions' links could deadlock on).
  const rows = repeats
    .flatMap((repeat) => [
      { from: petitionId, to: repeat.petitionId, similarity: repeat.similarity },
      { from: repeat.petitionId, to: petitionId, similarity: repeat.similarity },
    ])
    .sort((a, b) => (a.from === b.from ? compare(a.to, b.to) : compare(a.from, b.from)));
  for (const row of rows) {
    const values = {
      similarity: Math.round(row.similarity * 1000),
      source,
      created_by: createdBy,
      created_at: now.toISOString(),
    };
    await onConflictUpdate(
      db,
      db.insertInto('petition_link').values({ petition_id: row.from, linked_id: row.to, ...values }),
      ['petition_id', 'linked_id'],
      values,
    ).execute();
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export async function unlink(db: Db, a: string, b: string): Promise<void> {
  await db
    .deleteFrom('petition_link')
    .where((eb) =>
      eb.or([
        eb.and([eb('petition_id', '=', a), eb('linked_id', '=', b)]),
        eb.and([eb('petition_id', '=', b), eb('linked_id', '=', a)]),
      ]),
    )
    .execute();
}

import type { Petition } from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import { onConflictUpdate } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { hydrate, type LoadedPetition } from './petition.repository';
import { textSimilarity } from './similarity';

/**
 * Repeat petitions (重复信访): the same person's earlier petitions about the same unit with similar
 * text. "The same person" is every account sharing a phone or ID number with the petitioner (one
 * person may have signed in by WeChat once and been registered at a window another time).
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

export async function samePersonIds(db: Db, petitionerId: string): Promise<string[]> {
  const me = await db
    .selectFrom('petitioner_account')
    .select(['phone_hash', 'id_number_hash'])
    .where('id', '=', petitionerId)
    .executeTakeFirst();
  const ids = new Set([petitionerId]);
  if (me?.phone_hash || me?.id_number_hash) {
    const others = await db
      .selectFrom('petitioner_account')
      .select('id')
      .where((eb) =>
        eb.or([
          ...(me.phone_hash ? [eb('phone_hash', '=', me.phone_hash)] : []),
          ...(me.id_number_hash ? [eb('id_number_hash', '=', me.id_number_hash)] : []),
        ]),
      )
      .execute();
    for (const other of others) ids.add(other.id);
  }
  return [...ids];
}

export async function findRepeats(db: Db, petition: Petition, text: string): Promise<Repeat[]> {
  const people = await samePersonIds(db, petition.petitionerId);
  const rows = await db
    .selectFrom('petition')
    .selectAll()
    .where('petitioner_id', 'in', people)
    .where((eb) => {
      // Petitions about a unit nobody named yet are compared among themselves.
      const concerned = petition.units.concerned;
      return concerned ? eb('concerned_unit_id', '=', concerned.id) : eb('concerned_unit_id', 'is', null);
    })
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

import type { Petition } from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
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
    .where('concerned_unit_id', '=', petition.units.concerned.id)
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
  for (const repeat of repeats) {
    for (const [from, to] of [
      [petitionId, repeat.petitionId],
      [repeat.petitionId, petitionId],
    ] as const) {
      await db
        .deleteFrom('petition_link')
        .where('petition_id', '=', from)
        .where('linked_id', '=', to)
        .execute();
      await db
        .insertInto('petition_link')
        .values({
          petition_id: from,
          linked_id: to,
          similarity: Math.round(repeat.similarity * 1000),
          source,
          created_by: createdBy,
          created_at: now.toISOString(),
        })
        .execute();
    }
  }
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

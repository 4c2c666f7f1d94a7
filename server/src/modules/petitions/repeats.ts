import type { Kysely, Transaction } from 'kysely';
import { accuserShown } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import { onConflictUpdate } from '../../db/dialect';
import { prepared, preparedBy } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { signatureBands } from './signature';
import { normalise, textSimilarity } from './similarity';
import { staffSeesPetition } from './visibility';

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
 *
 * Candidates come from the text signatures' index (signature.ts), so finding them costs the same
 * for a first petition as for someone's two-thousandth; each is then compared exactly.
 */
export const LINK_THRESHOLD = 0.35;
/** Alike enough to be the same matter, for the statutory admissibility rules (Art 19 ¶3, 36 ¶3). */
export const SAME_MATTER_THRESHOLD = 0.7;
/** The most candidates read and compared: those sharing the most signature bands. */
const CANDIDATE_LIMIT = 20;
/**
 * The most recent petitions read per band and account. A band most of someone's petitions share
 * (one formed by a title they always use) would otherwise be read whole, the cost growing with the
 * history; the same matter shares several bands, nearly all of them rare.
 */
const PER_BAND = 8;

/**
 * Art 36 ¶3 as far as a machine may judge it: a text brings nothing new to an earlier one when,
 * whitespace, punctuation and letter case set aside (as `textSimilarity` compares), all of it —
 * title and content, in order — stands word for word in the earlier one. Only then is a petition
 * after finality declined at once; a changed word or an added sentence may be a new fact or
 * reason, which a person weighs (reception sees the link to the final case).
 */
export function bringsNothingNew(text: string, earlier: string): boolean {
  return normalise(earlier).includes(normalise(text));
}

/** An earlier petition like the new one, with what its link shows and its version when read. */
export interface Repeat {
  id: string;
  number: string;
  title: string;
  kind: string;
  state: string;
  stage: string;
  concernedUnitId: string | null;
  version: number;
  similarity: number;
  /** The new text brings nothing new to this one's (`bringsNothingNew`). */
  nothingNew: boolean;
}

type Db = Kysely<DB> | Transaction<DB>;

/**
 * The petitioners whose petitions count as this petitioner's own, for repeats: a person the desk
 * registered and the account that proved the phone the desk wrote down — unless that account's
 * holder said one of the person's registrations is not theirs, or the desk undid their claim of
 * one. Then the clerk had the phone wrong, and a stranger's case must not make the person's own a
 * repeat, nor decline it (Art 19 ¶3, 36 ¶3).
 */
export async function samePersonIds(db: Db, petitionerId: string): Promise<string[]> {
  const [holder] = (await phoneHolder(db, petitionerId)).rows;
  return holder ? [petitionerId, holder.id] : [petitionerId];
}

// Prepared: every submission runs it.
const phoneHolder = prepared((db, registeredId: string) =>
  db
    .selectFrom('petitioner_account as registered')
    .innerJoin('petitioner_account as account', 'account.phone_hash', 'registered.contact_phone_hash')
    .select('account.id')
    .where('registered.id', '=', registeredId)
    .where(({ exists, not, selectFrom }) =>
      not(
        exists(
          selectFrom('registration_claim as claim')
            .innerJoin('petition', 'petition.id', 'claim.petition_id')
            .select('claim.petition_id')
            .whereRef('petition.petitioner_id', '=', 'registered.id')
            .whereRef('claim.phone_hash', '=', 'account.phone_hash')
            .where('claim.status', 'in', ['declined', 'undone']),
        ),
      ),
    )
    .limit(1),
);

/**
 * The same person's petitions about the same unit (or, for one about a unit nobody named yet,
 * those about none either), accusations only with accusations, whose text is at least
 * LINK_THRESHOLD alike.
 */
export async function findRepeats(
  db: Db,
  of: { petitionerId: string; concernedUnitId: string | null; kind: string; text: string },
): Promise<Repeat[]> {
  const bands = signatureBands(of.text, of.concernedUnitId);
  if (bands.length === 0) return [];
  const people = await samePersonIds(db, of.petitionerId);
  // Every match in one statement, unless that would read more than the bound: then the most
  // recent few per band (a statement of one subquery per band, dearer to run).
  let { rows: matches } = await allBandMatches(db, people, bands, PER_BAND * bands.length + 1);
  if (matches.length > PER_BAND * bands.length) ({ rows: matches } = await bandMatches(db, people, bands));
  const candidates = likeliest(matches);
  if (candidates.length === 0) return [];
  const { rows } = await candidateRows(db, candidates);
  const accusation = of.kind === 'accusation';
  // About the same unit: the bands say so already, all but surely; this makes it sure. (Filtered
  // here, not in SQL: there the unit's index would be chosen and all its petitions read.)
  return rows
    .filter(
      (row) => row.concerned_unit_id === of.concernedUnitId && (row.kind === 'accusation') === accusation,
    )
    .map((row) => {
      const earlier = `${row.title}\n${row.content}`;
      return {
        id: row.id,
        number: row.number,
        title: row.title,
        kind: row.kind,
        state: row.state,
        stage: row.stage,
        concernedUnitId: row.concerned_unit_id,
        version: row.version,
        similarity: textSimilarity(of.text, earlier),
        nothingNew: bringsNothingNew(of.text, earlier),
      };
    })
    .filter((repeat) => repeat.similarity >= LINK_THRESHOLD)
    .sort((a, b) => b.similarity - a.similarity);
}

/**
 * The petition with this number, when it is the same person's (as for repeats) and the same sort
 * (an accusation only with accusations, Art 30), and these staff may see it with its accuser: the
 * earlier case a staff member's decline names (Art 19 ¶3, 36 ¶3). Its id, or null.
 */
export async function samePersonPetitionByNumber(
  db: Db,
  staff: StaffPrincipal,
  of: { id: string; petitionerId: string; kind: string },
  number: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('petition')
    .select('id')
    .where('number', '=', number)
    .where('id', '<>', of.id)
    .where('petitioner_id', 'in', await samePersonIds(db, of.petitionerId))
    .where('kind', of.kind === 'accusation' ? '=' : '<>', 'accusation')
    .where(staffSeesPetition(staff))
    .where(accuserShown(staff))
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The candidates worth reading, most shared bands first. A band that many of someone's petitions
 * share (PER_BAND or more) carries their common boilerplate — a title they always use — rather
 * than a matter: a petition it alone brings is passed over. The same matter shares about five of
 * the sixteen bands; one band alone, and that a common one, is rare for it.
 */
function likeliest(matches: readonly { petition_id: string; band: number }[]): string[] {
  const perBand = new Map<number, number>();
  for (const { band } of matches) perBand.set(band, (perBand.get(band) ?? 0) + 1);
  const bandsOf = new Map<string, number[]>();
  for (const { petition_id, band } of matches)
    bandsOf.set(petition_id, [...(bandsOf.get(petition_id) ?? []), band]);
  return [...bandsOf]
    .filter(([, bands]) => bands.length > 1 || (perBand.get(bands[0] as number) ?? 0) < PER_BAND)
    .sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? 1 : -1))
    .slice(0, CANDIDATE_LIMIT)
    .map(([id]) => id);
}

/** The petitions of these accounts with any of these bands, up to `limit`. */
const allBandMatches = preparedBy(
  (people: string[], bands: number[], _limit: number) => `${people.length}:${bands.length}`,
  (db, people, bands, limit) =>
    db
      .selectFrom('petition_signature')
      .select(['petition_id', 'band'])
      .where('petitioner_id', 'in', people)
      .where('band', 'in', bands)
      .limit(limit),
);

/** The most recent petitions of each account with each band, in one statement. */
const bandMatches = preparedBy(
  (people: string[], bands: number[]) => `${people.length}:${bands.length}`,
  (db, people, bands) => {
    const probes = people.flatMap((person) =>
      bands.map((band) =>
        db
          .selectFrom((eb) =>
            eb
              .selectFrom('petition_signature')
              .select(['petition_id', 'band'])
              .where('petitioner_id', '=', person)
              .where('band', '=', band)
              .orderBy('petition_id', 'desc')
              .limit(PER_BAND)
              .as('b'),
          )
          .select(['b.petition_id', 'b.band']),
      ),
    );
    const [first, ...rest] = probes as [(typeof probes)[number], ...typeof probes];
    return rest.reduce((union, probe) => union.unionAll(probe), first);
  },
);

const candidateRows = preparedBy(
  (ids: string[]) => String(ids.length),
  (db, ids) =>
    db
      .selectFrom('petition')
      .select(['id', 'number', 'title', 'content', 'kind', 'state', 'stage', 'concerned_unit_id', 'version'])
      .where('id', 'in', ids),
);

/** Petitions whose version is no longer the one they were read with. */
export async function changedSince(db: Db, read: readonly { id: string; version: number }[]) {
  if (read.length === 0) return [];
  const now = await db
    .selectFrom('petition')
    .select(['id', 'version'])
    .where(
      'id',
      'in',
      read.map((r) => r.id),
    )
    .execute();
  const versions = new Map(now.map((r) => [r.id, r.version]));
  return read.filter((r) => versions.get(r.id) !== r.version).map((r) => r.id);
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

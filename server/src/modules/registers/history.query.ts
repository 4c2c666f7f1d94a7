import { maskName } from '@xinfang/shared/masking';
import type { PersonHistory } from '@xinfang/shared/schemas/registers';
import type { Kysely, Transaction } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { linkBetween, linkHolds, oneByPhone, personKeys } from '../petitions/same-person';
import { caseColumns, planOf, registerCase } from './registers.query';

type Db = Kysely<DB> | Transaction<DB>;

/** The most petitions one history reads. */
const LIMIT = 500;

/**
 * One person's petitions on one page, oldest first, for staff who keep the registers: those in the
 * viewer's subtree, minus any accusation whose accuser the viewer may not learn (Art 30). What is
 * left out is not counted either: a count that grows when the person accuses the viewer's unit
 * would tell the unit who accused it. Null when the viewer may see none of them. The name is masked.
 *
 * "The person" is every petitioner record the system knows to be them (`samePetitions`): a desk
 * makes a new record for each visit, letter or call.
 */
export async function personHistory(
  db: Db,
  viewer: StaffPrincipal,
  petitionerId: string,
): Promise<PersonHistory | null> {
  const person = await db
    .selectFrom('petitioner_account')
    .select(['id', 'real_name', 'phone_hash', 'contact_phone_hash'])
    .where('id', '=', petitionerId)
    .executeTakeFirst();
  if (!person) return null;
  const ids = await samePetitions(db, person);
  if (ids.length === 0) return null;
  const rows = (
    await caseColumns(db, viewer)
      // Its leader now: the case's open 包案 stint, if any.
      .leftJoin('owned_case as oc', (join) =>
        join.onRef('oc.petition_id', '=', 'p.id').on('oc.released_at', 'is', null),
      )
      .leftJoin('staff_account as leader', 'leader.id', 'oc.leader_id')
      .select(['leader.id as leader_id', 'leader.display_name as leader_name'])
      .where('p.id', 'in', ids)
      .orderBy('p.received_at')
      .orderBy('p.id')
      .execute()
  ).filter((r) => !accuserHiddenFor(r, { kind: 'staff', unit: viewer.unit }));
  if (rows.length === 0) return null;
  const shown = new Set(rows.map((r) => r.id));
  const links = await db
    .selectFrom('petition_link')
    .select(['petition_id', 'linked_id'])
    .where('petition_id', 'in', [...shown])
    .execute();
  return {
    petitionerId,
    maskedName: maskName(person.real_name ?? ''),
    cases: rows.map((r) => ({
      case: registerCase(r),
      plan: planOf(r),
      responsibleLeader: r.leader_id ? { id: r.leader_id, name: r.leader_name ?? '' } : null,
      linkedTo: links.filter((l) => l.petition_id === r.id && shown.has(l.linked_id)).map((l) => l.linked_id),
      rating:
        (JSON.parse(r.lifecycle) as { ratings?: { first?: { rating?: string } } }).ratings?.first?.rating ??
        null,
    })),
  };
}

/**
 * The petitions of the person with this record, as far as the system knows them to be one person:
 * the records with the same phone (by its lookup hash, proven by signing in or written down at a
 * desk: never the plaintext), and every petition joined to theirs by repeat links, detected or
 * made by staff — the matters the repeat register groups. At most LIMIT of them.
 *
 * A phone a clerk typed joins a desk record to the phone's holder only once the holder said the
 * registration is theirs (registration-claims.ts): while they have not, or said "not mine", the
 * two are not known to be one person (PIPL Art 8, audit 32 D5). So a petition joined only by the
 * phone is left out while its claim on that phone waits or was declined, and a desk record whose
 * own claim waits or was declined is not joined to the phone's holder.
 */
async function samePetitions(
  db: Db,
  person: { id: string; phone_hash: string | null; contact_phone_hash: string | null },
): Promise<string[]> {
  const hashes = [person.phone_hash, person.contact_phone_hash].filter((h): h is string => h !== null);
  const typed = person.contact_phone_hash;
  const holderHashes =
    typed !== null && (await claimUnconfirmed(db, person.id, typed))
      ? hashes.filter((h) => h !== typed)
      : hashes;
  const own = await db
    .selectFrom('petition as p')
    .select('p.id')
    .where((eb) => {
      const mine = eb('p.petitioner_id', '=', person.id);
      if (hashes.length === 0) return mine;
      const samePhone = eb(
        'p.petitioner_id',
        'in',
        eb
          .selectFrom('petitioner_account as a')
          .select('a.id')
          .where((a) =>
            a.or([
              ...(holderHashes.length > 0 ? [a('a.phone_hash', 'in', holderHashes)] : []),
              a('a.contact_phone_hash', 'in', hashes),
            ]),
          ),
      );
      const claimOpenOrDeclined = eb.exists(
        eb
          .selectFrom('registration_claim as c')
          .select('c.petition_id')
          .whereRef('c.petition_id', '=', 'p.id')
          .where('c.phone_hash', 'in', hashes)
          .where('c.status', 'in', UNCONFIRMED),
      );
      return eb.or([mine, eb.and([samePhone, eb.not(claimOpenOrDeclined)])]);
    })
    .orderBy('p.received_at')
    .limit(LIMIT)
    .execute();
  const found = new Set(own.map((p) => p.id));
  // The links, followed until they lead nowhere new (links are kept both ways): those joining one
  // person's cases (same-person.ts), never one a clerk made to a stranger's.
  const holds = linkHoldsBy(db);
  let frontier = [...found];
  while (frontier.length > 0 && found.size < LIMIT) {
    const links = await db
      .selectFrom('petition_link as l')
      .innerJoin('petition as a', 'a.id', 'l.petition_id')
      .innerJoin('petition as b', 'b.id', 'l.linked_id')
      .select(['l.linked_id', 'l.reason', 'a.petitioner_id as from', 'b.petitioner_id as to'])
      .where('l.petition_id', 'in', frontier)
      .execute();
    const followed = [];
    for (const link of links) if (await holds(link)) followed.push(link.linked_id);
    frontier = [...new Set(followed)].filter((id) => !found.has(id));
    for (const id of frontier.slice(0, LIMIT - found.size)) found.add(id);
  }
  return [...found];
}

/**
 * Whether a link between two petitioners' cases holds (`linkHolds`, `oneByPhone`), each pair judged
 * once per history.
 */
function linkHoldsBy(db: Db) {
  const judged = new Map<string, boolean>();
  return async (link: { from: string; to: string; reason: string | null }): Promise<boolean> => {
    const pair = `${link.from}:${link.to}:${link.reason !== null}`;
    const cached = judged.get(pair);
    if (cached !== undefined) return cached;
    const keys = await personKeys(db, [link.from, link.to]);
    const [a, b] = [keys.get(link.from), keys.get(link.to)];
    if (a === undefined || b === undefined) return false;
    const between = linkBetween(a, b);
    const holds =
      linkHolds(between, link.reason) || (between === 'ask_account' && (await oneByPhone(db, a, b)));
    judged.set(pair, holds);
    return holds;
  };
}

/** A claim its phone's holder has not confirmed: still waiting, or "not mine". */
const UNCONFIRMED = ['pending', 'declined'] as const;

/** Whether a registration this record holds waits for, or was declined by, its phone's holder. */
async function claimUnconfirmed(db: Db, petitionerId: string, phoneHash: string): Promise<boolean> {
  const row = await db
    .selectFrom('registration_claim as c')
    .innerJoin('petition as p', 'p.id', 'c.petition_id')
    .select('c.petition_id')
    .where('p.petitioner_id', '=', petitionerId)
    .where('c.phone_hash', '=', phoneHash)
    .where('c.status', 'in', UNCONFIRMED)
    .executeTakeFirst();
  return row !== undefined;
}

import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { samePersonIds } from './repeats';

type Db = Kysely<DB> | Transaction<DB>;

/** What a petitioner record says about who the person is: lookup hashes only, never plaintext. */
export interface PersonKeys {
  id: string;
  /** The phone proven by a one-time code (sign-in or binding). */
  phone_hash: string | null;
  /** A phone someone typed: a desk's registration or a profile. */
  contact_phone_hash: string | null;
  wechat_openid: string | null;
  id_number_hash: string | null;
}

/**
 * Whether staff may say that the petitioners of two cases are one person (a 重复信访 link), and how:
 * - `same`: one record.
 * - `two_accounts`: both proved who they are by signing in: two people, refused.
 * - `conflict`: their ID numbers differ, or a proven phone differs from the other's phones
 *   (`identifiersConflict`). Two people, whatever a clerk thinks: refused (PIPL Art 8, personal
 *   data kept accurate).
 * - `ask_account`: a desk's record and someone's account, even one with the phone the desk typed.
 *   Only the account's holder can say the registration is theirs (PIPL Art 14,
 *   registered-person.ts): they are asked, and until they say yes (the case is then theirs:
 *   `same`) the two are not one person, as the registers hold it (history.query.ts).
 * - `registered`: two desk records, neither proven: a clerk who knows the person may join them,
 *   with the reason written down.
 */
export type LinkBetween = 'same' | 'conflict' | 'two_accounts' | 'ask_account' | 'registered';

export function signedIn(person: PersonKeys): boolean {
  return person.phone_hash !== null || person.wechat_openid !== null;
}

/**
 * Two people by what the records hold: both have an ID number and they differ, or both have a
 * phone, they share none, and one of them was proven by its holder signing in. Two phones typed at
 * a desk may differ for one person (a letter written with a son's phone): staff who know it join
 * the two with the reason.
 */
export function identifiersConflict(a: PersonKeys, b: PersonKeys): boolean {
  if (a.id_number_hash !== null && b.id_number_hash !== null && a.id_number_hash !== b.id_number_hash)
    return true;
  const phones = (p: PersonKeys) =>
    [p.phone_hash, p.contact_phone_hash].filter((h): h is string => h !== null);
  const [pa, pb] = [phones(a), phones(b)];
  const proven = a.phone_hash !== null || b.phone_hash !== null;
  return proven && pa.length > 0 && pb.length > 0 && !pa.some((h) => pb.includes(h));
}

export function linkBetween(a: PersonKeys, b: PersonKeys): LinkBetween {
  if (a.id === b.id) return 'same';
  if (signedIn(a) && signedIn(b)) return 'two_accounts';
  if (identifiersConflict(a, b)) return 'conflict';
  if (signedIn(a) || signedIn(b)) return 'ask_account';
  return 'registered';
}

/**
 * A desk's record and the account that proved the phone the desk typed, unless its holder said a
 * registration of the record is not theirs: one person for repeats (repeats.ts, `samePersonIds`),
 * so the links repeat detection makes between them hold. A clerk still does not make one by hand:
 * the account's holder is asked (`ask_account`), as a link by hand would count either case as the
 * other's repeat, the account's too (Art 19 ¶3).
 */
export async function oneByPhone(db: Db, a: PersonKeys, b: PersonKeys): Promise<boolean> {
  if (identifiersConflict(a, b)) return false;
  return (await samePersonIds(db, a.id)).includes(b.id) || (await samePersonIds(db, b.id)).includes(a.id);
}

/**
 * A link the registers may follow from one person's case to another's: one person by the rules
 * above, or two desk records a clerk joined with his reason (and, read from the database, a desk
 * record and the account of its phone: `oneByPhone`). A link made before those rules (a
 * stranger's case joined to an account's) is not followed.
 */
export function linkHolds(between: LinkBetween, reason: string | null): boolean {
  return between === 'same' || (between === 'registered' && reason !== null);
}

/** The keys of these petitioner records, by id. */
export async function personKeys(db: Db, ids: readonly string[]): Promise<Map<string, PersonKeys>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('petitioner_account')
    .select(['id', 'phone_hash', 'contact_phone_hash', 'wechat_openid', 'id_number_hash'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Keeps the clerk's reason on both halves of a link. */
export async function noteLinkReason(db: Db, a: string, b: string, reason: string): Promise<void> {
  await db
    .updateTable('petition_link')
    .set({ reason })
    .where((eb) =>
      eb.or([
        eb.and([eb('petition_id', '=', a), eb('linked_id', '=', b)]),
        eb.and([eb('petition_id', '=', b), eb('linked_id', '=', a)]),
      ]),
    )
    .execute();
}

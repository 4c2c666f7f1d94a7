import { COLLECTIVE_MIN_PEOPLE } from '@xinfang/shared/figures';
import { type EventOf, OPEN_STATES, ownedByActiveLeader, type Petition } from '@xinfang/shared/lifecycle';
import type { UnownedCase, UnownedReason } from '@xinfang/shared/schemas/registers';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { eventOf } from '../petitions/event-row';
import { NO_DUE } from '../petitions/next-due';
import { loadPetitions } from '../petitions/petition.repository';
import { staffSeesPetition } from '../petitions/visibility';
import { caseColumns, planOf, registerCase } from './registers.query';
import { inPressingOrder, pageAfter, type UnownedKey, type UnownedRanked } from './unowned';

type Db = Kysely<DB> | Transaction<DB>;

/** The cases loaded whole at a time to ask whether their leader still holds them. */
const CHUNK = 500;
const DAY_MS = 24 * 3600_000;

/** A 待包案 case as its place in the order needs it: why, and whose 包案 it was. */
interface Candidate extends UnownedRanked {
  /** The leader whose 包案 no longer holds (left office, recused, or his stage ended). */
  formerLeaderId: string | null;
}

/**
 * 待包案 (Art 18), a page at a time: the open cases in the scope's subtree that the viewer may
 * see, that have no 包案领导 who can act — none, or one who left office, was recused or whose
 * stage ended (`ownedByActiveLeader`, the rule `take_case` itself keeps) — and that should have
 * one: a leader handed it back, a 督办 is open, a deadline passed, it went to review or
 * re-examination, the matter was brought again, or it came as a 集体访. The most pressing first
 * (`compareUnowned`), after the case `after` ends the page before.
 *
 * Every candidate is weighed, none left out: the order reads whether a leader still holds his
 * case, which only the loaded case says, so the page is cut after the weighing; the details
 * (names, plan, the hand-back) are read for the page's cases only.
 */
export async function unownedCases(
  db: Db,
  scope: StaffPrincipal,
  now: Date,
  page: { after: UnownedKey | null; limit: number },
): Promise<{ items: UnownedCase[]; next: UnownedKey | null }> {
  const { items, next } = pageAfter(await candidates(db, scope, now), page.after, page.limit);
  return { items: await detailed(db, scope, items, now), next };
}

/** Every case of the scope that needs a leader, with its reasons: what its place depends on. */
async function candidates(db: Db, scope: StaffPrincipal, now: Date): Promise<Candidate[]> {
  const at = now.toISOString();
  const rows = await db
    .selectFrom('petition as p')
    .select((eb) => [
      'p.id',
      'p.stage',
      'p.received_at',
      'p.next_due_at',
      'p.channel',
      'p.headcount',
      eb.exists(openSupervision(eb)).as('supervised'),
      eb.exists(repeatLink(eb)).as('repeated'),
      // His open stint on it: the 包案 lists' record of who leads it now (ownership.effect).
      eb
        .exists(
          eb
            .selectFrom('owned_case as oc')
            .select('oc.id')
            .whereRef('oc.petition_id', '=', 'p.id')
            .where('oc.released_at', 'is', null),
        )
        .as('led'),
      eb
        .exists(
          eb
            .selectFrom('petition_event as released')
            .select('released.id')
            .whereRef('released.petition_id', '=', 'p.id')
            .where('released.type', '=', 'case_released'),
        )
        .as('released'),
    ])
    .where(staffSeesPetition(scope, 'p'))
    .where('p.state', 'in', [...OPEN_STATES])
    .where((eb) =>
      eb.or([
        eb.exists(
          eb.selectFrom('owned_case as ever').select('ever.id').whereRef('ever.petition_id', '=', 'p.id'),
        ),
        eb.exists(openSupervision(eb)),
        eb('p.next_due_at', '<', at),
        eb('p.stage', '!=', 'first'),
        eb.exists(repeatLink(eb)),
        eb.and([eb('p.channel', '=', 'visit'), eb('p.headcount', '>=', COLLECTIVE_MIN_PEOPLE)]),
      ]),
    )
    .execute();
  // Whether a leader still owns the case is the rule `take_case` keeps (`ownedByActiveLeader`),
  // on the case as the write path loads it: his account disabled, he recused or moved out of its
  // line, or his stage ended, he holds it no more (petition.repository's `hydrate`).
  const loaded = new Map<string, Petition>();
  const led = rows.filter((r) => Number(r.led) > 0).map((r) => r.id);
  for (let i = 0; i < led.length; i += CHUNK)
    for (const l of await loadPetitions(db, led.slice(i, i + CHUNK))) loaded.set(l.petition.id, l.petition);

  const found: Candidate[] = [];
  for (const r of rows) {
    const petition = loaded.get(r.id);
    if (petition && ownedByActiveLeader(petition)) continue;
    const leaderId = petition?.responsibleLeaderId ?? null;
    const reasons: UnownedReason[] = [];
    if (leaderId === null && Number(r.released) > 0) reasons.push('released');
    if (leaderId && petition?.inactiveStaffIds?.includes(leaderId)) reasons.push('leader_left');
    if (Number(r.supervised) > 0) reasons.push('supervised');
    if (r.next_due_at < at) reasons.push('overdue');
    // A later stage's (whose first-stage leader's 包案 ended with his stage, Art 28, 35, 36).
    if (r.stage !== 'first') reasons.push('appealed');
    if (Number(r.repeated) > 0) reasons.push('repeat');
    if (r.channel === 'visit' && (r.headcount ?? 0) >= COLLECTIVE_MIN_PEOPLE) reasons.push('collective');
    // Never owned and nothing pressing: an ordinary case its unit handles (Art 18 asks no leader).
    if (reasons.length === 0) continue;
    found.push({
      petitionId: r.id,
      reasons: inPressingOrder(reasons),
      nextDueAt: r.next_due_at < NO_DUE ? r.next_due_at : null,
      receivedAt: r.received_at,
      formerLeaderId: leaderId,
    });
  }
  return found;
}

/** The page's cases as the register shows them, in the page's order. */
async function detailed(
  db: Db,
  scope: StaffPrincipal,
  page: readonly Candidate[],
  now: Date,
): Promise<UnownedCase[]> {
  if (page.length === 0) return [];
  const ids = page.map((c) => c.petitionId);
  const rows = new Map(
    (await caseColumns(db, scope).where('p.id', 'in', ids).execute()).map((r) => [r.id, r]),
  );
  const releases = await lastReleases(
    db,
    page.filter((c) => c.reasons.includes('released')).map((c) => c.petitionId),
  );
  const people = await staffNames(db, [
    ...page.flatMap((c) => (c.formerLeaderId ? [c.formerLeaderId] : [])),
    ...[...releases.values()].map((e) => e.actorId),
  ]);
  const person = (id: string) => ({ id, name: people.get(id) ?? '' });
  return page.flatMap((c) => {
    const r = rows.get(c.petitionId);
    if (!r) return [];
    const released = releases.get(c.petitionId);
    return [
      {
        case: registerCase(r),
        reasons: [...c.reasons],
        released: released
          ? { leader: person(released.actorId), at: released.at, reason: released.data.reason }
          : null,
        formerLeader: c.formerLeaderId ? person(c.formerLeaderId) : null,
        nextDueAt: c.nextDueAt,
        ageDays: Math.floor((now.getTime() - Date.parse(r.received_at)) / DAY_MS),
        plan: planOf(r),
      },
    ];
  });
}

type Eb = ExpressionBuilder<DB & { p: DB['petition'] }, 'p'>;

/** A 督办单 on the case not yet closed by the supervisor's approval of its answer (Art 40). */
const openSupervision = (eb: Eb) =>
  eb
    .selectFrom('supervision_notice as sn')
    .select('sn.no')
    .whereRef('sn.petition_id', '=', 'p.id')
    .where((w) => w.or([w('sn.review', 'is', null), w('sn.review', '!=', 'approved')]));

/** The case is linked to another as the same matter (重复信访). */
const repeatLink = (eb: Eb) =>
  eb
    .selectFrom('petition_link as pl')
    .select('pl.petition_id')
    .where((w) => w.or([w('pl.petition_id', '=', w.ref('p.id')), w('pl.linked_id', '=', w.ref('p.id'))]));

/** Each leaderless petition's last 交出包案: what left it without a leader. */
async function lastReleases(db: Db, ids: readonly string[]): Promise<Map<string, EventOf<'case_released'>>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('petition_event')
    .select(['petition_id', 'type', 'at', 'actor_id', 'actor_role', 'visibility', 'stage', 'data'])
    .where('petition_id', 'in', ids)
    .where('type', '=', 'case_released')
    .orderBy('seq')
    .execute();
  return new Map(rows.map((e) => [e.petition_id, eventOf(e) as EventOf<'case_released'>]));
}

/** Staff members' names by id. */
async function staffNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .selectFrom('staff_account')
    .select(['id', 'display_name'])
    .where('id', 'in', unique)
    .execute();
  return new Map(rows.map((s) => [s.id, s.display_name]));
}

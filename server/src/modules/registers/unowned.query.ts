import { COLLECTIVE_MIN_PEOPLE } from '@xinfang/shared/figures';
import { type EventOf, OPEN_STATES, ownedByActiveLeader, type Petition } from '@xinfang/shared/lifecycle';
import type { UnownedCase, UnownedReason } from '@xinfang/shared/schemas/registers';
import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { eventOf } from '../petitions/event-row';
import { NO_DUE } from '../petitions/next-due';
import { loadPetitions } from '../petitions/petition.repository';
import { caseColumns, planOf, registerCase } from './registers.query';
import { compareUnowned, inPressingOrder } from './unowned';

type Db = Kysely<DB> | Transaction<DB>;

/** The most cases one answer weighs: far more than any subtree leaves without a leader. */
const CANDIDATES = 2000;
const DAY_MS = 24 * 3600_000;

/**
 * 待包案 (Art 18): the open cases in the scope's subtree that the viewer may see, that have no
 * 包案领导 who can act — none, or one who left office, was recused or whose stage ended
 * (`ownedByActiveLeader`, the rule `take_case` itself keeps) — and that should have one: a leader
 * handed it back, a 督办 is open, a deadline passed, it went to review or re-examination, the
 * matter was brought again, or it came as a 集体访. The most pressing first (`compareUnowned`).
 */
export async function unownedCases(db: Db, scope: StaffPrincipal, now: Date): Promise<UnownedCase[]> {
  const at = now.toISOString();
  const rows = await caseColumns(db, scope)
    .select((eb) => [
      eb.exists(openSupervision(eb)).as('supervised'),
      eb.exists(repeatLink(eb)).as('repeated'),
      'p.channel',
      'p.headcount',
    ])
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
    .orderBy('p.received_at')
    .orderBy('p.id')
    .limit(CANDIDATES)
    .execute();
  // Whether a leader still owns the case is the rule `take_case` keeps (`ownedByActiveLeader`),
  // on the case as the write path loads it: his account disabled, he recused or moved out of its
  // line, or his stage ended, he holds it no more (petition.repository's `hydrate`).
  const led = rows.filter((r) => lifecycleOf(r.lifecycle).responsibleLeaderId !== null).map((r) => r.id);
  const loaded = new Map((await loadPetitions(db, led)).map((l) => [l.petition.id, l.petition]));
  const leaderless = rows.filter((r) => !loaded.has(r.id)).map((r) => r.id);
  const releases = await lastReleases(db, leaderless);
  const people = await staffNames(db, [
    ...[...loaded.values()].flatMap((p) => (p.responsibleLeaderId ? [p.responsibleLeaderId] : [])),
    ...[...releases.values()].map((e) => e.actorId),
  ]);

  const items: UnownedCase[] = [];
  for (const r of rows) {
    const petition = loaded.get(r.id);
    if (petition && ownedByActiveLeader(petition)) continue;
    const leaderId = petition?.responsibleLeaderId ?? null;
    const released = leaderId === null ? releases.get(r.id) : undefined;
    const reasons: UnownedReason[] = [];
    if (released) reasons.push('released');
    if (leaderId && petition?.inactiveStaffIds?.includes(leaderId)) reasons.push('leader_left');
    if (Number(r.supervised) > 0) reasons.push('supervised');
    if (r.next_due_at < at) reasons.push('overdue');
    // A later stage's (whose first-stage leader's 包案 ended with his stage, Art 28, 35, 36).
    if (r.stage !== 'first') reasons.push('appealed');
    if (Number(r.repeated) > 0) reasons.push('repeat');
    if (r.channel === 'visit' && (r.headcount ?? 0) >= COLLECTIVE_MIN_PEOPLE) reasons.push('collective');
    // Never owned and nothing pressing: an ordinary case its unit handles (Art 18 asks no leader).
    if (reasons.length === 0) continue;
    const person = (id: string) => ({ id, name: people.get(id) ?? '' });
    items.push({
      case: registerCase(r),
      reasons: inPressingOrder(reasons),
      released: released
        ? { leader: person(released.actorId), at: released.at, reason: released.data.reason }
        : null,
      formerLeader: leaderId ? person(leaderId) : null,
      nextDueAt: r.next_due_at < NO_DUE ? r.next_due_at : null,
      ageDays: Math.floor((now.getTime() - Date.parse(r.received_at)) / DAY_MS),
      plan: planOf(r),
    });
  }
  return items.sort((a, b) =>
    compareUnowned(
      { ...a, receivedAt: a.case.receivedAt, petitionId: a.case.petitionId },
      { ...b, receivedAt: b.case.receivedAt, petitionId: b.case.petitionId },
    ),
  );
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

const lifecycleOf = (json: string) => JSON.parse(json) as Omit<Petition, 'events'>;

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

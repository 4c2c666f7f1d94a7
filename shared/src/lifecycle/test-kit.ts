import { expect } from 'vitest';
import type { Instant } from '../clocks/dates';
import type { CaseActionType } from './action-specs';
import type { Action, ParamsOf, RegisterParams } from './actions';
import { type Actor, type AnyActor, SYSTEM_ACTOR } from './actor';
import { type Decision, decide } from './decide';
import type { Petition } from './petition';
import { register } from './register';
import type { RuleId } from './rules';
import type { UnitRef } from './units';
import type { PetitionKind, Role } from './vocabulary';

/**
 * Fixtures for the lifecycle tests: a small org tree, one actor per role, and helpers that walk
 * a petition through its life. Test support only; not exported from the package.
 */
const ref = (...path: string[]): UnitRef => ({ id: path.at(-1) as string, path });

/** group → mine1 → section1 → team1; mine1 → section2; group → mine2. */
export const UNITS = {
  group: ref('group'),
  mine1: ref('group', 'mine1'),
  section1: ref('group', 'mine1', 'section1'),
  team1: ref('group', 'mine1', 'section1', 'team1'),
  section2: ref('group', 'mine1', 'section2'),
  mine2: ref('group', 'mine2'),
} as const;

const staff = (id: string, roles: Role[], unit: UnitRef): Actor => ({ id, roles, unit });

export const ACTORS = {
  petitioner: { id: 'p1', roles: ['petitioner'], unit: null },
  otherPetitioner: { id: 'p2', roles: ['petitioner'], unit: null },
  groupReception: staff('rec-g', ['reception'], UNITS.group),
  mineReception: staff('rec-m1', ['reception'], UNITS.mine1),
  mine2Reception: staff('rec-m2', ['reception'], UNITS.mine2),
  sectionHandler: staff('h-s1', ['handler'], UNITS.section1),
  sectionHead: staff('head-s1', ['unit_head'], UNITS.section1),
  section2Head: staff('head-s2', ['unit_head'], UNITS.section2),
  mineHandler: staff('h-m1', ['handler'], UNITS.mine1),
  mineHead: staff('head-m1', ['unit_head'], UNITS.mine1),
  groupHandler: staff('h-g', ['handler'], UNITS.group),
  groupHead: staff('head-g', ['unit_head'], UNITS.group),
  leader: staff('leader', ['responsible_leader'], UNITS.group),
  supervisor: staff('sup-g', ['supervisor'], UNITS.group),
  mine2Supervisor: staff('sup-m2', ['supervisor'], UNITS.mine2),
  admin: staff('admin', ['admin'], UNITS.group),
  liaison: staff('liaison', ['liaison_officer'], UNITS.section1),
  system: SYSTEM_ACTOR,
} satisfies Record<string, AnyActor>;

/** Monday 2026-03-02, 10:00 in Beijing. */
export const T0: Instant = '2026-03-02T02:00:00.000Z';

export function later(instant: Instant, days: number, hours = 0): Instant {
  return new Date(Date.parse(instant) + (days * 24 + hours) * 3_600_000).toISOString();
}

export function onlineParams(overrides: Partial<RegisterParams> = {}): RegisterParams {
  return {
    kind: 'request',
    channel: 'online',
    concernedUnit: UNITS.section1,
    categoryId: 'wages',
    title: '工资拖欠',
    content: '三月工资未发放',
    ...overrides,
  };
}

/** An online petition by `p1`, received by the group's petition office at T0. */
export function submitted(kind: PetitionKind = 'request', at: Instant = T0): Petition {
  const decision = register(
    { id: 'pet-1', petitionerId: 'p1', receivingUnit: UNITS.group, params: onlineParams({ kind }) },
    ACTORS.petitioner,
    at,
  );
  if (!decision.ok) throw new Error(`register refused: ${decision.refusal.rule}`);
  return decision.petition;
}

export function attempt<T extends CaseActionType>(
  petition: Petition,
  actor: AnyActor,
  type: T,
  params: ParamsOf<T>,
  at: Instant,
): Decision {
  return decide(petition, { type, params } as Action, actor, at);
}

/** Takes the action and returns the next petition; fails the test with the rule when refused. */
export function act<T extends CaseActionType>(
  petition: Petition,
  actor: AnyActor,
  type: T,
  params: ParamsOf<T>,
  at: Instant,
): Petition {
  const decision = attempt(petition, actor, type, params, at);
  if (!decision.ok) throw new Error(`${type} by ${actor.id} refused: ${decision.refusal.rule}`);
  return decision.petition;
}

export function expectRefused(decision: Decision, rule: RuleId): void {
  expect(decision.ok ? 'accepted' : decision.refusal.rule).toBe(rule);
}

/** Assigned by the group to section1 at T0 + 1 day. */
export function assigned(kind: PetitionKind = 'request'): Petition {
  return act(
    submitted(kind),
    ACTORS.groupReception,
    'assign',
    { unit: UNITS.section1, reportBackBy: '2026-05-29' },
    later(T0, 1),
  );
}

/** Accepted by section1 at T0 + 2 days. */
export function handling(kind: PetitionKind = 'request'): Petition {
  return act(assigned(kind), ACTORS.sectionHandler, 'accept', {}, later(T0, 2));
}

export const LETTER = {
  request: '补发三月工资',
  factsAndReasons: '经核实，三月工资因系统故障延迟发放',
  decision: '于四月十日前补发',
  legalBasis: '《工资支付暂行规定》第七条',
  outcome: 'support',
} as const;

/** Drafted, approved and issued by section1, and opened by the petitioner, `days` after T0. */
export function replied(kind: PetitionKind = 'request', days = 20): Petition {
  return act(issued(kind, days), ACTORS.petitioner, 'receive_reply', {}, later(T0, days));
}

/** Drafted, approved and issued by section1 `days` after T0, not yet delivered. */
export function issued(kind: PetitionKind = 'request', days = 20): Petition {
  const outcome = kind === 'request' ? 'support' : kind === 'suggestion' ? 'adopted' : 'substantiated';
  let p = act(
    handling(kind),
    ACTORS.sectionHandler,
    'draft_reply',
    { ...LETTER, outcome },
    later(T0, days - 1),
  );
  p = act(p, ACTORS.sectionHead, 'approve_reply', {}, later(T0, days - 1, 1));
  return act(p, ACTORS.sectionHandler, 'issue_reply', {}, later(T0, days));
}

/** Issues a reply at the current stage, `at`, via the given handler and head; the petitioner opens it. */
export function answer(petition: Petition, handler: Actor, head: Actor, at: Instant): Petition {
  let p = act(petition, handler, 'draft_reply', LETTER, at);
  p = act(p, head, 'approve_reply', {}, at);
  p = act(p, handler, 'issue_reply', {}, at);
  return act(p, ACTORS.petitioner, 'receive_reply', {}, at);
}

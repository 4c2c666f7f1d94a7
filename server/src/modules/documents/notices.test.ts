import { defaultCalendar } from '@xinfang/shared/clocks';
import {
  type Action,
  type AnyActor,
  decide,
  type Petition,
  register,
  type UnitRef,
} from '@xinfang/shared/lifecycle';
import { describe, expect, it } from 'vitest';
import { plannedNotices } from './notices';

const ref = (...path: string[]): UnitRef => ({ id: path.at(-1) as string, path });
const GROUP = ref('group');
const SECTION = ref('group', 'mine', 'section');
const ACCUSED = ref('group', 'mine', 'accused');
const reception: AnyActor = { id: 'rec', roles: ['reception'], unit: GROUP };
const handler: AnyActor = { id: 'h', roles: ['handler'], unit: SECTION };
const T0 = '2026-03-02T02:00:00.000Z';

function step(p: Petition, actor: AnyActor, action: Action, at: string): Petition {
  const d = decide(p, action, actor, at);
  if (!d.ok) throw new Error(d.refusal.rule);
  return d.petition;
}

/** A request about `ACCUSED`, handled by `SECTION`. */
function handled(): Petition {
  const registered = register(
    {
      id: 'pet-1',
      petitionerId: 'p1',
      receivingUnit: GROUP,
      params: {
        kind: 'request',
        channel: 'online',
        concernedUnit: ACCUSED,
        categoryId: 'wages',
        title: '工资',
        content: '三月工资',
      },
    },
    { id: 'p1', roles: ['petitioner'], unit: null },
    T0,
  );
  if (!registered.ok) throw new Error(registered.refusal.rule);
  const assign = { type: 'assign', params: { unit: SECTION, reportBackBy: '2026-03-30' } } as Action;
  const assigned = step(registered.petition, reception, assign, '2026-03-03T02:00:00.000Z');
  return step(assigned, handler, { type: 'accept', params: {} } as Action, '2026-03-04T02:00:00.000Z');
}

describe('the mediation agreement (调解协议书)', () => {
  const agreement = {
    type: 'record_mediation',
    params: { result: 'agreement', summary: '协商一致', terms: '补发工资', confirmed: true },
  } as Action;

  it('names the unit a request concerns as the other party when none was named', () => {
    const before = handled();
    const after = step(before, handler, agreement, '2026-03-05T02:00:00.000Z');
    const change = { before, after, events: after.events.slice(before.events.length), now: new Date() };
    const [notice] = plannedNotices(change, defaultCalendar);
    expect(notice?.body((id) => id)).toMatchObject({ type: 'mediation_agreement', otherParty: 'accused' });
  });

  // Art 30: an agreement recorded on an accusation before Art 33's rule was enforced (or any way
  // one comes) never makes the accused unit the party that signs and keeps it.
  it('never names an accusation’s accused unit', () => {
    const request = handled();
    const recorded = step(request, handler, agreement, '2026-03-05T02:00:00.000Z');
    const before: Petition = { ...request, kind: 'accusation' };
    const after: Petition = { ...recorded, kind: 'accusation' };
    const change = { before, after, events: after.events.slice(before.events.length), now: new Date() };
    const [notice] = plannedNotices(change, defaultCalendar);
    expect(notice?.body((id) => id)).toMatchObject({ type: 'mediation_agreement', otherParty: 'section' });
  });
});

import type { VisitList } from '@xinfang/shared/schemas/visits';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * 下访 plans name a leader of the planner's own subtree (audit 32, D6): a mine's head cannot put
 * a visit into the group leader's plan, though the unit visited lies below that leader.
 */
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

const plan = (who: string, leader: string, key: string) =>
  kit.http(
    who,
    'POST',
    '/api/grassroots-visits',
    {
      unitId: kit.unit('JA-DS-AQK'),
      leaderId: kit.staffId(leader),
      place: '会议室',
      date: '2026-03-05',
      topic: '安全',
    },
    { 'idempotency-key': key },
  );

describe('下访 planned in a leader’s name', () => {
  it('a mine head may not plan one for the group’s leader; the refusal is audited', async () => {
    expectError(await plan('ds.head', 'leader', 'd6-mine-for-group'), 403, 'FORBIDDEN');
    const visits = (await kit.http('leader', 'GET', '/api/grassroots-visits?status=all')).json() as VisitList;
    expect(visits.items).toEqual([]);
    // The leader's unit, the group, is what lay outside the planner's subtree.
    const denied = await kit.app.db
      .selectFrom('audit_log')
      .select(['actor_id', 'target_type'])
      .where('action', '=', 'access.denied')
      .where('target_id', '=', kit.unit('JA'))
      .execute();
    expect(denied).toEqual([{ actor_id: kit.staffId('ds.head'), target_type: 'unit' }]);
  });

  it('he plans his own; the group’s office plans the group leader’s', async () => {
    const own = await plan('ds.head', 'ds.head', 'd6-mine-own');
    expect(own.statusCode, own.body).toBe(201);
    const group = await plan('reception', 'leader', 'd6-group-for-leader');
    expect(group.statusCode, group.body).toBe(201);
  });
});

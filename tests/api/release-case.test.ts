import type { StaffHoldings, StaffInUse } from '@xinfang/shared/schemas/admin';
import type { OwnedCaseList } from '@xinfang/shared/schemas/registers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from './notifications/support';
import { eventTypes, expectError, offered, PetitionKit } from './petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Art 18: a 包案领导 who changes post but stays in office hands his 包案 back himself (交出包案),
 * with the reason; nobody else ends it for him. The case then has no leader, any leader in scope
 * takes it, and the administrator may move him — which he refused while the leader still owned it.
 */
const WORKER = '13800000001';
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

const moveLeader = () =>
  kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('leader')}`, { unitId: kit.unit('JA-XH') });

describe('交出包案 (Art 18)', () => {
  it('the owner releases with a reason; another leader takes it; then the admin moves him', async () => {
    const { petition } = await kit.submit(WORKER, { categoryCode: 'safety' });
    const id = petition.id;
    await kit.act('ds.reception', id, 'accept');
    await kit.act('leader', id, 'take_case', { plan: '五定：本人包案，两周内化解。' });

    // While he owns it, the administrator is told that he hands it back himself first.
    const error = expectError(await moveLeader(), 409, 'IN_USE');
    expect(error.message).toContain('包案的事项请他本人先在事项页“交出包案”');
    expect((error.details as unknown as StaffInUse).leading.total).toBe(1);

    // Nobody else releases it: not the head of his own unit, nor the mine's, nor a handler.
    const reason = { reason: '调任新岗位，不再分管安全生产' };
    await kit.refused('head', id, 'release_case', reason, 'auth.unit_out_of_scope');
    await kit.refused('ds.head', id, 'release_case', reason, 'auth.unit_out_of_scope');
    await kit.refused('ds.handler', id, 'release_case', reason, 'auth.role_not_permitted');
    expect(offered(await kit.detail('leader', id))).toContain('release_case');

    const released = await kit.act('leader', id, 'release_case', reason);
    expect(released).not.toHaveProperty('responsibleLeader');
    expect(released.timeline.at(-1)).toMatchObject({
      type: 'case_released',
      visibility: 'internal',
      actor: { id: kit.staffId('leader') },
      data: reason,
    });
    const audited = (await kit.audit(id)).filter((a) => a.action === 'petition.release_case');
    expect(audited.map((a) => a.actor_id)).toEqual([kit.staffId('leader')]);
    // An internal step: the petitioner's timeline does not show it.
    expect(eventTypes(await kit.detail(WORKER, id))).not.toContain('case_released');
    // It leaves his 我的包案 at once, not when another leader takes it.
    const owned = (await kit.http('leader', 'GET', '/api/registers/owned')).json() as OwnedCaseList;
    expect(owned.items.map((item) => item.case.petitionId)).not.toContain(id);

    const taken = await kit.act('ds.head', id, 'take_case', { plan: '矿长包案，一周内约谈。' });
    expect(taken.responsibleLeader?.id).toBe(kit.staffId('ds.head'));
    expect(taken.timeline.at(-1)?.data).toEqual({ plan: '矿长包案，一周内约谈。' });

    const moved = await moveLeader();
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('a leader whose stage has ended holds nothing: the review above takes its own (Art 28, 35)', async () => {
    const { petition } = await kit.submit(WORKER);
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-30' });
    await kit.act('ds.handler', id, 'accept');
    // The group's head owns the safety department's answer; the mine reviews it, in his line.
    await kit.act('head', id, 'take_case', { plan: '集团包案，十日内约谈' });
    await kit.act('ds.handler', id, 'draft_reply', LETTER);
    await kit.act('head', id, 'approve_reply');
    await kit.act('ds.handler', id, 'issue_reply');
    await kit.openAnswer(WORKER, id);
    const review = await kit.act(WORKER, id, 'request_review', { reason: '不服安全科的答复' });
    expect(review.units.handling?.code).toBe('JA-DS');
    // He still sees the case, but has nothing to hand back and holds nothing the admin waits for.
    expect(offered(await kit.detail('head', id))).not.toContain('release_case');
    const seen = await kit.http('admin', 'GET', `/api/staff/${kit.staffId('head')}/holdings`);
    expect((seen.json() as StaffHoldings).leading.total).toBe(0);
    const moved = await kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('head')}`, {
      unitId: kit.unit('JA-XH'),
    });
    expect(moved.statusCode, moved.body).toBe(200);
  });
});

/** A decision letter (Art 32) for cases whose answer is not the point of the test. */
const LETTER = {
  request: '补发加班费',
  factsAndReasons: '经核实，已按规定调休。',
  decision: '不予补发。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'explain',
};

import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from './kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Art 28 (回避) over HTTP: a unit head decides recusals only for his own people; staff above him
 * recuse themselves, so a unit cannot take its supervisors and reviewers off its own case (audit
 * 32, D1). A recusal is lifted, with a reason, by whoever decided it or a head at or above them.
 */
const WORKER = '13800000001';
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  await kit.createStaff('aqk.head', 'JA-DS-AQK', ['unit_head']);
});
afterAll(() => kit?.close());

/** A worker's request, assigned by the group's office to 东山煤矿安全科 and accepted there. */
async function handledByAqk(): Promise<string> {
  const id = (await kit.submit(WORKER)).petition.id;
  await kit.act('reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-30' });
  await kit.act('ds.handler', id, 'accept');
  return id;
}

const offered = (detail: PetitionDetail, type: string) =>
  detail.allowedActions.find((a) => a.type === type)?.params.find((p) => p.name === 'staffId');

describe('Art 28 — a head recuses only his own people', () => {
  it('the mine head cannot take the group’s supervisor, head, leader or office off the mine’s case', async () => {
    const id = await handledByAqk();
    const before = await kit.detail('ds.head', id);
    for (const who of ['supervisor', 'head', 'leader', 'reception']) {
      const details = await kit.refused(
        'ds.head',
        id,
        'recuse',
        { staffId: kit.staffId(who), reason: '有利害关系' },
        'recusal.outside_unit',
      );
      expect(details).toMatchObject({ article: 'Art 28', param: 'staffId' });
    }
    expect((await kit.detail('ds.head', id)).version).toBe(before.version);
    // The levels above still see the case, supervise it and list it.
    expect((await kit.detail('supervisor', id)).id).toBe(id);
    const notice = await kit.http('supervisor', 'POST', '/api/supervision/notices', {
      petitionId: id,
      version: kit.versions.get(id),
      concern: 'delay',
      requirements: '请说明办理进度',
      dueDate: '2026-03-20',
    });
    expect(notice.statusCode, notice.body).toBeLessThan(300);
    const list = await kit.http('supervisor', 'GET', '/api/supervision?status=all');
    expect(list.statusCode, list.body).toBe(200);
    expect(list.body).toContain(id);
    // The app offers him his own unit's people only, and anyone else only themselves.
    const head = await kit.detail('ds.head', id);
    expect(offered(head, 'recuse')).toMatchObject({ staffWithin: kit.unit('JA-DS') });
    const handler = await kit.detail('ds.handler', id);
    expect(offered(handler, 'recuse')).toMatchObject({ staffIds: [kit.staffId('ds.handler')] });
  });

  it('he recuses a person of his mine; he or a head above him lifts it with a reason, audited', async () => {
    const id = await handledByAqk();
    await kit.detail('ds.head', id);
    const recused = await kit.act('ds.head', id, 'recuse', {
      staffId: kit.staffId('ds.handler'),
      reason: '与信访人有亲属关系',
    });
    expect(recused.timeline.at(-1)).toMatchObject({ type: 'recused' });
    expectError(await kit.http('ds.handler', 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
    // Offered to the head who decided it and to the head above him, with the one person.
    for (const who of ['ds.head', 'head'])
      expect(offered(await kit.detail(who, id), 'lift_recusal')).toMatchObject({
        staffIds: [kit.staffId('ds.handler')],
      });
    // Not to a head below him, nor to the desk.
    await kit.detail('aqk.head', id);
    expect(offered(await kit.detail('aqk.head', id), 'lift_recusal')).toBeUndefined();
    await kit.refused(
      'aqk.head',
      id,
      'lift_recusal',
      { staffId: kit.staffId('ds.handler'), reason: '有误' },
      'recusal.none_to_lift',
    );
    await kit.refused(
      'ds.reception',
      id,
      'lift_recusal',
      { staffId: kit.staffId('ds.handler'), reason: '有误' },
      'auth.role_not_permitted',
    );
    expectError(
      await kit.send('head', id, 'lift_recusal', { staffId: kit.staffId('ds.handler') }),
      400,
      'VALIDATION_FAILED',
    );

    await kit.detail('head', id);
    const lifted = await kit.act('head', id, 'lift_recusal', {
      staffId: kit.staffId('ds.handler'),
      reason: '经核实不存在亲属关系',
    });
    expect(lifted.timeline.at(-1)).toMatchObject({
      type: 'recusal_lifted',
      data: { staffId: kit.staffId('ds.handler'), reason: '经核实不存在亲属关系' },
    });
    expect(offered(lifted, 'lift_recusal')).toBeUndefined();
    expect((await kit.detail('ds.handler', id)).id).toBe(id);
    const audited = (await kit.audit(id)).filter((a) => a.action === 'petition.lift_recusal');
    expect(audited).toEqual([
      expect.objectContaining({ actor_type: 'staff', actor_id: kit.staffId('head'), outcome: 'success' }),
    ]);
    // Nothing stands recused: nothing to lift.
    await kit.refused(
      'head',
      id,
      'lift_recusal',
      { staffId: kit.staffId('ds.handler'), reason: '再次' },
      'recusal.none_to_lift',
    );
  });

  it('a head below recuses himself; the mine head lifts it, the section head next door cannot', async () => {
    await kit.createStaff('jj.head', 'JA-DS-JJ', ['unit_head']);
    const id = await handledByAqk();
    await kit.detail('aqk.head', id);
    await kit.act('aqk.head', id, 'recuse', { staffId: kit.staffId('aqk.head'), reason: '本人是当事人' });
    expectError(await kit.http('jj.head', 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
    await kit.detail('ds.head', id);
    await kit.act('ds.head', id, 'lift_recusal', {
      staffId: kit.staffId('aqk.head'),
      reason: '当事人另有其人',
    });
    expect((await kit.detail('aqk.head', id)).id).toBe(id);
  });
});

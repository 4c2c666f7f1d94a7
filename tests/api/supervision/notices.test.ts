import { migrations } from '@xinfang/server/db/migrations';
import type { SupervisionList, SupervisionNotice } from '@xinfang/shared/schemas/supervision';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { pdfText } from '../../support/pdf';
import { bj, toldAbout } from '../notifications/support';
import { expectError, offered, PetitionKit } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Supervision notices (督办单, Art 40) through their own routes: issued by a supervisor to the unit
 * holding a case with a date for the written answer, generated as a document, listed by status and
 * unit, escalated when unanswered, answered by the unit and reviewed once by the supervisor.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
let id = '';

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  id = (await kit.submit(WORKER)).petition.id;
  await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-30' });
  await kit.act('ds.handler', id, 'accept');
});
afterAll(() => kit?.close());

const list = async (who: string, query = '') => {
  const response = await kit.http(who, 'GET', `/api/supervision${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as SupervisionList).notices.filter((n) => n.petitionId === id);
};
const issue = (who: string, body: Record<string, unknown>) =>
  kit.http(who, 'POST', '/api/supervision/notices', {
    petitionId: id,
    version: kit.versions.get(id),
    concern: 'delay',
    requirements: '请说明工资核实进度，于期限内书面答复。',
    dueDate: '2026-03-10',
    ...body,
  });

describe('issuing a 督办单', () => {
  it('refuses bad input with the one error shape, and staff the list is not for', async () => {
    expectError(await issue('supervisor', { dueDate: '3月10日' }), 400, 'VALIDATION_FAILED');
    expectError(await issue('supervisor', { concern: 'anger' }), 400, 'VALIDATION_FAILED');
    const past = expectError(await issue('supervisor', { dueDate: '2026-03-01' }), 422, 'LIFECYCLE_REFUSED');
    expect(past.details?.rule).toBe('supervision.due_in_past');
    expect(past.message).toContain('第四十条');
    expectError(await issue('supervisor', { version: 0 }), 409, 'VERSION_CONFLICT');
    expectError(await kit.http('ds.handler', 'GET', '/api/supervision'), 403, 'FORBIDDEN');
    expectError(await issue('ds.handler', {}), 403, 'FORBIDDEN');
  });

  it('numbers it, generates it as a document the supervised unit can read, and tells the unit', async () => {
    const response = await issue('supervisor', {});
    expect(response.statusCode, response.body).toBe(201);
    const notice = response.json() as SupervisionNotice;
    expect(notice).toMatchObject({
      petitionId: id,
      no: 1,
      unit: { code: 'JA-DS-AQK' },
      concern: 'delay',
      dueDate: '2026-03-10',
      status: 'open',
      answeredAt: null,
    });
    expect(notice.documentId).not.toBeNull();
    const pdf = await kit.http('ds.handler', 'GET', `/api/documents/${notice.documentId}.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, '');
    expect(text).toContain('督办单');
    expect(text).toContain('请说明工资核实进度');
    expect((await toldAbout(kit, id)).supervision_notice).toEqual([kit.staffId('ds.handler')]);
    expect((await kit.audit(id)).map((a) => a.action)).toContain('petition.issue_supervision');
  });

  it('is listed as open, by the supervised unit’s subtree and not another’s', async () => {
    expect((await list('supervisor')).map((n) => n.status)).toEqual(['open']);
    expect(await list('supervisor', `?unitId=${kit.unit('JA-DS')}`)).toHaveLength(1);
    expect(await list('supervisor', `?unitId=${kit.unit('JA-XH')}`)).toEqual([]);
    expect(await list('supervisor', '?status=answered')).toEqual([]);
    // A mine's head sees his own subtree only.
    expect(await list('ds.head')).toHaveLength(1);
    expect(await list('xh.head')).toEqual([]);
    expectError(
      await kit.http('xh.head', 'GET', `/api/supervision?unitId=${kit.unit('JA-DS')}`),
      403,
      'FORBIDDEN',
    );
  });
});

describe('unanswered, answered, reviewed', () => {
  it('past its date it is overdue and escalates to the head above the supervised section', async () => {
    kit.setTime(bj('2026-03-11T09:00:00'));
    expect((await list('supervisor', '?status=overdue')).map((n) => n.status)).toEqual(['overdue']);
    await kit.app.jobs.run('escalations');
    const response = await kit.http('ds.handler', 'GET', `/api/petitions/${id}/escalations`);
    const steps = (response.json() as { items: { clock: string; level: number; unit: { name: string } }[] })
      .items;
    expect(steps.filter((s) => s.clock === 'supervision_answer').map((s) => [s.level, s.unit.name])).toEqual([
      [1, '东山煤矿安全科'],
    ]);
    // The section has no head of its own: the mine's head is told.
    expect((await toldAbout(kit, id)).escalation).toEqual([kit.staffId('ds.head')]);
  });

  it('the section answers in writing; only a supervisor reviews, once', async () => {
    const early = expectError(
      await kit.http('supervisor', 'POST', `/api/supervision/notices/${id}/1/review`, {
        decision: 'approved',
      }),
      422,
      'LIFECYCLE_REFUSED',
    );
    expect(early.details?.rule).toBe('supervision.not_answered');
    await kit.detail('ds.handler', id); // as the app re-reads the case before answering
    await kit.act('ds.handler', id, 'answer_supervision', {
      supervisionNo: 1,
      answer: '已核实考勤，三月十五日前补发。',
    });
    expect((await list('supervisor', '?status=answered')).map((n) => n.status)).toEqual(['answered']);
    expect(await list('supervisor')).toEqual([]); // no longer open

    const review = (who: string, body: unknown, no = 1) =>
      kit.http(who, 'POST', `/api/supervision/notices/${id}/${no}/review`, body);
    expectError(await review('ds.head', { decision: 'approved' }), 403, 'FORBIDDEN');
    expectError(await review('supervisor', { decision: 'maybe' }), 400, 'VALIDATION_FAILED');
    expectError(await review('supervisor', { decision: 'approved' }, 7), 404, 'NOT_FOUND');
    const approved = await review('supervisor', { decision: 'approved', note: '答复属实，同意。' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', reviewNote: '答复属实，同意。' });
    const again = expectError(await review('supervisor', { decision: 'returned' }), 422, 'LIFECYCLE_REFUSED');
    expect(again.details?.rule).toBe('supervision.already_reviewed');
    expect((await kit.audit(id)).filter((a) => a.action === 'petition.review_supervision')).toHaveLength(1);
  });
});

describe('the right level answers and reviews; a returned answer is owed again', () => {
  beforeAll(async () => {
    // A supervisor of the mine above the section: he sees the case, but issued none of its notices.
    await kit.createStaff('ds.super', 'JA-DS', ['supervisor']);
  });

  it('only the supervised unit answers; a supervisor never supervises his own unit', async () => {
    await kit.detail('supervisor', id);
    const issued = await issue('supervisor', { dueDate: '2026-03-20', requirements: '请说明补发进度。' });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ no: 2, unit: { code: 'JA-DS-AQK' }, status: 'open' });
    // Neither the group's own office nor the mine above the section answers for the section.
    for (const who of ['reception', 'ds.head']) {
      await kit.detail(who, id);
      await kit.refused(
        who,
        id,
        'answer_supervision',
        { supervisionNo: 2, answer: '已督促。' },
        'supervision.none_open',
      );
    }
    // A case the mine itself holds (in triage at its office) is supervised from above, not by it.
    const own = (await kit.submit(WORKER)).petition.id;
    await kit.detail('ds.super', own);
    const refused = expectError(
      await kit.http('ds.super', 'POST', '/api/supervision/notices', {
        petitionId: own,
        version: kit.versions.get(own),
        concern: 'delay',
        requirements: '请尽快分办。',
        dueDate: '2026-03-20',
      }),
      422,
      'LIFECYCLE_REFUSED',
    );
    expect(refused.details?.rule).toBe('supervision.own_unit');
  });

  it('only the issuing unit reviews; returned, the notice is open again and the section is told', async () => {
    await kit.detail('ds.handler', id);
    const answersBefore = (await toldAbout(kit, id)).supervision_answered ?? [];
    await kit.act('ds.handler', id, 'answer_supervision', { supervisionNo: 2, answer: '在办。' });
    // The supervisor who issued it is told there is an answer to review.
    expect((await toldAbout(kit, id)).supervision_answered).toEqual(
      [...answersBefore, kit.staffId('supervisor')].sort(),
    );
    const review = (who: string, body: unknown) =>
      kit.http(who, 'POST', `/api/supervision/notices/${id}/2/review`, body);
    const notIssuer = expectError(
      await review('ds.super', { decision: 'approved' }),
      422,
      'LIFECYCLE_REFUSED',
    );
    expect(notIssuer.details?.rule).toBe('supervision.not_issuer');

    // Returned two days after it was issued: the new answer gets the nine days the notice gave.
    kit.setTime(bj('2026-03-13T09:00:00'));
    const returned = await review('supervisor', {
      decision: 'returned',
      note: '答复太简单，请补充核查情况。',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({
      status: 'returned',
      answeredAt: null,
      dueDate: '2026-03-22',
      reviewNote: '答复太简单，请补充核查情况。',
    });
    // The section is told it is returned, why, and by when.
    expect((await toldAbout(kit, id)).supervision_returned).toEqual([kit.staffId('ds.handler')]);
    const [told] = await kit.app.db
      .selectFrom('notification')
      .select('body')
      .where('petition_id', '=', id)
      .where('event', '=', 'supervision_returned')
      .execute();
    expect(told?.body).toContain('答复太简单，请补充核查情况。');
    expect(told?.body).toContain('2026年3月22日');
    expect((await list('supervisor')).map((n) => [n.no, n.status])).toEqual([[2, 'returned']]);
    const detail = await kit.detail('ds.handler', id);
    expect(offered(detail)).toContain('answer_supervision');
    expect(
      detail.clocks.filter((c) => c.name === 'supervision_answer' && c.status === 'running'),
    ).toMatchObject([{ dueDate: '2026-03-22' }]);

    await kit.act('ds.handler', id, 'answer_supervision', {
      supervisionNo: 2,
      answer: '补充：已核查考勤记录。',
    });
    expect((await list('supervisor', '?status=answered')).map((n) => [n.no, n.status])).toEqual([
      [1, 'approved'],
      [2, 'answered'],
    ]);
    const approved = await review('supervisor', { decision: 'approved' });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', reviewNote: null });
    const reviews = (await kit.audit(id)).filter((a) => a.action === 'petition.review_supervision');
    expect(reviews.map((a) => a.actor_id)).toEqual(Array(3).fill(kit.staffId('supervisor')));
  });
});

describe('the issuing unit reviews, and a notice ends with its case', () => {
  const notice = async (who: string, no: number) => (await list(who, '?status=all')).find((n) => n.no === no);

  it('the answer reaches the issuing unit’s supervisors, who alone are offered the review', async () => {
    await kit.createStaff('sup2', 'JA', ['supervisor']);
    await kit.detail('supervisor', id);
    const issued = await issue('supervisor', { dueDate: '2026-03-20', requirements: '请说明补发结果。' });
    expect(issued.statusCode, issued.body).toBe(201);
    expect(issued.json()).toMatchObject({ no: 3, status: 'open', mayReview: false });
    // The issuer leaves the office: the unit that issued the notice reviews it still (Art 40).
    const left = await kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('supervisor')}`, {
      status: 'disabled',
    });
    expect(left.statusCode, left.body).toBe(200);
    const toldBefore = (await toldAbout(kit, id)).supervision_answered ?? [];
    await kit.detail('ds.handler', id);
    await kit.act('ds.handler', id, 'answer_supervision', { supervisionNo: 3, answer: '已全部补发。' });
    expect((await toldAbout(kit, id)).supervision_answered).toEqual(
      [...toldBefore, kit.staffId('sup2')].sort(),
    );
    expect(await notice('sup2', 3)).toMatchObject({ status: 'answered', mayReview: true });
    // The mine's supervisor sees the notice but did not issue it.
    expect(await notice('ds.super', 3)).toMatchObject({ status: 'answered', mayReview: false });
    expect(await notice('sup2', 2)).toMatchObject({ status: 'approved', mayReview: false });
  });

  it('a case that ends ends the notices waiting on it: off the open lists, holding no unit', async () => {
    await kit.detail('sup2', id);
    const issued = await issue('sup2', { dueDate: '2026-03-20', requirements: '请尽快办结。' });
    expect(issued.json()).toMatchObject({ no: 4, status: 'open' });
    await kit.detail(WORKER, id);
    await kit.act(WORKER, id, 'withdraw', { reason: '工资已经补发了。' });
    kit.setTime(bj('2026-03-25T09:00:00'));
    expect(await list('sup2')).toEqual([]);
    expect(await list('sup2', '?status=overdue')).toEqual([]);
    // Neither the answer awaiting review (no. 3) nor the unanswered one (no. 4) can come now.
    expect(await notice('sup2', 3)).toMatchObject({ status: 'ended', mayReview: false });
    expect(await notice('sup2', 4)).toMatchObject({ status: 'ended', answeredAt: null });
    expect(await notice('sup2', 1)).toMatchObject({ status: 'approved' });
    // The section's ended notice no longer keeps it from being retired: its staff still do.
    const refused = expectError(
      await kit.http('admin', 'POST', `/api/org/units/${kit.unit('JA-DS-AQK')}/retire`),
      409,
      'IN_USE',
    );
    expect(refused.details).toMatchObject({ supervision: 0 });
    expect(refused.message).not.toContain('督办');
  });

  it('20261207390000 ends the waiting notices of cases that had ended before it', async () => {
    // Back to before the column, then forward (its own down and up only).
    const step = migrations['20261207390000_end_supervision_of_ended_cases'];
    if (!step?.down) throw new Error('20261207390000 is not listed, or has no down');
    await step.down(kit.app.db);
    await step.up(kit.app.db);
    const all = await list('sup2', '?status=all');
    expect(all.map((n) => [n.no, n.status]).sort()).toEqual([
      [1, 'approved'],
      [2, 'approved'],
      [3, 'ended'],
      [4, 'ended'],
    ]);
    expect(await list('sup2')).toEqual([]);
  });
});

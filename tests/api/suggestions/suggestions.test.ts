import { recountRollups, storedRollups } from '@xinfang/server/modules/figures/figures.recount';
import type { Suggestion, SuggestionList } from '@xinfang/shared/schemas/suggestions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Suggestions to improve work (改进建议, Art 40), with the server's clock moved: issued from a case
 * to a unit, answered by it, adoption recorded by the issuer; overdue when unanswered past the date;
 * counted in the figures as they happen.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
let petitionId = '';
let sent = 0;
const issue = (who: string, body: Record<string, unknown>, key = `suggestion-${++sent}-key`) =>
  kit.http(who, 'POST', '/api/suggestions', body, { 'idempotency-key': key });
const list = async (who: string, query = '') => {
  const response = await kit.http(who, 'GET', `/api/suggestions${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as SuggestionList).items;
};
/** The sum of a metric's daily rollups (the monthly ones hold the same again). */
const metric = async (name: string) =>
  [...(await storedRollups(kit.app.db))]
    .map(([k, v]) => [k.split('\u0000'), v] as const)
    .filter(([[day, , metricName]]) => metricName === name && day?.length === 10)
    .reduce((n, [, v]) => n + v, 0);

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  petitionId = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS') })).petition.id;
});
afterAll(() => kit?.close());

describe('改进建议', () => {
  let first: Suggestion;

  it('the supervisor issues one from a case to the mine, once however often it is retried', async () => {
    const body = {
      petitionId,
      unitId: kit.unit('JA-DS'),
      suggestion: '建立取暖补贴按月公示制度，避免职工反复来访。',
      dueDate: '2026-03-13',
    };
    expectError(await issue('supervisor', { ...body, dueDate: '2026-03-01' }), 422, 'LIFECYCLE_REFUSED');
    expectError(await issue('supervisor', { ...body, supervisionNo: 4 }), 400, 'VALIDATION_FAILED');
    expectError(await issue('supervisor', { ...body, suggestion: ' ' }), 400, 'VALIDATION_FAILED');
    expectError(await issue('ds.handler', body), 403, 'FORBIDDEN');
    expectError(await issue('xh.head', { ...body, unitId: kit.unit('JA-XH') }), 404, 'NOT_FOUND');
    const once = await issue('supervisor', body, 'suggestion-retry-key');
    expect(once.statusCode, once.body).toBe(201);
    const again = await issue('supervisor', body, 'suggestion-retry-key');
    expect(again.json()).toEqual(once.json());
    first = once.json() as Suggestion;
    expect(first).toMatchObject({ status: 'open', unit: { code: 'JA-DS' }, petition: { id: petitionId } });
    expect(await metric('improvement_suggested')).toBe(1);
    expect((await list('supervisor', '?view=issued')).map((s) => s.id)).toEqual([first.id]);
    expect((await list('ds.head')).map((s) => s.id)).toEqual([first.id]);
    expect(await list('xh.head')).toEqual([]);
  });

  it('is overdue past its date, answered once by the unit, and its adoption recorded once by the issuer', async () => {
    kit.setTime(bj('2026-03-16T09:00:00'));
    expect((await list('ds.head', '?status=overdue')).map((s) => s.status)).toEqual(['overdue']);
    // The mine's head is told once, without the case's number.
    const told = async () =>
      kit.app.db
        .selectFrom('notification')
        .select(['recipient_id', 'petition_number'])
        .where('event', '=', 'suggestion_overdue')
        .execute();
    await kit.app.jobs.run('suggestionReminders');
    await kit.app.jobs.run('suggestionReminders');
    expect(await told()).toEqual([{ recipient_id: kit.staffId('ds.head'), petition_number: null }]);
    const adopt = `/api/suggestions/${first.id}/adoption`;
    const decision = { adoption: 'partly_adopted', note: '公示制度采纳，按月改为按季。' };
    expectError(await kit.http('supervisor', 'POST', adopt, decision), 422, 'LIFECYCLE_REFUSED');
    const answerUrl = `/api/suggestions/${first.id}/answer`;
    expectError(await kit.http('xh.head', 'POST', answerUrl, { answer: '越权' }), 404, 'NOT_FOUND');
    const answered = await kit.http('ds.head', 'POST', answerUrl, { answer: '已制定公示办法，三月起执行。' });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((answered.json() as Suggestion).status).toBe('answered');
    expectError(await kit.http('ds.head', 'POST', answerUrl, { answer: '再答' }), 422, 'LIFECYCLE_REFUSED');
    expectError(await kit.http('ds.head', 'POST', adopt, decision), 422, 'LIFECYCLE_REFUSED');
    const decided = await kit.http('supervisor', 'POST', adopt, decision);
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ status: 'decided', adoption: 'partly_adopted' });
    expectError(await kit.http('supervisor', 'POST', adopt, decision), 422, 'LIFECYCLE_REFUSED');
    expect(await metric('improvement_adopted')).toBe(1);
    expect(await storedRollups(kit.app.db)).toEqual(await recountRollups(kit.app.db, kit.app.calendar));
    const audit = await kit.app.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'suggestion.%')
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual([
      'suggestion.answer',
      'suggestion.decide',
      'suggestion.issue',
    ]);
  });

  it('Art 30: never to the unit an accusation accuses', async () => {
    const accusation = (
      await kit.submit(WORKER, {
        kind: 'accusation',
        concernedUnitId: kit.unit('JA-DS'),
        title: '检举东山煤矿截留取暖补贴',
        content: '东山煤矿有人截留了综采一队的取暖补贴，请求调查处理，并对检举人保密。',
      })
    ).petition.id;
    const refused = await issue('supervisor', {
      petitionId: accusation,
      unitId: kit.unit('JA-DS'),
      suggestion: '改进',
      dueDate: '2026-03-30',
    });
    expectError(refused, 422, 'LIFECYCLE_REFUSED');
  });

  it('issued late in the evening, due that day: its retry after midnight gets the first answer', async () => {
    kit.setTime(bj('2026-03-20T23:50:00'));
    const body = {
      petitionId,
      unitId: kit.unit('JA-DS'),
      suggestion: '当日整改到位。',
      dueDate: '2026-03-20',
    };
    const issued = await issue('supervisor', body, 'suggestion-midnight-key');
    expect(issued.statusCode, issued.body).toBe(201);
    kit.tick({ minutes: 20 });
    const retried = await issue('supervisor', body, 'suggestion-midnight-key');
    expect(retried.statusCode, retried.body).toBe(201);
    expect(retried.json()).toEqual(issued.json());
    // A new one is checked as ever: its date is now past.
    expectError(await issue('supervisor', body), 422, 'LIFECYCLE_REFUSED');
  });
});

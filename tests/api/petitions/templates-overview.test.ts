import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from './kit';

const WORKER = '13800000001';

describe('decision-letter templates', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  const keep = (who: string, template: Record<string, unknown>, key = `template-${randomUUID()}`) =>
    kit.http(who, 'POST', '/api/reply-templates', template, { 'idempotency-key': key });

  const body = (unitCode: string, title: string, extra: Record<string, unknown> = {}) => ({
    unitId: kit.unit(unitCode),
    categoryCode: 'wages',
    kind: 'request',
    title,
    factsAndReasons: '经核实，……',
    decision: '依据有关规定，……',
    legalBasis: '《劳动法》第五十条',
    ...extra,
  });

  it('a unit head keeps templates for their subtree only', async () => {
    const created = await keep('ds.head', body('JA-DS', '工资补发（东山）'));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      title: '工资补发（东山）',
      unit: { code: 'JA-DS' },
      active: true,
    });
    const outside = await keep('ds.head', body('JA-XH', '越权'));
    expect(outside.statusCode).toBe(403);
    const byHandler = await keep('ds.handler', body('JA-DS-AQK', '承办人不能建'));
    expect(byHandler.statusCode).toBe(403);
  });

  it('a retried creation with the same key is the first template again, kept once', async () => {
    const template = body('JA-DS', '重复提交（东山）', { categoryCode: 'other' });
    const first = await keep('ds.head', template, 'template-retry-0001');
    expect(first.statusCode, first.body).toBe(201);
    const again = await keep('ds.head', template, 'template-retry-0001');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const kept = await kit.app.db
      .selectFrom('reply_template')
      .select('id')
      .where('title', '=', '重复提交（东山）')
      .execute();
    expect(kept).toEqual([{ id: first.json().id }]);
    expect((await kit.audit(first.json().id)).map((a) => a.action)).toEqual(['reply_template.create']);
    expectError(
      await kit.http('ds.head', 'POST', '/api/reply-templates', template),
      428,
      'IDEMPOTENCY_KEY_REQUIRED',
    );
  });

  it('a handler sees the templates of their unit and the units above, for the category, not the other mine’s', async () => {
    await keep('xh.head', body('JA-XH', '工资补发（西河）'));
    await keep('ds.head', body('JA-DS', '住房（东山）', { categoryCode: 'housing' }));
    const seen = await kit.http('ds.handler', 'GET', '/api/reply-templates?categoryCode=wages&kind=request');
    expect(seen.statusCode).toBe(200);
    expect(seen.json().map((t: { title: string }) => t.title)).toEqual(['工资补发（东山）']);
  });

  it('retiring a template hides it from handlers', async () => {
    const [template] = (
      await kit.http('ds.handler', 'GET', '/api/reply-templates?categoryCode=wages')
    ).json();
    const retired = await kit.http(
      'ds.head',
      'PUT',
      `/api/reply-templates/${template.id}`,
      body('JA-DS', template.title, { active: false }),
    );
    expect(retired.statusCode, retired.body).toBe(200);
    expect((await kit.http('ds.handler', 'GET', '/api/reply-templates?categoryCode=wages')).json()).toEqual(
      [],
    );
    const foreign = await kit.http(
      'xh.head',
      'PUT',
      `/api/reply-templates/${template.id}`,
      body('JA-XH', '抢过来'),
    );
    expect(foreign.statusCode).toBe(403);
  });
});

describe('my unit at a glance', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  it('counts open petitions where they are held, rolled up, with due soon, overdue and handler loads', async () => {
    await kit.submit(WORKER);
    const handled = await kit.submit(WORKER);
    await kit.act('ds.reception', handled.petition.id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', handled.petition.id, 'accept');
    await kit.act('ds.head', handled.petition.id, 'set_handler', { staffId: kit.staffId('ds.handler') });
    // Another handler acts on it last: the load stays with the 承办人 named (Art 24).
    await kit.appoint('aqk.h2', 'JA-DS-AQK', ['handler']);
    await kit.act('aqk.h2', handled.petition.id, 'add_note', { text: '已约谈班组长' });

    const overview = await kit.http('ds.head', 'GET', '/api/overview');
    expect(overview.statusCode, overview.body).toBe(200);
    const { units, handlers } = overview.json();
    const unit = (code: string) => units.find((u: { unit: { code: string } }) => u.unit.code === code);
    expect(unit('JA-DS')).toMatchObject({ triage: 1, handling: 1 });
    expect(unit('JA-DS-AQK')).toMatchObject({ triage: 0, handling: 1 });
    expect(units.some((u: { unit: { code: string } }) => u.unit.code.startsWith('JA-XH'))).toBe(false);
    expect(handlers).toEqual([
      expect.objectContaining({ displayName: expect.stringContaining('周涛'), openCases: 1, overdue: 0 }),
      expect.objectContaining({ displayName: 'JA-DS-AQK aqk.h2', openCases: 0, overdue: 0 }),
    ]);

    kit.tick({ days: 80 });
    const late = (await kit.http('ds.head', 'GET', '/api/overview')).json();
    expect(late.units.find((u: { unit: { code: string } }) => u.unit.code === 'JA-DS')).toMatchObject({
      overdue: 2,
    });
    expect(late.handlers[0]).toMatchObject({ openCases: 1, overdue: 1 });
  });

  it('refuses a unit outside the caller’s subtree and callers without the role', async () => {
    expect((await kit.http('ds.head', 'GET', `/api/overview?unitId=${kit.unit('JA-XH')}`)).statusCode).toBe(
      403,
    );
    expect((await kit.http('ds.handler', 'GET', '/api/overview')).statusCode).toBe(403);
    const group = await kit.http('supervisor', 'GET', `/api/overview?unitId=${kit.unit('JA-XH')}`);
    expect(group.statusCode).toBe(200);
  });
});

import type { EscalationList } from '@xinfang/shared/schemas/supervision';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { PetitionKit } from '../petitions/kit';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * An approved extension (Art 34) moves the handling deadline: the yellow (due-soon) flag given
 * before the old date is given again, once, before the new one; the red rungs stay one per run.
 * Every warning is kept, with the due date it warned of (Art 40): the case's record, newest first.
 */
const WORKER = '13800000001';
let kit: PetitionKit;
let id = '';

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-04-02T09:00:00') });
  id = (await kit.submit(WORKER)).petition.id;
  await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-20' });
  await kit.act('ds.handler', id, 'accept');
});
afterAll(() => kit?.close());

const run = () => kit.app.jobs.run('escalations');
const handlingDue = async () =>
  (await kit.detail('ds.handler', id)).clocks.find((c) => c.name === 'handling')?.dueDate;
const steps = async () => {
  const response = await kit.http('ds.head', 'GET', `/api/petitions/${id}/escalations`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as EscalationList).items
    .filter((s) => s.clock === 'handling')
    .map((s) => [s.level, s.flag, s.dueDate]);
};
/** The escalation notices the handler was given, oldest first: their bodies. */
const yellows = async () =>
  (
    await kit.app.db
      .selectFrom('notification')
      .select('body')
      .where('petition_id', '=', id)
      .where('recipient_id', '=', kit.staffId('ds.handler'))
      .where('event', '=', 'escalation')
      .orderBy('id')
      .execute()
  ).map((n) => n.body);

describe('a handling deadline across an approved extension', () => {
  it('is yellow before the first due date', async () => {
    expect(await handlingDue()).toBe('2026-06-01');
    kit.setTime(bj('2026-05-28T10:00:00'));
    await run();
    expect(await steps()).toEqual([[0, 'yellow', '2026-06-01']]);
    expect(await yellows()).toHaveLength(1);
  });

  it('is yellow again, once, before the new due date', async () => {
    await kit.act('ds.handler', id, 'request_extension', { days: 30, reason: '需要核算三个月的工时' });
    await kit.act('ds.head', id, 'approve_extension');
    const due = await handlingDue();
    expect(due).toBe('2026-07-01');
    kit.setTime(bj('2026-06-15T10:00:00'));
    await run();
    expect(await yellows()).toHaveLength(1);
    kit.setTime(bj('2026-06-26T10:00:00'));
    await Promise.all([run(), run()]);
    await run();
    expect(await steps()).toEqual([
      [0, 'yellow', due],
      [0, 'yellow', '2026-06-01'],
    ]);
    const told = await yellows();
    expect(told).toHaveLength(2);
    expect(told[1]).toContain('2026年7月1日');
    kit.setTime(bj('2026-06-30T10:00:00'));
    await run();
    expect(await yellows()).toHaveLength(2);
  });

  it('is red once the new due date has passed, and each red rung only once', async () => {
    kit.setTime(bj('2026-07-02T10:00:00'));
    await Promise.all([run(), run()]);
    await run();
    expect(await steps()).toEqual([
      [1, 'red', '2026-07-01'],
      [0, 'yellow', '2026-07-01'],
      [0, 'yellow', '2026-06-01'],
    ]);
    const levels = (await kit.audit(id)).flatMap((a) => {
      if (a.action !== 'petition.escalate') return [];
      const details = (typeof a.details === 'string' ? JSON.parse(a.details) : a.details) as {
        clock: string;
        level: number;
        dueDate: string;
      };
      return details.clock === 'handling' ? [[details.level, details.dueDate]] : [];
    });
    expect(levels).toEqual([
      [0, '2026-06-01'],
      [0, '2026-07-01'],
      [1, '2026-07-01'],
    ]);
  });
});

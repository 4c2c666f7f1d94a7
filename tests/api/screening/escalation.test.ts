import type { ScreeningItem } from '@xinfang/shared/schemas/screening';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { PetitionKit } from '../petitions/kit';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Graded risk-screening items escalate like cases (issue 15), with the server's clock moved across
 * the 2026 Labour Day holiday (1–5 May off, Saturday 9 May worked): items due on Wednesday 6 May
 * are yellow from 28 April, red to the head from 7 May, and one level up on the fifth working day
 * late (12 May) — each step told once however often the job runs, and never once closed.
 */
let kit: PetitionKit;
const ids = { team: '', mine: '', closed: '' };
let sent = 0;

const ITEM = {
  subject: '综采一队因夜班补贴核算方式调整有意见',
  involved: '综采一队部分夜班职工',
  headcount: 12,
  grade: 'B',
  responsible: '吴磊',
  measures: '队长当面解释核算办法，人力资源科核对补贴明细。',
  deadline: '2026-05-06',
};

async function register(who: string, body: object): Promise<string> {
  sent += 1;
  const response = await kit.http(
    who,
    'POST',
    '/api/screening/items',
    { ...ITEM, ...body },
    {
      'idempotency-key': `screening-escalation-${sent}`,
    },
  );
  expect(response.statusCode, response.body).toBe(201);
  return (response.json() as ScreeningItem).id;
}

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-04-20T09:00:00') });
  ids.team = await register('ds.liaison', {}); // 综采一队 → 综采区 → 东山煤矿 → 集团
  ids.mine = await register('ds.head', { grade: 'A', subject: '矿区拆迁补偿标准有争议' }); // 东山煤矿 → 集团
  ids.closed = await register('ds.head', { grade: 'C', subject: '食堂饭菜价格上涨有意见' });
});
afterAll(() => kit?.close());

const run = () => kit.app.jobs.run('screeningEscalations');

/** Who has been told of an item, level by level: `[level, username]`, sorted. */
async function told(id: string): Promise<[number, string][]> {
  const rows = await kit.app.db
    .selectFrom('notification')
    .select(['dedupe_key', 'recipient_id'])
    .where('event', '=', 'escalation')
    .where('dedupe_key', 'like', `screening_escalation:${id}:%`)
    .execute();
  const names = ['ds.liaison', 'ds.head', 'head', 'supervisor'];
  return rows
    .map((r): [number, string] => [
      Number(r.dedupe_key?.split(':')[2]),
      names.find((n) => kit.staffId(n) === r.recipient_id) ?? r.recipient_id,
    ])
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]));
}

async function flags(): Promise<Record<string, ScreeningItem['escalation'] | null>> {
  const response = await kit.http('ds.head', 'GET', '/api/screening/items?status=all');
  expect(response.statusCode, response.body).toBe(200);
  const items = (response.json() as { items: ScreeningItem[] }).items;
  const of = (id: string) => items.find((i) => i.id === id)?.escalation ?? null;
  return { team: of(ids.team), mine: of(ids.mine), closed: of(ids.closed) };
}

describe('screening items due on 6 May, across Labour Day', () => {
  it('are not flagged on Monday 27 April: the next three working days end on 30 April', async () => {
    kit.setTime(bj('2026-04-27T10:00:00'));
    await run();
    expect(await told(ids.team)).toEqual([]);
    expect(await flags()).toEqual({ team: null, mine: null, closed: null });
  });

  it('are yellow on 28 April: the team’s liaison officer, or the head who registered it, told once', async () => {
    kit.setTime(bj('2026-04-28T10:00:00'));
    await Promise.all([run(), run()]);
    await run();
    expect(await told(ids.team)).toEqual([[0, 'ds.liaison']]);
    expect(await told(ids.mine)).toEqual([[0, 'ds.head']]);
    expect(await flags()).toMatchObject({ team: { flag: 'yellow', level: 0 } });
    const [said] = await kit.app.db
      .selectFrom('notification')
      .select(['body', 'title'])
      .where('dedupe_key', '=', `screening_escalation:${ids.team}:0:${kit.staffId('ds.liaison')}`)
      .execute();
    expect(said?.title).toBe('排查事项即将到期');
    expect(said?.body).toContain(
      '综采一队的B级矛盾纠纷排查事项“综采一队因夜班补贴核算方式调整有意见”将在2026年5月6日到期',
    );
  });

  it('are red to the mine’s head once 6 May ends — never the one closed that day', async () => {
    kit.setTime(bj('2026-05-06T15:00:00'));
    const close = await kit.http('ds.head', 'POST', `/api/screening/items/${ids.closed}/close`, {
      note: '已公示成本构成，职工表示理解。',
    });
    expect(close.statusCode, close.body).toBe(200);
    kit.setTime(bj('2026-05-06T23:59:00'));
    await run();
    expect(await told(ids.team)).toEqual([[0, 'ds.liaison']]);
    kit.setTime(bj('2026-05-07T00:01:00'));
    await Promise.all([run(), run()]);
    // 综采一队 and 综采区 have no head: the nearest up the line, 东山煤矿's, is told.
    expect(await told(ids.team)).toEqual([
      [0, 'ds.liaison'],
      [1, 'ds.head'],
    ]);
    expect(await told(ids.mine)).toEqual([
      [0, 'ds.head'],
      [1, 'ds.head'],
    ]);
    expect(await told(ids.closed)).toEqual([[0, 'ds.head']]);
    expect(await flags()).toEqual({
      team: { flag: 'red', level: 1 },
      mine: { flag: 'red', level: 1 },
      closed: null,
    });
  });

  it('climb one level on the fifth working day late (Saturday 9 May is worked), not before', async () => {
    kit.setTime(bj('2026-05-11T10:00:00'));
    await run();
    expect((await told(ids.mine)).length).toBe(2);
    kit.setTime(bj('2026-05-12T10:00:00'));
    await run();
    await run();
    expect(await told(ids.mine)).toEqual([
      [0, 'ds.head'],
      [1, 'ds.head'],
      [2, 'head'],
      [2, 'supervisor'],
    ]);
    // The team's second level passes over 综采区, which has nobody to act, and 东山煤矿, whose head
    // was told at red: it reaches the group.
    expect(await told(ids.team)).toEqual([
      [0, 'ds.liaison'],
      [1, 'ds.head'],
      [2, 'head'],
      [2, 'supervisor'],
    ]);
    expect(await flags()).toMatchObject({ team: { level: 2 }, mine: { level: 2 } });
  });

  it('stop at the root, and tell nothing more once closed', async () => {
    kit.setTime(bj('2026-05-12T11:00:00'));
    const close = await kit.http('ds.head', 'POST', `/api/screening/items/${ids.mine}/close`, {
      note: '补偿标准已按文件复核并答复。',
    });
    expect(close.statusCode, close.body).toBe(200);
    kit.setTime(bj('2026-08-31T10:00:00'));
    await run();
    expect((await told(ids.mine)).length).toBe(4);
    // Levels 3 and 4 have no unit left above the group: nobody is told again.
    expect(await told(ids.team)).toEqual([
      [0, 'ds.liaison'],
      [1, 'ds.head'],
      [2, 'head'],
      [2, 'supervisor'],
    ]);
    expect(await flags()).toEqual({ team: { flag: 'red', level: 4 }, mine: null, closed: null });
  });
});

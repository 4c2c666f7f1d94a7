import type { PetitionDetail, PetitionSummary } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from './kit';

/**
 * Reading petitions: a petitioner's own list, staff inboxes scoped to their subtree and sorted by
 * the nearest deadline, keyset pagination that neither repeats nor skips under inserts, every
 * filter, search by number and by phone, the queue counts, and the lookup by number and query
 * code that needs no login and shows nothing personal.
 */

const WORKER = '13800000001';
const XH_WORKER = '13800000002';
const RESIDENT = '13900000003';
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

let kit: PetitionKit;
const p: Record<'w1' | 'w2' | 'w3' | 'x1' | 'r1', PetitionDetail> = {} as never;
const codes: Record<string, string> = {};

const ids = (items: readonly PetitionSummary[]) => items.map((i) => i.id);
const sorted = (values: readonly string[]) => [...values].sort();

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  const w1 = await kit.submit(WORKER, { title: '夜班补贴没有发放', categoryCode: 'wages' });
  kit.tick({ hours: 1 });
  const w2 = await kit.submit(WORKER, {
    kind: 'suggestion',
    concernedUnitId: kit.unit('JA-DS'),
    categoryCode: 'management_suggestion',
  });
  kit.tick({ hours: 1 });
  const w3 = await kit.submit(WORKER, {
    kind: 'accusation',
    concernedUnitId: kit.unit('JA-DS-ZC-1'),
    categoryCode: 'cadre_conduct',
  });
  kit.tick({ hours: 1 });
  const x1 = await kit.submit(XH_WORKER, { concernedUnitId: kit.unit('JA-XH-AQK'), categoryCode: 'safety' });
  kit.tick({ hours: 1 });
  const r1 = await kit.register('ds.reception', {
    channel: 'letter',
    receivedAt: bj('2026-02-25T10:00:00'),
    concernedUnitId: kit.unit('JA-DS-RLK'),
    categoryCode: 'housing',
    title: '王秀英来信反映住房漏雨',
    content: '矿区老住宅楼屋顶漏雨两年，多次报修无人处理。',
    petitioner: { realName: '王秀英', phone: RESIDENT },
  });
  Object.assign(p, { w1: w1.petition, w2: w2.petition, w3: w3.petition, x1: x1.petition, r1: r1.petition });
  for (const s of [w1, w2, w3, x1, r1]) codes[s.petition.id] = s.queryCode;
});
afterAll(() => kit?.close());

describe('a petitioner’s own list', () => {
  it('holds their own petitions only, newest first — also those registered for them, once they say so', async () => {
    expect(ids((await kit.list(WORKER)).items)).toEqual([p.w3.id, p.w2.id, p.w1.id]);
    expect(ids((await kit.list(XH_WORKER)).items)).toEqual([p.x1.id]);
    expect(ids((await kit.list(RESIDENT)).items)).toEqual([]);
    await kit.claim(RESIDENT, p.r1.id);
    expect(ids((await kit.list(RESIDENT)).items)).toEqual([p.r1.id]);
    // Someone else's petition does not exist for them.
    expectError(await kit.http(WORKER, 'GET', `/api/petitions/${p.x1.id}`), 404, 'NOT_FOUND');
    // A phone number is no search key for petitioners, and never stands in a URL.
    expectError(
      await kit.http(WORKER, 'GET', `/api/petitions?search=${XH_WORKER}`),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http(WORKER, 'POST', '/api/petitions/search', { search: XH_WORKER }),
      403,
      'FORBIDDEN',
    );
    // Petitioners see their own windows too, and no other person's data.
    const item = (await kit.list(WORKER)).items[0];
    expect(item).not.toHaveProperty('petitioner');
    expectError(await kit.http(WORKER, 'GET', '/api/petitions/counts'), 403, 'FORBIDDEN');
  });
});

describe('staff inboxes', () => {
  it('are scoped to the subtree: 西河 never sees 东山, by list or by address', async () => {
    expect(ids(await kit.listAll('xh.handler'))).toEqual([p.x1.id]);
    expect(ids(await kit.listAll('xh.head'))).toEqual([p.x1.id]);
    for (const id of [p.w1.id, p.w2.id, p.r1.id, p.w3.id]) {
      expectError(await kit.http('xh.handler', 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
      expectError(await kit.send('xh.head', id, 'add_note', { text: '看看' }, 1), 404, 'NOT_FOUND');
    }
    expectError(await kit.http('ds.handler', 'GET', `/api/petitions/${p.x1.id}`), 404, 'NOT_FOUND');
    // The mine's office sees its own, not the group's accusation about one of its teams.
    expect(sorted(ids(await kit.listAll('ds.reception')))).toEqual(sorted([p.w1.id, p.w2.id, p.r1.id]));
    // The group sees everything.
    expect(sorted(ids(await kit.listAll('reception')))).toEqual(sorted(Object.values(p).map((x) => x.id)));
    // Filtering by another subtree's unit never widens the view.
    expect(ids(await kit.listAll('xh.head', { unitId: kit.unit('JA-DS') }))).toEqual([]);
    // Admins and liaison officers hold no inbox.
    expectError(await kit.http('admin', 'GET', '/api/petitions/counts'), 403, 'FORBIDDEN');
  });

  it('are sorted by the nearest deadline', async () => {
    const items = await kit.listAll('reception');
    const dues = items.map((i) => i.nextDue?.due ?? '9999');
    expect(dues).toEqual([...dues].sort());
    // The letter received on 25 February is due first (triage by 12 March).
    expect(items[0]?.id).toBe(p.r1.id);
    expect(items[0]?.nextDue).toMatchObject({ name: 'triage', dueDate: '2026-03-12' });
    // Sorted by receipt instead, newest first.
    const byReceipt = await kit.listAll('reception', { sort: 'received' });
    expect(ids(byReceipt)).toEqual([p.x1.id, p.w3.id, p.w2.id, p.w1.id, p.r1.id]);
    // Or longest waiting first, page by page (approvals are worked oldest first).
    const oldest = [];
    let cursor: string | null = null;
    do {
      const page = await kit.list('reception', { sort: 'oldest', limit: 2, ...(cursor ? { cursor } : {}) });
      oldest.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(ids(oldest)).toEqual([p.r1.id, p.w1.id, p.w2.id, p.w3.id, p.x1.id]);
  });
});

describe('filters and search', () => {
  it('by state, kind, channel, category, unit and date', async () => {
    await kit.act('ds.reception', p.w1.id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-04-30',
    });
    const q = async (query: Record<string, string>) => sorted(ids(await kit.listAll('reception', query)));
    expect(await q({ state: 'assigned' })).toEqual([p.w1.id]);
    expect(await q({ state: 'registered' })).toEqual(sorted([p.w2.id, p.w3.id, p.x1.id, p.r1.id]));
    expect(await q({ kind: 'accusation' })).toEqual([p.w3.id]);
    expect(await q({ kind: 'suggestion' })).toEqual([p.w2.id]);
    expect(await q({ channel: 'letter' })).toEqual([p.r1.id]);
    expect(await q({ channel: 'online' })).toEqual(sorted([p.w1.id, p.w2.id, p.w3.id, p.x1.id]));
    expect(await q({ categoryCode: 'housing' })).toEqual([p.r1.id]);
    expect(await q({ categoryCode: 'no_such_category' })).toEqual([]);
    expect(await q({ unitId: kit.unit('JA-XH') })).toEqual([p.x1.id]);
    expect(await q({ unitId: kit.unit('JA-DS-AQK') })).toEqual([p.w1.id]);
    expect(await q({ unitId: kit.unit('JA-DS') })).toEqual(sorted([p.w1.id, p.w2.id, p.r1.id]));
    expect(await q({ unitId: 'no-such-unit' })).toEqual([]);
    expect(await q({ receivedTo: bj('2026-03-01T00:00:00') })).toEqual([p.r1.id]);
    expect(await q({ receivedFrom: bj('2026-03-02T00:00:00') })).toEqual(
      sorted([p.w1.id, p.w2.id, p.w3.id, p.x1.id]),
    );
    expect(
      await q({ receivedFrom: bj('2026-03-02T10:30:00'), receivedTo: bj('2026-03-02T11:30:00') }),
    ).toEqual([p.w3.id]);
    expect(await q({ kind: 'request', channel: 'online', state: 'registered' })).toEqual([p.x1.id]);
    expect(await q({ queue: 'triage' })).toEqual(sorted([p.w2.id, p.w3.id, p.x1.id, p.r1.id]));
    expect(await q({ queue: 'handling' })).toEqual([p.w1.id]);
  });

  it('by number (however it is typed) and, for staff, by phone through its keyed hash', async () => {
    const digits = p.w2.number.slice(7);
    for (const typed of [
      p.w2.number,
      p.w2.number.toLowerCase(),
      `XF2026${digits}`,
      `XF2026-${Number(digits)}`,
    ])
      expect(ids(await kit.listAll('reception', { search: typed })), typed).toEqual([p.w2.id]);
    expect(await kit.listAll('reception', { search: 'XF2026-999999' })).toEqual([]);
    expect(sorted(ids(await kit.listAll('reception', { search: WORKER })))).toEqual(
      sorted([p.w1.id, p.w2.id, p.w3.id]),
    );
    expect(sorted(ids(await kit.listAll('ds.reception', { search: '138 0000 0001' })))).toEqual(
      sorted([p.w1.id, p.w2.id]),
    );
    expect(await kit.listAll('reception', { search: '13700000000' })).toEqual([]);
    expect(ids(await kit.listAll('reception', { search: '住房漏雨' }))).toEqual([p.r1.id]);
    // Searching by phone is audited (who looked a person up), without the number itself.
    const searches = await kit.app.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'petition.search_by_phone')
      .execute();
    expect(searches.length).toBeGreaterThanOrEqual(3);
    expect(JSON.stringify(searches)).not.toContain('13800000001');
  });

  it('due soon and overdue, with the counts per queue', async () => {
    kit.setTime(bj('2026-03-10T10:00:00'));
    expect(ids(await kit.listAll('reception', { due: 'soon' }))).toEqual([p.r1.id]);
    expect(await kit.listAll('reception', { due: 'overdue' })).toEqual([]);
    const counts = await kit.http('reception', 'GET', '/api/petitions/counts');
    expect(counts.json()).toEqual({ all: 5, triage: 4, handling: 1, approval: 0, overdue: 0, mine: 0 });

    kit.setTime(bj('2026-03-13T09:00:00'));
    expect(ids(await kit.listAll('reception', { due: 'overdue' }))).toEqual([p.r1.id]);
    expect(ids(await kit.listAll('reception', { queue: 'overdue' }))).toEqual([p.r1.id]);
    expect(ids(await kit.listAll('ds.reception', { due: 'overdue' }))).toEqual([p.r1.id]);
    expect(await kit.listAll('xh.head', { due: 'overdue' })).toEqual([]);
    const mine = await kit.http('ds.reception', 'GET', '/api/petitions/counts');
    expect(mine.json()).toEqual({ all: 3, triage: 2, handling: 1, approval: 0, overdue: 1, mine: 0 });
    const xh = await kit.http('xh.head', 'GET', '/api/petitions/counts');
    expect(xh.json()).toEqual({ all: 1, triage: 1, handling: 0, approval: 0, overdue: 0, mine: 0 });
  });

  it('refuses malformed filters in the one error shape', async () => {
    for (const query of [
      'state=bogus',
      'limit=0',
      'limit=101',
      'receivedFrom=yesterday',
      'cursor=%%%',
      'cursor=bm90LWEtY3Vyc29y',
      'due=later',
    ]) {
      const response = await kit.http('reception', 'GET', `/api/petitions?${query}`);
      expectError(
        response,
        400,
        response.json().error.code === 'BAD_REQUEST' ? 'BAD_REQUEST' : 'VALIDATION_FAILED',
      );
    }
  });
});

describe('keyset pagination', () => {
  for (const sort of ['due', 'received'] as const) {
    it(`by ${sort}: pages never repeat or skip a petition while new ones arrive`, async () => {
      for (let i = 0; i < 7; i += 1) {
        kit.tick({ minutes: 7 });
        await kit.submit(i % 2 ? WORKER : RESIDENT, { concernedUnitId: kit.unit('JA-DS-AQK') });
      }
      const before = ids(await kit.listAll('ds.reception', { sort }));
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await kit.list('ds.reception', { sort, limit: 3, ...(cursor ? { cursor } : {}) });
        seen.push(...ids(page.items));
        cursor = page.nextCursor;
        pages += 1;
        // New petitions arrive between the pages.
        kit.tick({ minutes: 1 });
        await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') });
      } while (cursor);
      expect(pages).toBeGreaterThanOrEqual(4);
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of before) expect(seen).toContain(id);
      // Whatever was seen is in the order of the sort.
      const firstSeen = seen.filter((id) => before.includes(id));
      expect(firstSeen).toEqual(before);
    });
  }
});

describe('lookup by number and query code, without signing in', () => {
  it('shows the state, clocks and public steps — nothing personal', async () => {
    await kit.act('ds.reception', p.r1.id, 'send_message', { text: '王秀英您好，已派人查看屋顶。' });
    const response = await kit.http(null, 'POST', '/api/lookup', {
      number: p.r1.number,
      queryCode: codes[p.r1.id],
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ number: p.r1.number, state: 'registered', kind: 'request' });
    expect(body.clocks.map((c: { name: string }) => c.name)).toContain('triage');
    for (const secret of [
      '王秀英',
      RESIDENT,
      '0003',
      '住房漏雨',
      '屋顶漏雨',
      '已派人查看',
      p.r1.petitioner?.id,
    ])
      expect(response.body, String(secret)).not.toContain(String(secret));
    expect(body.timeline.every((e: { actor: unknown }) => e.actor === null)).toBe(true);
    // The number in lower case works as well.
    const lower = await kit.http(null, 'POST', '/api/lookup', {
      number: p.r1.number.toLowerCase(),
      queryCode: codes[p.r1.id],
    });
    expect(lower.statusCode).toBe(200);
    // And as a phone's Chinese keyboard types it, full width, the code too: ＸＦ２０２６－０００１２３.
    const fullWidth = (text: string) =>
      text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    const wide = await kit.http(null, 'POST', '/api/lookup', {
      number: fullWidth(p.r1.number),
      queryCode: fullWidth(codes[p.r1.id] as string),
    });
    expect(wide.statusCode, wide.body).toBe(200);
  });

  it('tells a reply’s outcome, not the letter’s words, which may name people', async () => {
    const letter = {
      request: '补发拖欠的夜班费',
      factsAndReasons: '经核实，班长赵某某漏报了考勤。',
      decision: '补发全部夜班费。',
      legalBasis: '《劳动法》第五十条',
      outcome: 'support',
    };
    const { petition, queryCode } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS') });
    await kit.act('ds.reception', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'draft_reply', letter);
    await kit.act('ds.head', petition.id, 'approve_reply');
    await kit.act('ds.head', petition.id, 'issue_reply');
    const response = await kit.http(null, 'POST', '/api/lookup', { number: petition.number, queryCode });
    expect(response.statusCode, response.body).toBe(200);
    const issued = response.json().timeline.find((e: { type: string }) => e.type === 'reply_issued');
    expect(issued.data).toMatchObject({ outcome: 'support' });
    for (const words of [letter.factsAndReasons, letter.decision, '赵某某'])
      expect(response.body).not.toContain(words);
  });

  it('a wrong code or number is 404, and repeated failures are throttled (429), then forgiven', async () => {
    const wrong = await kit.http(null, 'POST', '/api/lookup', { number: p.x1.number, queryCode: 'WRONG123' });
    expectError(wrong, 404, 'NOT_FOUND');
    // Another petition's code does not open this one.
    expectError(
      await kit.http(null, 'POST', '/api/lookup', { number: p.x1.number, queryCode: codes[p.w1.id] }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await kit.http(null, 'POST', '/api/lookup', { number: 'XF2026-999999', queryCode: codes[p.x1.id] }),
      404,
      'NOT_FOUND',
    );
    let status = 404;
    let guesses = 2;
    while (status === 404 && guesses < 40) {
      const r = await kit.http(null, 'POST', '/api/lookup', {
        number: p.x1.number,
        queryCode: `GUESS${guesses}`,
      });
      status = r.statusCode;
      guesses += 1;
      if (status === 429)
        expect(expectError(r, 429, 'RATE_LIMITED').details).toHaveProperty('retryAfterSeconds');
    }
    expect(status).toBe(429);
    // The address's bound: twenty guesses in a quarter of an hour.
    expect(guesses).toBe(20);
    // Once blocked, even the right code waits, from that address.
    expectError(
      await kit.http(null, 'POST', '/api/lookup', { number: p.x1.number, queryCode: codes[p.x1.id] }),
      429,
      'RATE_LIMITED',
    );
    const failures = await kit.app.db
      .selectFrom('audit_log')
      .select('outcome')
      .where('action', '=', 'petition.lookup')
      .where('outcome', '=', 'failure')
      .execute();
    expect(failures.length).toBeGreaterThanOrEqual(10);

    kit.tick({ hours: 2 });
    const later = await kit.http(null, 'POST', '/api/lookup', {
      number: p.x1.number,
      queryCode: codes[p.x1.id],
    });
    expect(later.statusCode, later.body).toBe(200);
  });
});

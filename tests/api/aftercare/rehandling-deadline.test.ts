import type {
  FollowUp,
  FollowUpList,
  RehandlingItem,
  RehandlingList,
} from '@xinfang/shared/schemas/aftercare';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';
import { answeredSuggestion } from './support';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * The unit head's re-handling decision after an unsatisfied rating has a deadline in working days
 * (an office setting, 10 by default), counted on the real calendar across the 2026 National Day
 * holidays; the list shows it and flags it overdue, and the head is reminded on the due day and
 * again once overdue, each once. The follow-up and re-handling lists come in pages that, walked to
 * the end, show every row exactly once.
 */
const SUGGESTERS = ['13900000011', '13900000012', '13900000013', '13900000014', '13900000015'];
let kit: PetitionKit;
let satisfied: string[] = [];
let unsatisfied: string[] = [];

beforeAll(async () => {
  // Monday 28 September: the rating day. 1–7 October are holidays; Saturday 10 October is worked.
  kit = await PetitionKit.start({ at: bj('2026-09-28T09:00:00') });
  const ids: string[] = [];
  for (const phone of SUGGESTERS) ids.push(await answeredSuggestion(kit, phone));
  satisfied = ids.slice(0, 2);
  unsatisfied = ids.slice(2);
  for (const [i, id] of ids.entries()) {
    await kit.act(SUGGESTERS[i] as string, id, 'rate', { rating: i < 2 ? 'satisfied' : 'unsatisfied' });
  }
  await kit.app.jobs.run('deadlines');
});
afterAll(() => kit?.close());

async function page<T>(who: string, path: string, query: string) {
  const response = await kit.http(who, 'GET', `${path}?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { items: T[]; nextCursor: string | null };
}

/** Every page of a list, `limit` at a time, following the cursors to the end. */
async function walk<T>(who: string, path: string, query: string, limit: number): Promise<T[][]> {
  const pages: T[][] = [];
  let cursor: string | null = null;
  do {
    const at: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const next: { items: T[]; nextCursor: string | null } = await page<T>(
      who,
      path,
      `${query}&limit=${limit}${at}`,
    );
    pages.push(next.items);
    cursor = next.nextCursor;
  } while (cursor !== null && pages.length < 50);
  return pages;
}

const decisions = async (query = '') =>
  (await page<RehandlingItem>('ds.head', '/api/rehandling-decisions', query)).items;
const told = () =>
  kit.app.db
    .selectFrom('notification')
    .select(['recipient_id', 'petition_id', 'body', 'dedupe_key'])
    .where('event', '=', 'rehandling_due')
    .orderBy('created_at')
    .orderBy('id')
    .execute();

describe('the re-handling deadline', () => {
  it('is ten working days after the rating, the holidays skipped, shown in the list', async () => {
    const settings = await kit.http('admin', 'GET', '/api/admin/settings/aftercare');
    expect(settings.json()).toMatchObject({ rehandlingWorkingDays: 10 });
    const waiting = await decisions('waiting=true');
    expect(waiting.map((d) => d.petitionId).sort()).toEqual([...unsatisfied].sort());
    for (const d of waiting)
      expect(d).toMatchObject({ dueDate: '2026-10-16', overdue: false, rehandle: null });
  });

  it('reminds the unit head on the due day and once overdue, each once; never of a decided one', async () => {
    const [decided, ...open] = unsatisfied as [string, ...string[]];
    await kit.act('ds.head', decided, 'decide_rehandling', {
      rehandle: false,
      reason: '答复无误，继续解释',
      toPetitioner: '原答复已说明加装计划',
    });
    kit.setTime(bj('2026-10-15T10:00:00'));
    await kit.app.jobs.run('aftercare');
    expect(await told()).toEqual([]);

    kit.setTime(bj('2026-10-16T10:00:00'));
    await kit.app.jobs.run('aftercare');
    await kit.app.jobs.run('aftercare');
    const due = await told();
    expect(due.map((n) => [n.recipient_id, n.petition_id]).sort()).toEqual(
      open.map((id) => [kit.staffId('ds.head'), id]).sort(),
    );
    expect(due[0]?.body).toContain('2026年10月16日');
    expect((await decisions('waiting=true')).map((d) => d.overdue)).toEqual([false, false]);

    // Monday 19 October: past due. The list flags them; the head is told once more, once.
    kit.setTime(bj('2026-10-19T09:00:00'));
    const late = await decisions();
    expect(
      late
        .filter((d) => d.overdue)
        .map((d) => d.petitionId)
        .sort(),
    ).toEqual([...open].sort());
    expect(late.find((d) => d.petitionId === decided)).toMatchObject({ rehandle: false, overdue: false });
    await kit.app.jobs.run('aftercare');
    await kit.app.jobs.run('aftercare');
    const all = await told();
    expect(all).toHaveLength(4);
    const overdue = all.filter((n) => n.dedupe_key?.startsWith('rehandling_overdue:'));
    expect(overdue.map((n) => n.petition_id).sort()).toEqual([...open].sort());
    expect(overdue[0]?.body).toContain('超期');
    expect(all.map((n) => n.petition_id)).not.toContain(decided);
  });

  it('follows the office’s setting, which only the administrator changes', async () => {
    expectError(
      await kit.http('admin', 'PUT', '/api/admin/settings/aftercare', { rehandlingWorkingDays: 0 }),
      400,
      'VALIDATION_FAILED',
    );
    const set = await kit.http('admin', 'PUT', '/api/admin/settings/aftercare', {
      rehandlingWorkingDays: 12,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect((await decisions('waiting=true')).map((d) => [d.dueDate, d.overdue])).toEqual([
      ['2026-10-20', false],
      ['2026-10-20', false],
    ]);
  });
});

describe('paging the follow-ups and the re-handling decisions', () => {
  it('walks every page and finds every row exactly once', async () => {
    await kit.app.jobs.run('deadlines');
    const everyFollowUp = (await page<FollowUp>('ds.head', '/api/follow-ups', 'limit=100')).items;
    expect(everyFollowUp.map((f) => f.petitionId)).toEqual(expect.arrayContaining(satisfied));
    const everyDecision = await decisions('limit=100');
    expect(everyDecision).toHaveLength(unsatisfied.length);
    for (const limit of [1, 2]) {
      const mine = `unitId=${kit.unit('JA-DS')}`;
      const followUpPages = await walk<FollowUp>('ds.head', '/api/follow-ups', mine, limit);
      expect(followUpPages.flat(), `limit ${limit}`).toEqual(everyFollowUp);
      expect(followUpPages.every((p) => p.length <= limit)).toBe(true);
      const decisionPages = await walk<RehandlingItem>('ds.head', '/api/rehandling-decisions', mine, limit);
      expect(decisionPages.flat(), `limit ${limit}`).toEqual(everyDecision);
      expect(decisionPages.every((p) => p.length <= limit)).toBe(true);
    }
    const last = (await page<FollowUp>('ds.head', '/api/follow-ups', 'limit=100')) as FollowUpList;
    expect(last.nextCursor).toBeNull();
    const decided = (await page<RehandlingItem>(
      'ds.head',
      '/api/rehandling-decisions',
      'waiting=false&limit=1',
    )) as RehandlingList;
    expect(decided.items).toHaveLength(1);
    expect(decided.nextCursor).toBeNull();
  });

  it('refuses a cursor it did not give, and a page too large', async () => {
    for (const path of ['/api/follow-ups', '/api/rehandling-decisions']) {
      expectError(await kit.http('ds.head', 'GET', `${path}?cursor=not-a-cursor`), 400, 'VALIDATION_FAILED');
      expectError(await kit.http('ds.head', 'GET', `${path}?limit=101`), 400, 'VALIDATION_FAILED');
    }
  });
});

import { randomUUID } from 'node:crypto';
import { runHousekeeping } from '@xinfang/server/jobs/housekeeping';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from './kit';

/**
 * Idempotency-Key on the create routes: a phone that retries after a lost answer gets the first
 * answer again and never a second petition — also when the retries race each other.
 */

const WORKER = '13800000001';
const XH_WORKER = '13800000002';

let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start();
});
afterAll(() => kit?.close());

async function countTitled(title: string): Promise<number> {
  const row = await kit.app.db
    .selectFrom('petition')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('title', '=', title)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

const post = (who: string, body: unknown, key?: string, url = '/api/petitions') =>
  kit.http(who, 'POST', url, body, key === undefined ? {} : { 'idempotency-key': key });

describe('Idempotency-Key', () => {
  it('the same key and body answer as the first time, marked as a replay; one petition exists', async () => {
    const body = kit.submission();
    const key = `retry-${randomUUID()}`;
    const first = await post(WORKER, body, key);
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    kit.tick({ minutes: 3 });
    const again = await post(WORKER, body, key);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const [a, b] = [first.json() as Submitted, again.json() as Submitted];
    expect(b.petition.id).toBe(a.petition.id);
    expect(b.queryCode).toBe(a.queryCode);
    expect(b).toEqual(a);
    // The same body with its keys in another order is the same request.
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const third = await post(WORKER, reordered, key);
    expect(third.headers['idempotent-replayed']).toBe('true');
    expect((third.json() as Submitted).petition.id).toBe(a.petition.id);
    expect(await countTitled(body.title as string)).toBe(1);
    // Only one submission was audited.
    expect((await kit.audit(a.petition.id)).filter((e) => e.action === 'petition.submit')).toHaveLength(1);
  });

  it('the same key with a different body is refused (422 IDEMPOTENCY_KEY_REUSED)', async () => {
    const key = `reuse-${randomUUID()}`;
    const body = kit.submission();
    expect((await post(WORKER, body, key)).statusCode).toBe(201);
    const other = await post(WORKER, { ...body, content: `${body.content}（补充）` }, key);
    expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await countTitled(body.title as string)).toBe(1);
  });

  it('the same key and body sent to another visit’s cases is another request: refused, not replayed', async () => {
    const heldVisit = async (place: string) => {
      const planned = await kit.http(
        'leader',
        'POST',
        '/api/grassroots-visits',
        { unitId: kit.unit('JA-DS'), place, date: kit.beijingDate(0), topic: '听取职工意见' },
        { 'idempotency-key': `plan-${randomUUID()}` },
      );
      expect(planned.statusCode, planned.body).toBe(201);
      const { id } = planned.json() as { id: string };
      const held = await kit.http('leader', 'POST', `/api/grassroots-visits/${id}/held`, {
        summary: '座谈',
        people: 5,
      });
      expect(held.statusCode, held.body).toBe(200);
      return id;
    };
    const [v1, v2] = [await heldVisit('综采一队会议室'), await heldVisit('综采二队会议室')];
    const body: Record<string, unknown> = {
      ...kit.submission(),
      channel: 'visit',
      receivedAt: new Date(Date.now() - 3600_000).toISOString(),
      petitioner: { realName: '周强', phone: '13700000079' },
    };
    const key = `visit-case-${randomUUID()}`;
    const first = await post('reception', body, key, `/api/grassroots-visits/${v1}/cases`);
    expect(first.statusCode, first.body).toBe(201);
    const other = await post('reception', body, key, `/api/grassroots-visits/${v2}/cases`);
    expectError(other, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(other.headers['idempotent-replayed']).toBeUndefined();
    expect(await countTitled(body.title as string)).toBe(1);
    const cases = await kit.app.db
      .selectFrom('grassroots_visit_case')
      .select('visit_id')
      .where('petition_id', '=', (first.json() as Submitted).petition.id)
      .execute();
    expect(cases).toEqual([{ visit_id: v1 }]);
    // The same URL with another query is another request too.
    const queried = await post('reception', body, key, `/api/grassroots-visits/${v1}/cases?again=1`);
    expectError(queried, 422, 'IDEMPOTENCY_KEY_REUSED');
  });

  it('no key is 428; a malformed or giant key is 400; nothing is created', async () => {
    const before = await kit.petitionCount();
    expectError(await post(WORKER, kit.submission()), 428, 'IDEMPOTENCY_KEY_REQUIRED');
    expectError(await post(WORKER, kit.submission(), 'short'), 400, 'VALIDATION_FAILED');
    expectError(await post(WORKER, kit.submission(), 'k'.repeat(10_000)), 400, 'VALIDATION_FAILED');
    expectError(await post(WORKER, kit.submission(), 'has spaces in it'), 400, 'VALIDATION_FAILED');
    expectError(
      await post(
        'reception',
        {
          ...kit.submission(),
          channel: 'letter',
          receivedAt: new Date(Date.now() - 3600_000).toISOString(),
          petitioner: { realName: '孙丽', phone: '13700000078' },
        },
        undefined,
        '/api/petitions/register',
      ),
      428,
      'IDEMPOTENCY_KEY_REQUIRED',
    );
    expect(await kit.petitionCount()).toBe(before);
  });

  it('a key belongs to its sender: another petitioner’s same key makes their own petition', async () => {
    const key = `shared-${randomUUID()}`;
    const body = kit.submission();
    const mine = (await post(WORKER, body, key)).json() as Submitted;
    const theirs = await post(XH_WORKER, body, key);
    expect(theirs.statusCode).toBe(201);
    expect(theirs.headers['idempotent-replayed']).toBeUndefined();
    const answer = theirs.json() as Submitted;
    expect(answer.petition.id).not.toBe(mine.petition.id);
    expect(answer.queryCode).not.toBe(mine.queryCode);
  });

  it('a retry a day later still gets the first answer (keys live at least 24 hours)', async () => {
    const key = `late-${randomUUID()}`;
    const body = kit.submission();
    const first = (await post(WORKER, body, key)).json() as Submitted;
    kit.tick({ hours: 25 });
    const late = await post(WORKER, body, key);
    expect(late.headers['idempotent-replayed']).toBe('true');
    expect((late.json() as Submitted).petition.id).toBe(first.petition.id);
  });

  it('ten identical requests at once make exactly one petition and ten equal answers', async () => {
    await kit.sessions.token(WORKER);
    const body = kit.submission();
    const key = `race-${randomUUID()}`;
    const answers = await Promise.all(Array.from({ length: 10 }, () => post(WORKER, body, key)));
    const statuses = answers.map((a) => a.statusCode);
    expect(statuses, answers.map((a) => a.body).join('\n')).toEqual(Array(10).fill(201));
    const bodies = answers.map((a) => a.json() as Submitted);
    for (const b of bodies) expect(b).toEqual(bodies[0]);
    expect(answers.filter((a) => a.headers['idempotent-replayed'] === undefined)).toHaveLength(1);
    expect(await countTitled(body.title as string)).toBe(1);
    const events = await kit.eventCount(bodies[0]?.petition.id as string);
    expect(events).toBe(1);
  });

  it('ten identical staff registrations at once make one petition (and one new petitioner)', async () => {
    await kit.sessions.token('ds.reception');
    const body: Record<string, unknown> = {
      ...kit.submission({ concernedUnitId: kit.unit('JA-DS-RLK') }),
      channel: 'letter',
      receivedAt: new Date(Date.now() - 86_400_000).toISOString(),
      petitioner: { realName: '孙丽', phone: '13700000077', address: '东山矿区 9 号楼' },
    };
    const key = `reg-${randomUUID()}`;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post('ds.reception', body, key, '/api/petitions/register')),
    );
    expect(
      answers.map((a) => a.statusCode),
      answers.map((a) => a.body).join('\n'),
    ).toEqual(Array(10).fill(201));
    const ids = new Set(answers.map((a) => (a.json() as Submitted).petition.id));
    expect(ids.size).toBe(1);
    expect(await countTitled(body.title as string)).toBe(1);
    const people = await kit.app.db
      .selectFrom('petitioner_account')
      .select('id')
      .where('real_name', '=', '孙丽')
      .execute();
    expect(people).toHaveLength(1);
  });

  it('ten different submissions at once get ten distinct numbers', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(WORKER, kit.submission(), `many-${randomUUID()}`)),
    );
    expect(
      answers.map((a) => a.statusCode),
      answers.map((a) => a.body).join('\n'),
    ).toEqual(Array(10).fill(201));
    const numbers = answers.map((a) => (a.json() as Submitted).petition.number);
    expect(new Set(numbers).size).toBe(10);
  });

  it('a retry after the kept answer is purged finds the petition it made, however late', async () => {
    // The phone keeps an unconfirmed submission with no time limit (audit 36b, D1).
    const key = `pending-${randomUUID()}`;
    const body = kit.submission();
    const first = (await post(WORKER, body, key)).json() as Submitted;
    kit.tick({ hours: 50 });
    const purged = await runHousekeeping(kit.app.db, { now: kit.now(), auditRetentionDays: 3650 });
    expect(purged.idempotencyRecords).toBeGreaterThan(0);
    const late = await post(WORKER, body, key);
    expect(late.statusCode, late.body).toBe(201);
    expect(late.headers['idempotent-replayed']).toBe('true');
    const answer = late.json() as Submitted;
    expect(answer.petition.id).toBe(first.petition.id);
    expect(answer.petition.number).toBe(first.petition.number);
    // Shown once and kept only as a hash: not shown again, and not replaced (the first still works).
    expect(answer.queryCode).toBe('');
    const looked = await kit.http(null, 'POST', '/api/lookup', {
      number: first.petition.number,
      queryCode: first.queryCode,
    });
    expect(looked.statusCode, looked.body).toBe(200);
    expect(await countTitled(body.title as string)).toBe(1);
    // A different body under the key is still another request.
    const changed = await post(WORKER, { ...body, content: `${body.content}（补充）` }, key);
    expectError(changed, 422, 'IDEMPOTENCY_KEY_REUSED');
    expect(await countTitled(body.title as string)).toBe(1);
  });
});

import type { PendingRegistration, PetitionDetail } from '@xinfang/shared/schemas/petitions';
import type { PersonHistory } from '@xinfang/shared/schemas/registers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from './kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * 重复信访 by hand is the same person's (audit 36, D6): a clerk may not make a stranger's case a
 * repeat of a signed-in petitioner's. Records whose phones or ID numbers differ are two people; a
 * desk's registration joins an account only when its holder says it is theirs; two desk records
 * are joined with the clerk's reason, shown on both; the history follows no other link.
 */
const ZHANG = '13900000041';
let kit: PetitionKit;
let zhangCase: string;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  zhangCase = (await kit.submit(ZHANG, { title: '食堂饭菜价格上涨' })).petition.id;
});
afterAll(() => kit?.close());

const link = (from: string, to: string, reason?: string) =>
  kit.http('head', 'POST', `/api/petitions/${from}/links`, { petitionId: to, ...(reason ? { reason } : {}) });
const walkIn = async (petitioner: Record<string, string>) =>
  (await kit.register('ds.reception', { petitioner })).petition;
const links = async () =>
  kit.app.db.selectFrom('petition_link').select(['petition_id', 'linked_id']).execute();
const history = async (petitionerId: string) => {
  const response = await kit.http('ds.head', 'GET', `/api/registers/petitioners/${petitionerId}/history`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as PersonHistory).cases.map((c) => c.case.petitionId);
};

describe('linking two cases as one person’s', () => {
  it('refuses records whose phones or ID numbers differ', async () => {
    const li = await walkIn({ realName: '李四', phone: '13700000099', idNumber: '110105194912310021' });
    const refused = expectError(await link(li.id, zhangCase), 400, 'VALIDATION_FAILED');
    expect(refused.message).toContain('不是同一个人');
    // Two desk records with different ID numbers, even with a reason.
    const other = await walkIn({ realName: '李四', idNumber: '14010219800101123X' });
    expectError(await link(li.id, other.id, '同一人，来访时自述'), 400, 'VALIDATION_FAILED');
    expect(await links()).toEqual([]);

    // A link made before the rule (a stranger's case joined to an account's) is not followed.
    const at = kit.now().toISOString();
    for (const [a, b] of [
      [li.id, zhangCase],
      [zhangCase, li.id],
    ] as const) {
      await kit.app.db
        .insertInto('petition_link')
        .values({
          petition_id: a,
          linked_id: b,
          similarity: 100,
          source: 'staff',
          created_by: 'x',
          created_at: at,
        })
        .execute();
    }
    const zhang = await kit.petitionerId(ZHANG);
    expect(await history(zhang)).toEqual([zhangCase]);
    await kit.app.db.deleteFrom('petition_link').execute();
  });

  it('asks the account’s holder about a desk’s registration, and links it once they say it is theirs', async () => {
    const wang = await walkIn({ realName: '张伟' });
    const asked = await link(zhangCase, wang.id);
    expect(asked.statusCode, asked.body).toBe(202);
    expect((asked.json() as PetitionDetail).links).toEqual([]);
    expect(await links()).toEqual([]);
    const waiting = (await kit.http(ZHANG, 'GET', '/api/me/registrations')).json() as PendingRegistration[];
    expect(waiting.map((w) => w.petitionId)).toEqual([wang.id]);
    expect(await history(await kit.petitionerId(ZHANG))).toEqual([zhangCase]);
    // Asked again: still waiting, nothing more.
    expect((await link(wang.id, zhangCase)).statusCode).toBe(202);
    // The desk typed his phone: his registration still waits for his word, and is not linked.
    const typed = await walkIn({ realName: '张伟', phone: ZHANG });
    expect((await link(typed.id, zhangCase)).statusCode).toBe(202);
    expect(await links()).toEqual([]);

    await kit.claim(ZHANG, wang.id, true);
    const linked = await link(zhangCase, wang.id);
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as PetitionDetail).links.map((l) => l.petitionId)).toEqual([wang.id]);

    // "Not mine": not asked again, not linked.
    const stranger = await walkIn({ realName: '赵某' });
    expect((await link(stranger.id, zhangCase)).statusCode).toBe(202);
    await kit.claim(ZHANG, stranger.id, false);
    expectError(await link(stranger.id, zhangCase), 400, 'VALIDATION_FAILED');
    expect((await kit.detail('head', zhangCase)).links.map((l) => l.petitionId)).toEqual([wang.id]);
  });

  it('joins two desk records only with the clerk’s reason, shown and audited on both', async () => {
    const first = await walkIn({ realName: '孙某', phone: '13700000077' });
    const second = await walkIn({ realName: '孙某' });
    const bare = expectError(await link(second.id, first.id), 400, 'VALIDATION_FAILED');
    expect(bare.message).toContain('写明');
    const reason = '本人两次来访，第二次忘带手机，窗口核对了身份证';
    const done = await link(second.id, first.id, reason);
    expect(done.statusCode, done.body).toBe(200);
    for (const [id, other] of [
      [second.id, first.id],
      [first.id, second.id],
    ] as const) {
      expect((await kit.detail('head', id)).links).toMatchObject([{ petitionId: other, reason }]);
      const entries = (await kit.audit(id)).filter((a) => a.action === 'petition.link');
      expect(entries.map((a) => JSON.parse(a.details ?? 'null'))).toEqual([{ otherId: other, reason }]);
    }
    expect(await history(second.petitioner?.id as string)).toEqual([first.id, second.id]);
  });
});

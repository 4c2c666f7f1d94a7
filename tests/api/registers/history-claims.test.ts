import type { PersonHistory } from '@xinfang/shared/schemas/registers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { PetitionKit } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * The 重信重访 history joins a desk record to the holder of the phone the clerk typed only once
 * the holder said the registration is theirs (audit 32, D5): while they have not answered, or
 * after "not mine", the two are not known to be one person, and neither history shows the other.
 */
const WORKER = '13800000001';
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

const history = async (who: string, petitionerId: string) => {
  const response = await kit.http(who, 'GET', `/api/registers/petitioners/${petitionerId}/history`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as PersonHistory).cases.map((c) => c.case.petitionId);
};

describe('a person’s history and the registrations their phone was typed for', () => {
  it('leaves out one waiting for an answer or answered "not mine", both ways; joins one said to be theirs', async () => {
    const own = (await kit.submit(WORKER)).petition.id;
    const zhang = (await kit.http(WORKER, 'GET', '/api/auth/me')).json().id as string;
    // The desk registers a letter for 赵某某 with 张伟's phone by mistake.
    const wrong = await kit.register('ds.reception', {
      channel: 'letter',
      title: '反映宿舍漏雨问题',
      petitioner: { realName: '赵某某', phone: WORKER },
    });
    const zhao = wrong.petition.petitioner?.id as string;
    // And a visit of 张伟's own, registered with his phone.
    const visit = (await kit.register('ds.reception')).petition.id;

    // Nobody has answered yet: nothing joins.
    expect(await history('ds.head', zhang)).toEqual([own]);
    expect(await history('ds.head', zhao)).toEqual([wrong.petition.id]);

    await kit.claim(WORKER, wrong.petition.id, false);
    expect(await history('ds.head', zhang)).toEqual([own]);
    expect(await history('ds.reception', zhao)).toEqual([wrong.petition.id]);

    // His own visit, confirmed with the receipt's code, is his.
    await kit.claim(WORKER, visit, true);
    // (Received an hour before it was registered: it comes first.)
    expect(await history('ds.head', zhang)).toEqual([visit, own]);
    expect(await history('ds.head', zhao)).toEqual([wrong.petition.id]);
  });
});

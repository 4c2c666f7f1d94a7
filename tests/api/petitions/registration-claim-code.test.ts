import type { PendingRegistration } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from './kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * A desk registration joins an account only with the query code from the desk's receipt (audit 32,
 * D2): the holder of a phone the clerk mistyped has no receipt, and learns nothing more than the
 * masked name. Wrong codes are counted. The name and address the desk took fill an empty profile
 * only after the code; the ID number never does.
 */
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

const claim = (who: string, petitionId: string, body: Record<string, unknown>) =>
  kit.http(who, 'POST', `/api/me/registrations/${petitionId}`, body);
const me = async (who: string) => (await kit.http(who, 'GET', '/api/auth/me')).json();

describe('claiming a desk registration as mine', () => {
  it('the holder of a mistyped phone, without the receipt, gets nothing of the person', async () => {
    // The real person is 周大海; the clerk types a phone one digit off, a stranger's.
    const registered = await kit.register('ds.reception', {
      channel: 'letter',
      petitioner: {
        realName: '周大海',
        phone: '13700000055',
        idNumber: '14010219800101123X',
        address: '东山区矿工路 3 号',
      },
    });
    const id = registered.petition.id;
    const stranger = '13700000055';
    expect(await me(stranger)).toMatchObject({ realName: null, address: null, idNumber: null });
    const asked = (await kit.http(stranger, 'GET', '/api/me/registrations')).json() as PendingRegistration[];
    expect(asked).toEqual([expect.objectContaining({ petitionId: id, registeredName: '周*海' })]);

    const missing = expectError(await claim(stranger, id, { mine: true }), 400, 'VALIDATION_FAILED');
    expect(missing.message).toBe('请输入回执上的查询码');
    const guesses = ['AAAAAAAA', 'BBBBBBBB', 'CCCCCCCC', 'DDDDDDDD', 'EEEEEEEE'];
    for (const queryCode of guesses)
      expectError(await claim(stranger, id, { mine: true, queryCode }), 400, 'VALIDATION_FAILED');
    // Five wrong codes a day: the right one would not be looked at now either.
    const blocked = expectError(
      await claim(stranger, id, { mine: true, queryCode: registered.queryCode }),
      429,
      'RATE_LIMITED',
    );
    expect(blocked.details).toMatchObject({ retryAfterSeconds: expect.any(Number) });

    expect(await me(stranger)).toMatchObject({ realName: null, address: null, idNumber: null });
    expectError(await kit.http(stranger, 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
    const failures = (await kit.audit(id)).filter(
      (a) => a.action === 'petition.claim_confirmed' && a.outcome === 'failure',
    );
    expect(failures).toHaveLength(guesses.length);
    // He can still say it is not his, and the desk is told.
    const declined = await claim(stranger, id, { mine: false });
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await kit.audit(id)).map((a) => a.action)).toContain('petition.claim_declined');
  });

  it('the person with the receipt claims it with its code; name and address join, the ID number not', async () => {
    const registered = await kit.register('ds.reception', {
      channel: 'visit',
      petitioner: {
        realName: '吴小梅',
        phone: '13700000066',
        idNumber: '140102198002021234',
        address: '东山区矿工路 8 号',
      },
    });
    const id = registered.petition.id;
    const owner = '13700000066';
    // As a phone's keyboard may type it: lower case, with spaces around.
    const typed = ` ${registered.queryCode.toLowerCase()} `;
    const claimed = await claim(owner, id, { mine: true, queryCode: typed });
    expect(claimed.statusCode, claimed.body).toBe(200);
    expect(claimed.json()).toEqual([]);
    expect(await me(owner)).toMatchObject({
      realName: '吴小梅',
      address: '东山区矿工路 8 号',
      idNumber: null,
    });
    expect((await kit.listAll(owner)).map((p) => p.id)).toEqual([id]);
    expect((await kit.detail('ds.reception', id)).petitioner?.id).toBe((await me(owner)).id);
    expect((await kit.audit(id)).filter((a) => a.action === 'petition.claim_confirmed')).toEqual([
      expect.objectContaining({ outcome: 'success' }),
    ]);
    // Answered once.
    expectError(await claim(owner, id, { mine: true, queryCode: registered.queryCode }), 404, 'NOT_FOUND');
  });
});

import type { PetitionerMe } from '@xinfang/shared/schemas/identity';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * WeChat's wx.request cannot send PATCH, so the mini-program sends a POST naming the PATCH in
 * `X-HTTP-Method-Override` (server/src/http/method-override.ts). Such a POST is the PATCH in every
 * respect: the same answer, the same access rule and audit of a refusal, the same Idempotency-Key
 * record; without the header (or naming any other method) a POST is only a POST.
 */

const WORKER = '13800000001';
const AS_PATCH = { 'x-http-method-override': 'PATCH' };
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
const LETTER = {
  request: '补发夜班加班费',
  factsAndReasons: '经核实考勤记录，三月夜班加班属实。',
  decision: '补发三月夜班加班费。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'support',
};

let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-06-01T09:00:00') });
});
afterAll(() => kit?.close());

/**
 * A case the mine answered and the petitioner opened in the app the next day; the day after, staff
 * may move that delivery later (never earlier: the app's record stands, Art 35). Each case moves
 * the clock on, so the days are named from today.
 */
async function delivered(): Promise<string> {
  const { petition } = await kit.submit(WORKER);
  await kit.act('ds.reception', petition.id, 'accept');
  await kit.act('ds.head', petition.id, 'draft_reply', LETTER);
  await kit.act('ds.head', petition.id, 'approve_reply');
  await kit.act('ds.head', petition.id, 'issue_reply');
  kit.tick({ days: 1 });
  await kit.openAnswer(WORKER, petition.id);
  kit.tick({ days: 1 });
  return petition.id;
}

describe('a POST standing for a PATCH', () => {
  it('changes what the PATCH changes, and nothing answers a POST without the header', async () => {
    const saved = await kit.http(WORKER, 'POST', '/api/me/profile', { address: '东山矿区三号楼' }, AS_PATCH);
    expect(saved.statusCode, saved.body).toBe(200);
    expect((saved.json() as PetitionerMe).address).toBe('东山矿区三号楼');
    const me = await kit.http(WORKER, 'GET', '/api/auth/me');
    expect((me.json() as PetitionerMe).address).toBe('东山矿区三号楼');

    const body = { address: '不该保存的地址' };
    expectError(await kit.http(WORKER, 'POST', '/api/me/profile', body), 404, 'NOT_FOUND');
    for (const other of ['DELETE', 'GET', 'PUT']) {
      const response = await kit.http(WORKER, 'POST', '/api/me/profile', body, {
        'x-http-method-override': other,
      });
      expectError(response, 404, 'NOT_FOUND');
    }
    // Only a POST stands for a PATCH: a PUT naming one stays a PUT.
    expectError(await kit.http(WORKER, 'PUT', '/api/me/profile', body, AS_PATCH), 404, 'NOT_FOUND');
    expect(((await kit.http(WORKER, 'GET', '/api/auth/me')).json() as PetitionerMe).address).toBe(
      '东山矿区三号楼',
    );
  });

  it('is held to the PATCH route’s access rule, and a refusal is audited under the PATCH', async () => {
    const id = await delivered();
    const correction = {
      version: kit.versions.get(id),
      deliveredOn: kit.beijingDate(),
      reason: '以签收为准',
    };
    const url = `/api/petitions/${id}/deliveries`;
    // Correcting a delivery date is a unit head's (of the case's own subtree).
    expectError(await kit.http('ds.handler', 'POST', url, correction, AS_PATCH), 403, 'FORBIDDEN');
    const outside = await kit.http('xh.head', 'POST', url, correction, AS_PATCH);
    expectError(outside, 404, 'NOT_FOUND');

    const refusals = (await kit.audit(id)).filter((e) => e.action === 'access.denied');
    expect(refusals).toEqual([
      expect.objectContaining({ actor_id: kit.staffId('xh.head'), outcome: 'denied' }),
    ]);
    expect(JSON.parse(refusals[0]?.details ?? '{}')).toEqual({
      route: 'PATCH /api/petitions/:id/deliveries',
    });
  });

  it('is the same request as the PATCH under one Idempotency-Key: a resend either way is answered once', async () => {
    const id = await delivered();
    const url = `/api/petitions/${id}/deliveries`;
    const correction = {
      version: kit.versions.get(id),
      deliveredOn: kit.beijingDate(),
      reason: '信访人次日才在窗口取走纸质答复',
    };
    const key = { 'idempotency-key': `override-${id}` };

    const first = await kit.http('ds.head', 'POST', url, correction, { ...AS_PATCH, ...key });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    // The phone lost the answer; the same correction comes again, as a POST and as a plain PATCH.
    for (const resend of [
      await kit.http('ds.head', 'POST', url, correction, { ...AS_PATCH, ...key }),
      await kit.http('ds.head', 'PATCH', url, correction, key),
    ]) {
      expect(resend.statusCode, resend.body).toBe(200);
      expect(resend.headers['idempotent-replayed']).toBe('true');
      expect((resend.json() as PetitionDetail).version).toBe((first.json() as PetitionDetail).version);
    }
    const other = { ...correction, reason: '另一个理由' };
    expectError(
      await kit.http('ds.head', 'POST', url, other, { ...AS_PATCH, ...key }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
    const corrections = (await kit.audit(id)).filter((e) => e.action === 'petition.correct_delivery');
    expect(corrections).toEqual([
      expect.objectContaining({ actor_id: kit.staffId('ds.head'), outcome: 'success' }),
    ]);
  });
});

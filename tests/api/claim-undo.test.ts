import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj, deliveriesOf, dispatchAll } from './notifications/support';
import { expectError, PetitionKit } from './petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * 认领有误: a desk registration confirmed by the wrong person (here: a relative who holds the phone
 * and the receipt) goes back to the desk's record. Only the desk that registered it and the heads
 * above it may do so, with the version they saw and a reason; what the confirmation copied into
 * the stranger's profile and he left unchanged leaves it, the case leaves his list and his message
 * centre, and the old receipt is spent: a new query code is answered once for a new receipt.
 */
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

const RELATIVE = '13700000077';
const stateOf = async (who: string, id: string) =>
  (await kit.http(who, 'GET', `/api/petitions/${id}/claim`)).json() as {
    status: string;
    mayUndo: boolean;
    version: number;
  };
const undo = (who: string, id: string, body: Record<string, unknown>, key?: string) =>
  kit.http(who, 'POST', `/api/petitions/${id}/claim/undo`, body, key ? { 'idempotency-key': key } : {});
const me = async (who: string) => (await kit.http(who, 'GET', '/api/auth/me')).json();
const messagesAbout = async (who: string, id: string) =>
  (
    (await kit.http(who, 'GET', '/api/me/notifications')).json() as { items: { petitionId: string }[] }
  ).items.filter((n) => n.petitionId === id);

describe('the desk undoes a wrong confirmation of a registration', () => {
  it('gives it back to the desk record, takes out what was copied, spends the receipt', async () => {
    const registered = await kit.register('ds.reception', {
      channel: 'visit',
      petitioner: { realName: '郑春生', phone: RELATIVE, address: '东山区矿工路 12 号' },
    });
    const id = registered.petition.id;
    const deskRecord = (await kit.detail('ds.reception', id)).petitioner?.id;
    await kit.claim(RELATIVE, id);
    expect(await me(RELATIVE)).toMatchObject({ realName: '郑春生', address: '东山区矿工路 12 号' });
    // He corrects the address himself: that is his, and stays.
    const typed = await kit.http(RELATIVE, 'PATCH', '/api/me/profile', { address: '西河区新村 5 号' });
    expect(typed.statusCode, typed.body).toBe(200);
    await kit.act('ds.reception', id, 'notify', { message: '已收到您的来访，正在核实。' });
    expect(await messagesAbout(RELATIVE, id)).not.toEqual([]);

    const state = await stateOf('ds.reception', id);
    expect(state).toMatchObject({ status: 'confirmed', mayUndo: true });
    // Not the desk, nor a head above it: refused.
    expect(await stateOf('reception', id)).toMatchObject({ status: 'confirmed', mayUndo: false });
    const reason = '来人是信访人的亲属，用了信访人的回执';
    expectError(await undo('reception', id, { version: state.version, reason }), 403, 'FORBIDDEN');
    expectError(await undo('ds.handler', id, { version: state.version, reason }), 403, 'FORBIDDEN');
    expectError(await undo('xh.head', id, { version: state.version, reason }), 404, 'NOT_FOUND');
    expectError(
      await undo('ds.reception', id, { version: state.version, reason: ' ' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await undo('ds.reception', id, { version: state.version - 1, reason }),
      409,
      'VERSION_CONFLICT',
    );

    const key = `undo-${id}`;
    const done = await undo('ds.head', id, { version: state.version, reason }, key);
    expect(done.statusCode, done.body).toBe(200);
    const { queryCode } = done.json() as { queryCode: string };
    // A resend gets the same answer; a new try finds nothing left to undo.
    const again = await undo('ds.head', id, { version: state.version, reason }, key);
    expect(again.json()).toEqual(done.json());
    expect(again.headers['idempotent-replayed']).toBe('true');
    const twice = expectError(
      await undo('ds.reception', id, { version: state.version + 1, reason }),
      404,
      'NOT_FOUND',
    );
    expect(twice.message).toContain('没有被信访人认领');

    // His view: the name he never typed is gone, his own address stays, the case is not his.
    expect(await me(RELATIVE)).toMatchObject({ realName: null, address: '西河区新村 5 号' });
    expect((await kit.listAll(RELATIVE)).map((p) => p.id)).not.toContain(id);
    expectError(await kit.http(RELATIVE, 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
    expect(await messagesAbout(RELATIVE, id)).toEqual([]);
    // What he was told went back to the desk record, unread: it never reached the petitioner.
    const told = await kit.app.db
      .selectFrom('notification')
      .select(['recipient_id', 'read_at'])
      .where('petition_id', '=', id)
      .where('event', '=', 'notified')
      .execute();
    expect(told).toEqual([{ recipient_id: deskRecord, read_at: null }]);
    expect((await kit.http(RELATIVE, 'GET', '/api/me/registrations')).json()).toEqual([]);
    // He is told it left his account, and nothing of the case: no number, no link.
    const inbox = (await kit.http(RELATIVE, 'GET', '/api/me/notifications')).json() as {
      items: { event: string; petitionId: string | null; petitionNumber: string | null; body: string }[];
    };
    const left = inbox.items.filter((n) => n.event === 'claim_undone');
    expect(left).toEqual([expect.objectContaining({ petitionId: null, petitionNumber: null })]);
    expect(left[0]?.body).toContain('不是您的');
    expect(left[0]?.body).not.toContain(registered.petition.number);
    // The old receipt opens nothing; the new one does.
    const number = registered.petition.number;
    const old = await kit.http(null, 'POST', '/api/lookup', { number, queryCode: registered.queryCode });
    expect(old.statusCode).toBe(404);
    const fresh = await kit.http(null, 'POST', '/api/lookup', { number, queryCode });
    expect(fresh.statusCode, fresh.body).toBe(200);

    const detail: PetitionDetail = await kit.detail('ds.reception', id);
    expect(detail.petitioner).toMatchObject({ id: deskRecord, realName: '郑春生' });
    expect(await stateOf('ds.reception', id)).toMatchObject({ status: 'undone', mayUndo: false });
    // Later notices go to the desk record, and never by SMS to his phone, which it still carries.
    await kit.act('ds.reception', id, 'accept');
    await dispatchAll(kit);
    const sms = (await deliveriesOf(kit, id, 'accepted')).rows.filter((r) => r.channel === 'sms');
    expect(sms).not.toEqual([]);
    for (const row of sms) expect(row).toMatchObject({ recipient_id: deskRecord, status: 'cancelled' });
    expect(await messagesAbout(RELATIVE, id)).toEqual([]);
    const audited = (await kit.audit(id)).filter((a) => a.action === 'petition.claim_undone');
    expect(audited).toHaveLength(1);
    expect(JSON.parse(audited[0]?.details ?? '{}')).toMatchObject({
      'petitioner.before': (await me(RELATIVE)).id,
      'petitioner.after': deskRecord,
      clearedFields: 'real_name',
      reason,
    });
  });

  it('refuses a petition nobody confirmed', async () => {
    const registered = await kit.register('ds.reception', {
      petitioner: { realName: '冯秋', phone: '13700000088' },
    });
    const id = registered.petition.id;
    expect(await stateOf('ds.reception', id)).toMatchObject({ status: 'pending', mayUndo: false });
    const refused = expectError(
      await undo('ds.reception', id, { version: registered.petition.version, reason: '认错了' }),
      404,
      'NOT_FOUND',
    );
    expect(refused.message).toBe('这件信访事项没有被信访人认领，无需撤回');
  });
});

import { once } from 'node:events';
import type { DocumentSummary, PendingDeliveryPage } from '@xinfang/shared/schemas/documents';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clock, expectError, PetitionKit } from '../petitions/kit';

/**
 * 送达: how each written answer reached the petitioner, recorded by the petitioner's first opening
 * or by staff (in person with the signed 送达回证, by post, read out at a visit); the windows of
 * Art 35 and 36 run from that day, with the real holiday calendar; the office's list of answers
 * still undelivered; and a unit head's audited correction of a date.
 */

const WORKER = '13800000001';
/** Beijing wall time as a UTC instant. */
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
const LETTER = {
  request: '补发夜班加班费',
  factsAndReasons: '经核实考勤记录，三月夜班加班属实。',
  decision: '补发三月夜班加班费。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'support',
};

let kit: PetitionKit;

// Thursday 12 February 2026, the week before the Spring Festival holiday (15–23 February).
beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-02-12T09:00:00') });
});
afterAll(() => kit?.close());

/** A request the mine answers (accepted by its office, the head drafts, approves and issues). */
async function answered(): Promise<string> {
  const { petition } = await kit.submit(WORKER);
  await kit.act('ds.reception', petition.id, 'accept');
  await kit.act('ds.head', petition.id, 'draft_reply', LETTER);
  await kit.act('ds.head', petition.id, 'approve_reply');
  await kit.act('ds.head', petition.id, 'issue_reply');
  return petition.id;
}

function deliver(who: string, id: string, body: Record<string, unknown>) {
  return kit.http(who, 'POST', `/api/petitions/${id}/deliveries`, { version: kit.versions.get(id), ...body });
}

async function pending(who: string): Promise<PendingDeliveryPage['items']> {
  const response = await kit.http(who, 'GET', '/api/deliveries/pending');
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as PendingDeliveryPage).items;
}

describe('a postal delivery across the Spring Festival', () => {
  const ids: string[] = [];

  it('posted on Friday 13 February and received on Tuesday 24 February: 30 days from the day received', async () => {
    kit.setTime(bj('2026-02-13T10:00:00'));
    ids.push(await answered(), await answered());
    for (const id of ids) {
      const detail = await kit.detail('ds.reception', id);
      expect(detail.clocks.map((c) => c.name)).not.toContain('review_window');
    }
    kit.setTime(bj('2026-02-25T09:30:00'));
    for (const id of ids) {
      const response = await deliver('ds.reception', id, {
        method: 'post',
        postedOn: '2026-02-13',
        deliveredOn: '2026-02-24',
      });
      expect(response.statusCode, response.body).toBe(200);
      const detail = response.json() as PetitionDetail;
      // From the posting it would have ended on Monday 16 March; from receipt, day 30 is Thursday 26 March.
      expect(clock(detail, 'review_window')).toMatchObject({ dueDate: '2026-03-26', calendarComplete: true });
      expect(detail.timeline.at(-1)).toMatchObject({
        type: 'reply_delivered',
        data: { method: 'post', postedOn: '2026-02-13', deliveredOn: '2026-02-24' },
      });
    }
    const [decision] = (await kit.documents(WORKER, ids[0] as string)).filter((d) => d.type === 'decision');
    expect(decision).toMatchObject({
      awaitingDelivery: false,
      delivery: { method: 'post', postedOn: '2026-02-13', deliveredOn: '2026-02-24', correction: null },
    });
  });

  it('a review asked for on day 30 is accepted; on day 31 it is refused', async () => {
    const [onTime, late] = ids as [string, string];
    kit.setTime(bj('2026-03-26T23:30:00'));
    await kit.detail(WORKER, onTime);
    const asked = await kit.act(WORKER, onTime, 'request_review', { reason: '金额不对' });
    expect(asked).toMatchObject({ state: 'handling', stage: 'review' });
    kit.setTime(bj('2026-03-27T00:00:01'));
    await kit.detail(WORKER, late);
    const details = await kit.refused(
      WORKER,
      late,
      'request_review',
      { reason: '晚了一天' },
      'review.window_closed',
    );
    expect(details.article).toBe('Art 35');
  });
});

describe('recording deliveries', () => {
  it('refuses what cannot be true, and never records one answer twice', async () => {
    kit.setTime(bj('2026-04-01T09:00:00'));
    const id = await answered();
    const rule = async (who: string, body: Record<string, unknown>, expected: string) => {
      const error = expectError(await deliver(who, id, body), 422, 'LIFECYCLE_REFUSED');
      expect(error.details?.rule).toBe(expected);
    };
    await rule(
      'ds.reception',
      { method: 'post', deliveredOn: '2026-04-01' },
      'delivery.posting_date_invalid',
    );
    await rule('ds.reception', { method: 'visit', deliveredOn: '2026-03-31' }, 'delivery.date_invalid');
    await rule('ds.reception', { method: 'visit', deliveredOn: '2026-04-02' }, 'delivery.date_invalid');
    await rule(
      'ds.reception',
      { method: 'in_person', deliveredOn: '2026-04-01' },
      'delivery.receipt_required',
    );
    expectError(
      await deliver('ds.reception', id, { method: 'app', deliveredOn: '2026-04-01' }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(await deliver('ds.reception', id, { method: 'visit' }), 400, 'VALIDATION_FAILED');
    expectError(await deliver(WORKER, id, { method: 'visit', deliveredOn: '2026-04-01' }), 403, 'FORBIDDEN');
    expectError(
      await deliver('xh.handler', id, { method: 'visit', deliveredOn: '2026-04-01' }),
      404,
      'NOT_FOUND',
    );

    const first = await deliver('ds.reception', id, {
      method: 'visit',
      deliveredOn: '2026-04-01',
      note: '来访时当面宣读',
    });
    expect(first.statusCode, first.body).toBe(200);
    // A retry with the version it was sent with conflicts; with the new one the rule refuses it.
    const retried = await kit.http('ds.reception', 'POST', `/api/petitions/${id}/deliveries`, {
      method: 'visit',
      deliveredOn: '2026-04-01',
      version: (first.json() as PetitionDetail).version - 1,
    });
    expectError(retried, 409, 'VERSION_CONFLICT');
    await rule('ds.head', { method: 'visit', deliveredOn: '2026-04-01' }, 'delivery.already_recorded');
    // Opening it afterwards changes nothing: it was delivered already.
    const decision = (await kit.documents(WORKER, id)).find((d) => d.type === 'decision');
    expect((await kit.http(WORKER, 'GET', `/api/documents/${decision?.id}.pdf`)).statusCode).toBe(200);
    const timeline = (await kit.detail(WORKER, id)).timeline.map((e) => e.type);
    expect(timeline.filter((t) => t === 'reply_delivered')).toHaveLength(1);
  });

  it('answers a resend under one Idempotency-Key as the first, recording the delivery once', async () => {
    const id = await answered();
    const body = { method: 'visit', deliveredOn: kit.beijingDate(), version: kit.versions.get(id) };
    const send = (key: string, sent: Record<string, unknown> = body) =>
      kit.http('ds.reception', 'POST', `/api/petitions/${id}/deliveries`, sent, { 'idempotency-key': key });
    const first = await send('delivery-resend-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
    const again = await send('delivery-resend-1');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect((again.json() as PetitionDetail).version).toBe((first.json() as PetitionDetail).version);
    const timeline = (await kit.detail('ds.reception', id)).timeline.map((e) => e.type);
    expect(timeline.filter((t) => t === 'reply_delivered')).toHaveLength(1);
    // The same key for a different delivery is a mistake, not a resend.
    expectError(
      await send('delivery-resend-1', { ...body, note: '另一次送达' }),
      422,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('in person, against the signed 送达回证 scanned by the one who records it', async () => {
    const id = await answered();
    const scan = await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f4f4f4' } })
      .jpeg()
      .toBuffer();
    const othersScan = await kit.uploadImage('ds.head', scan, 'image/jpeg');
    const refused = await deliver('ds.reception', id, {
      method: 'in_person',
      deliveredOn: kit.beijingDate(),
      receiptAttachmentId: othersScan,
    });
    expectError(refused, 400, 'VALIDATION_FAILED');
    await kit.detail('ds.reception', id);
    const receiptAttachmentId = await kit.uploadImage('ds.reception', scan, 'image/jpeg');
    const recorded = await deliver('ds.reception', id, {
      method: 'in_person',
      deliveredOn: kit.beijingDate(),
      receiptAttachmentId,
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const detail = recorded.json() as PetitionDetail;
    expect(detail.attachments.map((a) => a.id)).toContain(receiptAttachmentId);
    const decision = (await kit.documents('ds.head', id)).find((d) => d.type === 'decision');
    expect(decision?.delivery).toMatchObject({ method: 'in_person', receiptAttachmentId });
    // The petitioner may see the receipt they signed.
    expect((await kit.http(WORKER, 'GET', `/api/attachments/${receiptAttachmentId}`)).statusCode).toBe(200);
  });
});

describe('the office’s list of undelivered answers', () => {
  it('shows each answer still waiting, with its age, to the units that may see it', async () => {
    kit.setTime(bj('2026-05-11T09:00:00'));
    const id = await answered();
    kit.tick({ days: 3 });
    const mine = (await pending('ds.reception')).find((p) => p.petitionId === id);
    expect(mine).toMatchObject({
      title: '信访事项处理意见书',
      petitionerName: '张伟',
      issuingUnit: { name: '东山煤矿' },
      // No seal is set in this suite: the office stamps the paper copy by hand (D8).
      sealed: false,
      ageDays: 3,
    });
    expect(mine?.number).toMatch(/^东山煤矿信复〔2026〕\d+号$/);
    expect((await pending('xh.head')).map((p) => p.petitionId)).not.toContain(id);
    expect((await pending('supervisor')).map((p) => p.petitionId)).toContain(id);
    expectError(await kit.http(WORKER, 'GET', '/api/deliveries/pending'), 403, 'FORBIDDEN');
    expectError(await kit.http('ds.liaison', 'GET', '/api/deliveries/pending'), 403, 'FORBIDDEN');

    await kit.openAnswer(WORKER, id);
    expect((await pending('ds.reception')).map((p) => p.petitionId)).not.toContain(id);
  });

  it('leaves out an answer to a petitioner whose name or address is unclear (Art 23 ¶2)', async () => {
    const { petition } = await kit.register('ds.reception', {
      channel: 'letter',
      receivedAt: new Date(kit.now().getTime() - 3600_000).toISOString(),
      contactUnclear: true,
      petitioner: { realName: '匿名' },
    });
    await kit.act('ds.reception', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'draft_reply', LETTER);
    await kit.act('ds.head', petition.id, 'approve_reply');
    await kit.act('ds.head', petition.id, 'issue_reply');
    kit.tick({ days: 4 });
    expect((await pending('ds.reception')).map((p) => p.petitionId)).not.toContain(petition.id);
    // Kept on file, yet a petitioner who comes forward is delivered it then.
    const detail = await kit.detail('ds.reception', petition.id);
    expect(detail.state).toBe('replied');
    expect(detail.allowedActions.map((a) => a.type)).toContain('record_delivery');
  });

  it('pages through the list oldest first without repeating or skipping', async () => {
    for (let i = 0; i < 3; i += 1) {
      await answered();
      kit.tick({ minutes: 5 });
    }
    const reads = () =>
      kit.app.db
        .selectFrom('audit_log')
        .select(['details', 'outcome'])
        .where('action', '=', 'delivery.pending.read')
        .where('actor_id', '=', kit.staffId('ds.reception'))
        .orderBy('at')
        .orderBy('id')
        .execute();
    const before = (await reads()).length;
    const all: string[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const response = await kit.http(
        'ds.reception',
        'GET',
        `/api/deliveries/pending?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      const page = response.json() as PendingDeliveryPage;
      expect(page.items.length).toBeLessThanOrEqual(2);
      all.push(...page.items.map((p) => p.documentId));
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor);
    expect(new Set(all).size).toBe(all.length);
    // The list names petitioners: one audit entry per read, with its count, never one per row.
    const audited = (await reads()).slice(before);
    expect(audited.map((a) => a.outcome)).toEqual(sizes.map(() => 'success'));
    expect(audited.map((a) => JSON.parse(a.details ?? '{}'))).toEqual(sizes.map((rows) => ({ rows })));
    const ages = (await pending('ds.reception')).map((p) => p.issuedAt);
    expect([...ages].sort()).toEqual(ages);
    expectError(
      await kit.http('ds.reception', 'GET', '/api/deliveries/pending?cursor=nonsense'),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('correcting a delivery date', () => {
  const scan = () =>
    sharp({ create: { width: 600, height: 800, channels: 3, background: '#f4f4f4' } })
      .jpeg()
      .toBuffer();

  // This test once moved an answer opened in the app to an earlier day on the strength of a reason
  // alone (「信访人当天已在窗口领取纸质答复」). That let the unit whose answer is contested shorten
  // the petitioner's window after the fact, with no evidence (Art 35, audit 32 D2). A date moved
  // earlier now rests on the scanned receipt, and the app's own record of an opening never moves
  // earlier (see 'never moves an opening in the app earlier' below).
  it('is a unit head’s, with a reason, and earlier only on the receipt; the window moves, audited', async () => {
    kit.setTime(bj('2026-06-01T09:00:00'));
    const id = await answered();
    kit.setTime(bj('2026-06-05T09:00:00'));
    // The office typed the day it filed the postal receipt, not the day on it.
    const recorded = await deliver('ds.reception', id, {
      method: 'post',
      postedOn: '2026-06-01',
      deliveredOn: '2026-06-05',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    const correct = (who: string, body: Record<string, unknown>) =>
      kit.http(who, 'PATCH', `/api/petitions/${id}/deliveries`, { version: kit.versions.get(id), ...body });
    const refused = async (body: Record<string, unknown>, rule: string) => {
      const error = expectError(await correct('ds.head', body), 422, 'LIFECYCLE_REFUSED');
      expect(error.details).toMatchObject({ rule, article: 'Art 35' });
      return error;
    };
    expectError(
      await correct('ds.handler', { deliveredOn: '2026-06-03', reason: '以回执为准' }),
      403,
      'FORBIDDEN',
    );
    expectError(await correct('ds.head', { deliveredOn: '2026-06-03' }), 400, 'VALIDATION_FAILED');
    await refused({ deliveredOn: '2026-06-05', reason: '核对' }, 'delivery.date_unchanged');
    const bare = await refused(
      { deliveredOn: '2026-06-03', reason: '以邮政回执上的日期为准' },
      'delivery.correction_receipt_required',
    );
    expect(bare.details?.param).toBe('receiptAttachmentId');
    // The receipt is the head's own unused upload, claimed as a delivery's receipt is.
    const othersScan = await kit.uploadImage('ds.reception', await scan(), 'image/jpeg');
    expectError(
      await correct('ds.head', {
        deliveredOn: '2026-06-03',
        reason: '以邮政回执上的日期为准',
        receiptAttachmentId: othersScan,
      }),
      400,
      'VALIDATION_FAILED',
    );

    const receiptAttachmentId = await kit.uploadImage('ds.head', await scan(), 'image/jpeg');
    const corrected = await correct('ds.head', {
      deliveredOn: '2026-06-03',
      reason: '以邮政回执上的日期为准',
      receiptAttachmentId,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const detail = corrected.json() as PetitionDetail;
    expect(clock(detail, 'review_window')).toMatchObject({
      start: bj('2026-06-03T00:00:00'),
      dueDate: '2026-07-03',
    });
    expect(detail.attachments.map((a) => a.id)).toContain(receiptAttachmentId);
    const decision = (await kit.documents(WORKER, id)).find((d) => d.type === 'decision');
    expect(decision?.delivery).toMatchObject({
      method: 'post',
      deliveredOn: '2026-06-03',
      correction: { previousOn: '2026-06-05', reason: '以邮政回执上的日期为准', receiptAttachmentId },
    });
    const audit = (await kit.audit(id)).filter((e) => e.action === 'petition.correct_delivery');
    expect(audit).toContainEqual(
      expect.objectContaining({ actor_id: kit.staffId('ds.head'), outcome: 'success' }),
    );
  });

  it('never moves an opening in the app earlier; a later day needs no receipt', async () => {
    kit.setTime(bj('2026-06-08T09:00:00'));
    const id = await answered();
    kit.setTime(bj('2026-06-10T09:00:00'));
    await kit.openAnswer(WORKER, id);
    const correct = (body: Record<string, unknown>) =>
      kit.http('ds.head', 'PATCH', `/api/petitions/${id}/deliveries`, {
        version: kit.versions.get(id),
        ...body,
      });
    const receiptAttachmentId = await kit.uploadImage(
      'ds.head',
      await sharp({ create: { width: 600, height: 800, channels: 3, background: '#f4f4f4' } })
        .jpeg()
        .toBuffer(),
      'image/jpeg',
    );
    const error = expectError(
      await correct({
        deliveredOn: '2026-06-08',
        reason: '信访人当天已在窗口领取纸质答复',
        receiptAttachmentId,
      }),
      422,
      'LIFECYCLE_REFUSED',
    );
    expect(error.details).toMatchObject({ rule: 'delivery.app_not_earlier', article: 'Art 35' });
    kit.setTime(bj('2026-06-11T09:00:00'));
    // Later only widens the petitioner's window.
    const later = await correct({ deliveredOn: '2026-06-11', reason: '信访人称当天未能打开' });
    expect(later.statusCode, later.body).toBe(200);
    expect(clock(later.json(), 'review_window')).toMatchObject({ start: bj('2026-06-11T00:00:00') });
  });
});

describe('the petitioner’s download of the answer is its delivery (Art 35, 36)', () => {
  async function awaiting(id: string) {
    const answer = (await kit.documents(WORKER, id)).find((d) => d.type === 'decision');
    if (!answer) throw new Error('no decision');
    return answer;
  }

  it('records the delivery before the download ends, so the case shows it at once', async () => {
    kit.setTime(bj('2026-07-01T09:00:00'));
    const id = await answered();
    const answer = await awaiting(id);
    const response = await kit.http(WORKER, 'GET', `/api/documents/${answer.id}.pdf`);
    expect(response.statusCode).toBe(200);
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await awaiting(id)).delivery).toMatchObject({ method: 'app', deliveredOn: '2026-07-01' });
  });

  it('a HEAD request sends no file and delivers nothing', async () => {
    const id = await answered();
    const answer = await awaiting(id);
    const head = await kit.app.inject({
      method: 'HEAD',
      url: `/api/documents/${answer.id}.pdf`,
      headers: { authorization: `Bearer ${await kit.sessions.token(WORKER)}` },
    });
    expect(head.statusCode).toBe(200);
    expect(head.rawPayload.length).toBe(0);
    expect(await awaiting(id)).toMatchObject({ awaitingDelivery: true, delivery: null });
    expect((await kit.detail(WORKER, id)).timeline.map((e) => e.type)).not.toContain('reply_delivered');
  });

  it('a download cut off half-way delivers nothing; the next whole one does, that day', async () => {
    kit.setTime(bj('2026-07-06T09:00:00'));
    const id = await answered();
    const answer = await awaiting(id);
    // The connection drops after the first piece arrives (a weak signal underground).
    const cut = await kit.app.inject({
      method: 'GET',
      url: `/api/documents/${answer.id}.pdf`,
      headers: { authorization: `Bearer ${await kit.sessions.token(WORKER)}` },
      payloadAsStream: true,
    });
    expect(cut.statusCode).toBe(200);
    const body = cut.stream();
    const [first] = (await once(body, 'data')) as [Buffer];
    expect(first.subarray(0, 5).toString()).toBe('%PDF-');
    const response = cut.raw.res;
    response.destroy();
    await once(response, 'close');
    body.destroy();
    expect(await awaiting(id)).toMatchObject({ awaitingDelivery: true, delivery: null });

    // The next day the whole file arrives: delivered that day, not the day of the cut.
    kit.setTime(bj('2026-07-07T09:00:00'));
    const whole = await kit.http(WORKER, 'GET', `/api/documents/${answer.id}.pdf`);
    expect(whole.statusCode).toBe(200);
    expect(await awaiting(id)).toMatchObject({
      awaitingDelivery: false,
      delivery: { method: 'app', deliveredOn: '2026-07-07' },
    });
    const timeline = (await kit.detail(WORKER, id)).timeline.map((e) => e.type);
    expect(timeline.filter((t) => t === 'reply_delivered')).toHaveLength(1);
  });
});

describe('an answer followed by another in the same stage', () => {
  const SUGGESTION_LETTER = { ...LETTER, legalBasis: undefined, outcome: 'adopted' };

  /** A suggestion answered, rated unsatisfied, handled again and answered anew (aftercare.ts). */
  async function answeredTwice(openFirst: boolean): Promise<{ id: string; first: string; second: string }> {
    const { petition } = await kit.submit(WORKER, { kind: 'suggestion' });
    const id = petition.id;
    await kit.act('ds.reception', id, 'accept');
    await kit.act('ds.head', id, 'draft_reply', SUGGESTION_LETTER);
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    if (openFirst) await kit.openAnswer(WORKER, id);
    await kit.act(WORKER, id, 'rate', { rating: 'unsatisfied', comment: '建议没有落实' });
    await kit.act('ds.head', id, 'decide_rehandling', { rehandle: true, reason: '重新研究落实' });
    await kit.act('ds.head', id, 'draft_reply', { ...SUGGESTION_LETTER, outcome: 'partly_adopted' });
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    const replies = (await kit.documents(WORKER, id)).filter((d) => d.type === 'reply');
    expect(replies).toHaveLength(2);
    const [first, second] = replies as [DocumentSummary, DocumentSummary];
    return { id, first: first.id, second: second.id };
  }

  it('opening the earlier answer again does not deliver the new one', async () => {
    kit.setTime(bj('2026-07-13T09:00:00'));
    const { id, first, second } = await answeredTwice(true);
    kit.setTime(bj('2026-07-15T09:00:00'));
    expect((await kit.http(WORKER, 'GET', `/api/documents/${first}.pdf`)).statusCode).toBe(200);
    const replies = (await kit.documents(WORKER, id)).filter((d) => d.type === 'reply');
    expect(replies.find((d) => d.id === second)).toMatchObject({ awaitingDelivery: true, delivery: null });
    expect((await kit.detail(WORKER, id)).timeline.at(-1)?.type).toBe('reply_issued');
    expect((await pending('ds.reception')).map((p) => p.documentId)).toContain(second);

    expect((await kit.http(WORKER, 'GET', `/api/documents/${second}.pdf`)).statusCode).toBe(200);
    const after = (await kit.documents(WORKER, id)).find((d) => d.id === second);
    expect(after?.delivery).toMatchObject({ method: 'app', deliveredOn: '2026-07-15' });
  });

  it('an earlier answer never delivered waits for nothing: only the new one is listed', async () => {
    const { id, first, second } = await answeredTwice(false);
    const replies = (await kit.documents(WORKER, id)).filter((d) => d.type === 'reply');
    expect(replies.map((d) => [d.id, d.awaitingDelivery])).toEqual([
      [first, false],
      [second, true],
    ]);
    const listed = (await pending('ds.reception')).map((p) => p.documentId);
    expect(listed).toContain(second);
    expect(listed).not.toContain(first);
  });
});

describe('the list follows the one visibility rule (staffSeesPetition)', () => {
  // Art 30: staff inside an accused unit see none of the accusations about it, whichever units the
  // case has passed through — even were a row ever to name their unit among the case's.
  it('never shows an accusation’s answer to the accused unit', async () => {
    const { petition } = await kit.submit(WORKER, {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS-AQK'),
    });
    const atGroup = (await kit.detail('reception', petition.id)).units.receiving.code === 'JA';
    const [office, head] = atGroup ? ['reception', 'head'] : ['ds.reception', 'ds.head'];
    await kit.act(office, petition.id, 'accept');
    await kit.act(head, petition.id, 'draft_reply', {
      ...LETTER,
      legalBasis: undefined,
      outcome: 'substantiated',
    });
    await kit.act(head, petition.id, 'approve_reply');
    await kit.act(head, petition.id, 'issue_reply');
    expect((await pending(office)).map((p) => p.petitionId)).toContain(petition.id);
    await kit.app.db
      .insertInto('petition_unit')
      .values({ petition_id: petition.id, unit_id: kit.unit('JA-DS-AQK') })
      .execute();
    // ds.handler works in 东山煤矿安全科, the accused unit.
    expect((await pending('ds.handler')).map((p) => p.petitionId)).not.toContain(petition.id);
  });
});

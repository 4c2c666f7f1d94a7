import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from './petitions/kit';

/**
 * Stored files go out with their length and in parts (RFC 9110 §14), so a download cut off by a
 * weak signal resumes where it broke; the petitioner's answer is delivered by the part that ends
 * at its last byte, once, and never by a part that stops short (Art 35, 36).
 */

const WORKER = '13800000001';
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
  kit = await PetitionKit.start({ at: bj('2026-07-01T09:00:00') });
});
afterAll(() => kit?.close());

describe('an attachment in parts', () => {
  it('has its length, resumes from a byte, refuses a range past the end, and starts over when changed', async () => {
    const png = await sharp({
      create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 30, b: 30 } },
    })
      .png()
      .toBuffer();
    const id = await kit.uploadImage(WORKER, png);
    const url = `/api/attachments/${id}`;

    const whole = await kit.http(WORKER, 'GET', url);
    expect(whole.statusCode).toBe(200);
    const size = whole.rawPayload.length;
    expect(whole.headers['content-length']).toBe(String(size));
    expect(whole.headers['accept-ranges']).toBe('bytes');
    const etag = String(whole.headers.etag);
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);

    const rest = await kit.http(WORKER, 'GET', url, undefined, { range: 'bytes=10-', 'if-range': etag });
    expect(rest.statusCode).toBe(206);
    expect(rest.headers['content-range']).toBe(`bytes 10-${size - 1}/${size}`);
    expect(rest.headers['content-length']).toBe(String(size - 10));
    expect(rest.rawPayload.equals(whole.rawPayload.subarray(10))).toBe(true);

    const past = await kit.http(WORKER, 'GET', url, undefined, { range: `bytes=${size}-` });
    expect(past.statusCode).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${size}`);
    expect(past.json().error.code).toBe('RANGE_NOT_SATISFIABLE');

    // The file the client holds part of is not this one: the whole file, from the start.
    const changed = await kit.http(WORKER, 'GET', url, undefined, {
      range: 'bytes=10-',
      'if-range': '"old"',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.rawPayload.equals(whole.rawPayload)).toBe(true);
  });
});

describe('the petitioner’s answer resumed after a cut', () => {
  it('a part short of the end delivers nothing; the part to the last byte delivers once', async () => {
    const { petition } = await kit.submit(WORKER);
    await kit.act('ds.reception', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'draft_reply', LETTER);
    await kit.act('ds.head', petition.id, 'approve_reply');
    await kit.act('ds.head', petition.id, 'issue_reply');
    const answer = async () => {
      const found = (await kit.documents(WORKER, petition.id)).find((d) => d.type === 'decision');
      if (!found) throw new Error('no decision');
      return found;
    };
    const url = `/api/documents/${(await answer()).id}.pdf`;

    const head = await kit.http(WORKER, 'GET', url, undefined, { range: 'bytes=0-99' });
    expect(head.statusCode).toBe(206);
    expect(head.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const size = Number(/\/(\d+)$/.exec(String(head.headers['content-range']))?.[1]);
    expect(head.headers['content-range']).toBe(`bytes 0-99/${size}`);
    // nginx must not take the whole file at once and so record a delivery the phone never finished.
    expect(head.headers['x-accel-buffering']).toBe('no');
    expect(await answer()).toMatchObject({ awaitingDelivery: true, delivery: null });

    const etag = String(head.headers.etag);
    const rest = await kit.http(WORKER, 'GET', url, undefined, { range: 'bytes=100-', 'if-range': etag });
    expect(rest.statusCode).toBe(206);
    expect(rest.headers['content-length']).toBe(String(size - 100));
    expect(rest.rawPayload.subarray(-6).toString()).toContain('%%EOF');
    expect(await answer()).toMatchObject({ delivery: { method: 'app', deliveredOn: '2026-07-01' } });

    // The same end again (the phone resends it) records no second delivery.
    const again = await kit.http(WORKER, 'GET', url, undefined, { range: `bytes=-10`, 'if-range': etag });
    expect(again.statusCode).toBe(206);
    const timeline = (await kit.detail(WORKER, petition.id)).timeline.map((e) => e.type);
    expect(timeline.filter((t) => t === 'reply_delivered')).toHaveLength(1);
  });
});

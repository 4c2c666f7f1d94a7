import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj, LETTER } from './notifications/support';
import { PetitionKit } from './petitions/kit';

/**
 * A stored file is read from storage only as far as it goes out: a part resumed after a cut reads
 * that part, a HEAD request reads nothing. Ten staff opening notices or photos at once hold a
 * stream each, never a whole file each (the attachments take the same path: send-file.test.ts).
 */

const WORKER = '13800000001';

let kit: PetitionKit;
beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-07-01T09:00:00') });
});
afterAll(() => kit?.close());

/** Counts the streams storage opens, and the bytes they yield, while `run` runs. */
async function storageReads(run: () => Promise<void>): Promise<{ opened: number; bytes: number }> {
  const reads = { opened: 0, bytes: 0 };
  const get = kit.app.storage.get.bind(kit.app.storage);
  const spy = vi.spyOn(kit.app.storage, 'get').mockImplementation(async (key, range) => {
    const stream = await get(key, range);
    if (!stream) return null;
    reads.opened += 1;
    async function* counting() {
      for await (const chunk of stream as Readable) {
        reads.bytes += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    return Readable.from(counting(), { objectMode: false });
  });
  try {
    await run();
  } finally {
    spy.mockRestore();
  }
  return reads;
}

describe('stored files read as far as they go out', () => {
  it('a part of a notice reads that part; HEAD reads nothing', async () => {
    const { petition } = await kit.submit(WORKER);
    await kit.act('ds.reception', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'draft_reply', LETTER);
    await kit.act('ds.head', petition.id, 'approve_reply');
    await kit.act('ds.head', petition.id, 'issue_reply');
    const decision = (await kit.documents('ds.head', petition.id)).find((d) => d.type === 'decision');
    const pdf = `/api/documents/${decision?.id}.pdf`;
    const first = await kit.http('ds.head', 'GET', pdf);
    expect(first.statusCode).toBe(200);
    expect(first.headers.etag).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(
      await storageReads(async () => {
        const tail = await kit.http('ds.head', 'GET', pdf, undefined, {
          range: 'bytes=-200',
          'if-range': String(first.headers.etag),
        });
        expect(tail.statusCode).toBe(206);
        expect(tail.rawPayload.equals(first.rawPayload.subarray(-200))).toBe(true);
      }),
    ).toEqual({ opened: 1, bytes: 200 });
    expect(
      await storageReads(async () => {
        const head = await kit.app.inject({
          method: 'HEAD',
          url: pdf,
          headers: { authorization: `Bearer ${await kit.sessions.token('ds.head')}` },
        });
        expect(head.statusCode).toBe(200);
        expect(head.headers['content-length']).toBe(String(first.rawPayload.length));
        // The PDF is kept once rendered: its tag holds still from one read to the next.
        expect(head.headers.etag).toBe(first.headers.etag);
      }),
    ).toEqual({ opened: 0, bytes: 0 });
  });
});

import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { constants, gunzipSync } from 'node:zlib';
import compress from '@fastify/compress';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { attachmentDisposition, type StreamedRowsEnd, safeFileName, sendRows } from './downloads';

describe('attachmentDisposition', () => {
  it('names the file in UTF-8 (RFC 5987) with an ASCII fallback', () => {
    const header = attachmentDisposition(
      '晋安煤业集团2026年第一季度信访工作通报.docx',
      'bulletin-2026-Q1.docx',
    );
    expect(header).toBe(
      `attachment; filename="bulletin-2026-Q1.docx"; filename*=UTF-8''${encodeURIComponent('晋安煤业集团2026年第一季度信访工作通报.docx')}`,
    );
    const [, encoded] = /filename\*=UTF-8''(.+)$/.exec(header) ?? [];
    expect(decodeURIComponent(encoded ?? '')).toBe('晋安煤业集团2026年第一季度信访工作通报.docx');
  });

  it('keeps quotes and non-ASCII out of the fallback, and quotes and brackets out of filename*', () => {
    const header = attachmentDisposition(`a'(b)*"c.csv`, '台账"x\\.csv');
    expect(header).toBe(`attachment; filename="___x_.csv"; filename*=UTF-8''a%27%28b%29%2A%22c.csv`);
    expect(safeFileName('一矿/二队:通报?.pdf')).toBe('一矿_二队_通报_.pdf');
  });
});

/**
 * The row stream behind an export, served by a real server and read by a real client. The seam:
 * the rows are any async iterable, so a source that throws after two rows stands for a database
 * that fails part-way, without touching a database.
 */
describe('sendRows', () => {
  async function serve(rows: () => AsyncIterable<string>) {
    const ends: StreamedRowsEnd[] = [];
    const app = Fastify({ logger: false });
    // As the app answers: compressed for a client that accepts it (plugins/compression.ts).
    await app.register(compress, { encodings: ['br', 'gzip'], threshold: 1024 });
    app.get('/rows', (_request, reply) =>
      sendRows(
        reply.header('content-type', 'text/plain'),
        rows(),
        (source) =>
          Readable.from(
            (async function* () {
              for await (const row of source) yield `${row}\n`;
            })(),
          ),
        async (end) => {
          ends.push(end);
          throw new Error('the audit log is down');
        },
      ),
    );
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const answer = await new Promise<{ status: number; body: string; error: string | null }>((resolve) => {
      get(`http://127.0.0.1:${port}/rows`, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        const body = () => {
          const bytes = Buffer.concat(chunks);
          try {
            return gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH }).toString();
          } catch {
            return `unreadable: ${bytes.length} bytes`;
          }
        };
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: body(), error: null }));
        response.on('error', (error) =>
          resolve({ status: response.statusCode ?? 0, body: body(), error: error.message }),
        );
      }).on('error', (error) => resolve({ status: 0, body: '', error: error.message }));
    });
    await expect.poll(() => ends.length).toBe(1);
    await app.close();
    return { answer, end: ends[0] };
  }

  it('counts the rows of a whole file, and survives a failing `ended`', async () => {
    const { answer, end } = await serve(async function* () {
      yield* ['a', 'b', 'c'];
    });
    expect(answer).toEqual({ status: 200, body: 'a\nb\nc\n', error: null });
    expect(end).toEqual({ rows: 3, complete: true });
  });

  it('aborts the connection when the source fails part-way, so no cut-off file looks whole', async () => {
    const { answer, end } = await serve(async function* () {
      yield 'a';
      yield 'b';
      // The status line and the first rows are out by now.
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error('the database went away');
    });
    expect(answer.error ?? 'ended normally', JSON.stringify(answer)).toMatch(/^(aborted|socket hang up)$/);
    expect(end).toEqual({ rows: 2, complete: false, failure: 'source' });
  });
});

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { seedDemoCases } from '@xinfang/server/seed/demo-cases';
import { buildTestApp } from '@xinfang/server/testing';
import type { DocumentList } from '@xinfang/shared/schemas/documents';
import { LogCapture, Sessions } from '../api/support/sign-in';

/**
 * `pnpm --filter @xinfang/tests bench:documents`: how long a document takes to open — the first
 * request of each (rendered from its facts, seal included, and stored), then the same documents
 * again (streamed from the file storage) — on the demo cases, in process (`app.inject`, no network).
 * Prints the process's first render apart: it reads the two font files. Not a test; asserts nothing.
 *
 *   pnpm --filter @xinfang/tests bench:documents [--rounds 5]
 */
const { values: args } = parseArgs({ options: { rounds: { type: 'string', default: '5' } } });
const ROUNDS = Number(args.rounds);

const uploadDir = await mkdtemp(join(tmpdir(), 'xinfang-bench-documents-'));
const logs = new LogCapture();
const t = await buildTestApp({ uploadDir, logLevel: 'info' }, { logDestination: logs.stream });
await seedDemoIfEmpty(t.app.db, t.app.pii);
await seedDemoCases(t.app);
const sessions = new Sessions(t.app, logs);
const token = await sessions.token('ds.head');
const get = (url: string) =>
  t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

const ids: string[] = [];
for (const { id } of await t.app.db.selectFrom('petition').select('id').execute()) {
  const list = (await get(`/api/petitions/${id}/documents`)).json() as DocumentList;
  ids.push(...(list.items ?? []).map((d) => d.id));
}

const timed = async (id: string) => {
  const started = process.hrtime.bigint();
  const response = await get(`/api/documents/${id}.pdf`);
  if (response.statusCode !== 200) throw new Error(`${id}: ${response.statusCode} ${response.body}`);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, bytes: response.rawPayload.length };
};
const summary = (label: string, samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(1);
  console.log(
    `${label.padEnd(34)} n=${String(sorted.length).padStart(3)}  p50 ${at(0.5)} ms  p95 ${at(0.95)} ms  max ${sorted.at(-1)?.toFixed(1)} ms`,
  );
};

const [first, ...rest] = ids;
if (!first) throw new Error('the demo cases issued no documents');
const cold = await timed(first);
console.log(`documents of the demo cases: ${ids.length}`);
console.log(
  `${'first render of the process'.padEnd(34)} ${cold.ms.toFixed(1)} ms (reads the fonts), ${cold.bytes} bytes`,
);
const renders: number[] = [];
const sizes: number[] = [cold.bytes];
for (const id of rest) {
  const { ms, bytes } = await timed(id);
  renders.push(ms);
  sizes.push(bytes);
}
summary('first request (render and store)', renders);
const cached: number[] = [];
for (let round = 0; round < ROUNDS; round += 1) for (const id of ids) cached.push((await timed(id)).ms);
summary('again (from the file storage)', cached);
console.log(`PDF size: ${Math.min(...sizes)}–${Math.max(...sizes)} bytes`);

await t.close();
await rm(uploadDir, { recursive: true, force: true });

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { Load } from './load';

/**
 * How many pages of SQLite's write-ahead log a write request writes, and into which tables and
 * indexes — counted, not timed, so the same on a busy machine as on a quiet one. Every page a
 * transaction changes is written whole to the log at COMMIT (and copied into the database file
 * again at the checkpoint), so the pages are what a durable write costs beyond its statements.
 *
 * The baseline empties the log (a TRUNCATE checkpoint) before a request that asks with
 * `x-log-pages`, and answers with the page numbers of the frames the request wrote. Our server
 * is stopped by then: its checkpointer would move frames out of the log between two commits.
 */
export const LOG_PAGES_HEADER = 'x-log-pages';

const WAL_HEADER = 32;
const FRAME_HEADER = 24;

/** The page numbers of the frames in `file`'s log (in order; a page written twice counts twice). */
export function framePages(file: string): number[] {
  const wal = `${file}-wal`;
  const size = statSync(wal, { throwIfNoEntry: false })?.size ?? 0;
  if (size < WAL_HEADER) return [];
  const fd = openSync(wal, 'r');
  try {
    const buffer = Buffer.alloc(size);
    readSync(fd, buffer, 0, size, 0);
    const pageSize = buffer.readUInt32BE(8);
    const salts = buffer.subarray(16, 24);
    const pages: number[] = [];
    for (let at = WAL_HEADER; at + FRAME_HEADER + pageSize <= size; at += FRAME_HEADER + pageSize) {
      // A frame from before the log was last restarted carries the old salts: not this request's.
      if (!buffer.subarray(at + 8, at + 16).equals(salts)) break;
      pages.push(buffer.readUInt32BE(at));
    }
    return pages;
  } finally {
    closeSync(fd);
  }
}

export interface LogPages {
  /** Mean frames per request. */
  mean: number;
  min: number;
  max: number;
  /** Mean frames per request by table or index, most first; empty unless asked for. */
  byTree: [string, number][];
}

/**
 * Sends `load` `times` times, one after another, and counts the log's frames of each; with
 * `trees`, also where they went (dbstat reads the whole file: minutes at 1,000,000 petitions).
 */
export async function countLogPages(
  baseUrl: string,
  load: Load,
  options: { times: number; trees: boolean },
): Promise<LogPages> {
  const { times } = options;
  const counts: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < times; i += 1) {
    const fresh = load.perRequest?.() ?? {};
    const response = await fetch(`${baseUrl}${fresh.path ?? load.path}`, {
      method: load.method,
      headers: { ...load.headers, ...fresh.headers, [LOG_PAGES_HEADER]: '1' },
      body: load.body ? JSON.stringify(load.body()) : undefined,
    });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${load.path}: ${response.status}`);
    const pages = (response.headers.get(LOG_PAGES_HEADER) ?? '').split(',').filter(Boolean).map(Number);
    counts.push(pages.length);
    all.push(...pages);
  }
  const byTree = options.trees ? await treesOf(baseUrl, all, times) : [];
  return {
    mean: counts.reduce((a, b) => a + b, 0) / times,
    min: Math.min(...counts),
    max: Math.max(...counts),
    byTree,
  };
}

async function treesOf(baseUrl: string, all: number[], times: number): Promise<[string, number][]> {
  const trees = (await (
    await fetch(`${baseUrl}/log-pages/trees`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pages: [...new Set(all)] }),
    })
  ).json()) as Record<string, string>;
  const byTree = new Map<string, number>();
  for (const page of all) {
    const tree = trees[page] ?? '(in no table: the free list)';
    byTree.set(tree, (byTree.get(tree) ?? 0) + 1 / times);
  }
  return [...byTree].sort((a, b) => b[1] - a[1]);
}

/** The log's pages of one submission, by our statements and by the floor. */
export interface EndpointPages {
  name: string;
  same: LogPages;
  floor: LogPages;
}

/** The tables and indexes named in the report; the rest are summed. */
const TREES_SHOWN = 10;

/** The pages of each submission as `pnpm bench` prints them, after its table. */
export function logPagesReport(pages: readonly EndpointPages[], times: number): string {
  const range = (p: LogPages) => `${p.mean.toFixed(1)} (${p.min}–${p.max})`;
  const out = [
    '',
    `Pages written to SQLite's log by one submission alone (${times} each, counted, not timed):`,
    '',
    '| endpoint | same SQL (our statements) | floor | same ÷ floor |',
    '|---|---:|---:|---:|',
    ...pages.map(
      ({ name, same, floor }) =>
        `| ${name} | ${range(same)} | ${range(floor)} | ${(same.mean / floor.mean).toFixed(1)} |`,
    ),
  ];
  for (const { name, same } of pages) {
    if (same.byTree.length === 0) continue;
    const top = same.byTree.slice(0, TREES_SHOWN);
    const rest = same.byTree.slice(TREES_SHOWN).reduce((sum, [, n]) => sum + n, 0);
    out.push(
      '',
      `${name}, same SQL, pages by table or index: ${top
        .map(([tree, n]) => `${tree} ${n.toFixed(1)}`)
        .join(', ')}; ${same.byTree.length - top.length} others ${rest.toFixed(1)}`,
    );
  }
  out.push(
    '',
    'Under load our server commits submissions in groups, so a page several of them change is written once per group.',
  );
  return `${out.join('\n')}\n`;
}

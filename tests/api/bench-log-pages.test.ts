import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialect } from '@xinfang/server/testing';
import SQLite from 'better-sqlite3';
import { afterEach, expect, it } from 'vitest';
import { framePages } from '../bench/log-pages';

/**
 * `pnpm bench` counts the pages a submission writes to SQLite's log by reading the log's frames
 * (bench/log-pages.ts). The pages it reads must be the ones SQLite wrote: those of the tables and
 * indexes the transaction changed, each once per commit, and none from before the log restarted.
 */
let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it.skipIf(testDialect() !== 'sqlite')('reads the pages a commit wrote to the log', () => {
  dir = mkdtempSync(join(tmpdir(), 'xinfang-log-pages-'));
  const file = join(dir, 'pages.db');
  const db = new SQLite(file);
  db.pragma('journal_mode = WAL');
  db.exec('create table note (id integer primary key, body text); create index note_body on note (body)');
  db.exec('create table other (id integer primary key)');
  const insert = db.prepare('insert into note (body) values (?)');
  for (let i = 0; i < 2000; i += 1) insert.run(`note ${i}`);
  const treeOf = (page: number) =>
    (db.prepare('select name from dbstat where pageno = ?').get(page) as { name: string }).name;

  db.pragma('wal_checkpoint(TRUNCATE)');
  expect(framePages(file)).toEqual([]);
  insert.run('one more');
  const pages = framePages(file);
  expect(new Set(pages.map(treeOf))).toEqual(new Set(['note', 'note_body']));
  expect(new Set(pages).size).toBe(pages.length);

  // A second commit appends its own frames, the same pages again among them.
  insert.run('and another');
  expect(framePages(file).length).toBeGreaterThan(pages.length);

  // After a restart of the log, the frames left from before it are not counted.
  db.pragma('wal_checkpoint(RESTART)');
  db.exec('insert into other default values');
  expect(framePages(file).map(treeOf)).toEqual(['other']);
  db.close();
});

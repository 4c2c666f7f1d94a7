import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config';
import { type Database, openDatabase } from './database';
import { migrateToLatest } from './migrate';
import { silentMonitorLog } from './monitor';
import { prepared, rowInserter } from './prepared';
import type { DB } from './schema';

/**
 * Prepared reads on a SQLite file skip Kysely's executor (db/prepared.ts `readNow`): the same rows,
 * the same snapshot rules, and everything else — writes, counters, transactions — as before.
 */
let opened: Database | null = null;
let dir = '';
afterEach(async () => {
  await opened?.destroy();
  opened = null;
  rmSync(dir, { recursive: true, force: true });
});

async function open(): Promise<Kysely<DB>> {
  dir = mkdtempSync(join(tmpdir(), 'xf-read-now-'));
  opened = openDatabase(`sqlite:${join(dir, 'test.db')}`, {
    bounds: loadConfig({}).db,
    log: silentMonitorLog,
  });
  const { db } = opened;
  await migrateToLatest(db, 'sqlite');
  await rowInserter('category')(db, [code('zz-a'), code('zz-b')]);
  return db;
}

const code = (c: string) => ({ code: c, name: `分类${c}`, created_at: 'now', updated_at: 'now' });
const byCode = prepared((db, c: string) =>
  db.selectFrom('category').select(['code', 'name']).where('code', '=', c),
);
const all = prepared((db, from: string) =>
  db.selectFrom('category').select('code').where('code', '>=', from).orderBy('code'),
);
const hits = prepared((db, bucket: string) =>
  db.selectFrom('throttle').select('hits').where('bucket', '=', bucket),
);
const insert = rowInserter('category');

describe('prepared reads on a SQLite file', () => {
  it('run without Kysely’s executor and answer what it would', async () => {
    const db = await open();
    const executor = vi.spyOn(db.getExecutor(), 'executeQuery');
    expect((await byCode(db, 'zz-a')).rows).toEqual([{ code: 'zz-a', name: '分类zz-a' }]);
    expect((await all(db, 'zz-')).rows).toEqual([{ code: 'zz-a' }, { code: 'zz-b' }]);
    expect((await byCode(db, 'zz-z')).rows).toEqual([]);
    const everyOne = (await all(db, '')).rows;
    expect(executor).not.toHaveBeenCalled();
    expect(everyOne.length).toBeGreaterThan(2);
    expect(await db.selectFrom('category').select('code').orderBy('code').execute()).toEqual(everyOne);
  });

  it('leave writes and the counters’ reads to the executor', async () => {
    const db = await open();
    const executor = vi.spyOn(db.getExecutor(), 'executeQuery');
    await insert(db, [code('zz-c')]);
    expect(executor).toHaveBeenCalledTimes(1);
    // A counter is read on the writer, where the next conditional write will see it.
    expect((await hits(db, 'lookup@ip')).rows).toEqual([]);
    expect(executor).toHaveBeenCalledTimes(2);
    expect((await byCode(db, 'zz-c')).rows).toEqual([{ code: 'zz-c', name: '分类zz-c' }]);
    expect(executor).toHaveBeenCalledTimes(2);
  });

  it('inside a transaction read through it and see its own writes', async () => {
    const db = await open();
    await db.transaction().execute(async (trx) => {
      await insert(trx, [code('zz-t')]);
      expect((await byCode(trx, 'zz-t')).rows).toEqual([{ code: 'zz-t', name: '分类zz-t' }]);
      // Outside it, the last commit: the transaction's row is not there yet.
      expect((await byCode(db, 'zz-t')).rows).toEqual([]);
    });
    expect((await byCode(db, 'zz-t')).rows).toEqual([{ code: 'zz-t', name: '分类zz-t' }]);
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testDialect } from '@xinfang/server/testing';
import type { AdminHealth } from '@xinfang/shared/schemas/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The service's health for administrators (issue 17): the database reachable and taking writes,
 * which engine and version (said here, not in the public health), each background job's last run
 * and how it ended, the notifications undeliverable or waiting, each provider real or a stand-in.
 */
describe("the service's health, for administrators", () => {
  let kit: PetitionKit;
  const health = async () => {
    const response = await kit.http('ds.sysadmin', 'GET', '/api/admin/health');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as AdminHealth;
  };

  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit?.close());

  it('reports the database, and the development stand-ins as such', async () => {
    const report = await health();
    expect(report.database).toMatchObject({ dialect: testDialect(), reachable: true, writable: true });
    expect(report.database.version).toEqual(expect.any(String));
    expect(report.database.problem).toBeNull();
    expect(report.providers).toEqual([
      { name: 'wechat', state: 'stand_in' },
      { name: 'sms', state: 'stand_in' },
      { name: 'storage', state: 'configured' },
    ]);
    expect(report.jobs).toEqual([]);
    expectError(await kit.http('supervisor', 'GET', '/api/admin/health'), 403, 'FORBIDDEN');
  });

  it("notes each job's last run, and a failure with its reason", async () => {
    await kit.app.jobs.run('housekeeping');
    const started = new Date().toISOString();
    const [housekeeping] = (await health()).jobs;
    expect(housekeeping).toEqual({
      name: 'housekeeping',
      scheduledHere: false,
      lastStartedAt: started,
      lastFinishedAt: started,
      outcome: 'success',
      error: null,
    });

    // The deadline job meets a database that lost its petition table halfway through an upgrade.
    await kit.app.db.schema.alterTable('petition').renameTo('petition_away').execute();
    try {
      await kit.app.jobs.run('deadlines');
    } finally {
      await kit.app.db.schema.alterTable('petition_away').renameTo('petition').execute();
    }
    const deadlines = (await health()).jobs.find((j) => j.name === 'deadlines');
    expect(deadlines).toMatchObject({ outcome: 'failure', error: expect.stringMatching(/petition/) });
  });

  it('counts the notifications undeliverable after every try, and those waiting since the oldest', async () => {
    const before = await health();
    const at = (minutes: number) => new Date(Date.UTC(2026, 10, 2, 8, minutes)).toISOString();
    const row = (id: string, status: 'dead' | 'pending' | 'sent', created: string) => ({
      id: `01HEALTHOUTBOX${id}`.padEnd(26, '0'),
      notification_id: null,
      channel: 'sms',
      recipient_type: 'petitioner' as const,
      recipient_id: 'nobody',
      event: 'accepted',
      payload: '{}',
      statutory: 1,
      status,
      attempts: status === 'dead' ? 8 : 0,
      due_at: created,
      lease_token: null,
      last_error: status === 'dead' ? 'quota' : null,
      created_at: created,
      updated_at: created,
      sent_at: null,
    });
    await kit.app.db
      .insertInto('outbox')
      .values([
        row('A', 'dead', at(1)),
        row('B', 'pending', at(2)),
        row('C', 'pending', at(0)),
        row('D', 'sent', at(3)),
      ])
      .execute();
    try {
      const after = (await health()).outbox;
      expect(after).toEqual({
        dead: (before.outbox?.dead ?? 0) + 1,
        waiting: (before.outbox?.waiting ?? 0) + 2,
        oldestWaitingSince:
          before.outbox?.oldestWaitingSince && before.outbox.oldestWaitingSince < at(0)
            ? before.outbox.oldestWaitingSince
            : at(0),
      });
    } finally {
      await kit.app.db.deleteFrom('outbox').where('id', 'like', '01HEALTHOUTBOX%').execute();
    }
  });
});

/**
 * A real read-only SQLite file under a running server (MySQL's read_only is server-wide: not
 * something one suite may switch on for the others). The server opened it writable, so its own
 * probe (a write rolled back) still passes: health asks the files. File modes would not bind root
 * nor an open file, so the files are made immutable (chattr +i, root only), which fails writes
 * to them at once, as a read-only remount does.
 */
const asRoot = process.getuid?.() === 0;
describe.runIf(testDialect() === 'sqlite')('a SQLite file made read-only while the server runs', () => {
  let dir = '';
  // Not the -shm file: SQLite maps it into memory, and a write to an immutable mapping kills the process.
  let files: string[] = [];
  let kit: PetitionKit;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xf-health-ro-'));
    const file = join(dir, 'xinfang.db');
    files = [file, `${file}-wal`];
    kit = await PetitionKit.start({ config: { databaseUrl: `sqlite:${file}` } });
  });
  afterAll(async () => {
    makeImmutable(files, false);
    await kit?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.runIf(asRoot && immutableFilesWork())(
    'is reported reachable, not writable, with what to do in plain Chinese; fixed, writable again',
    { timeout: 30_000 },
    async () => {
      const health = async () =>
        (await kit.http('ds.sysadmin', 'GET', '/api/admin/health')).json() as AdminHealth;
      expect((await health()).database).toMatchObject({ writable: true, problem: null, advice: null });
      const before = await kit.petitionCount();
      await kit.submit('13800000001');

      makeImmutable(files, true);
      const report = (await health()).database;
      expect(report).toMatchObject({ reachable: true, writable: false, problem: { kind: 'read_only' } });
      expect(report.advice).toContain('这些文件不能写入');
      for (const path of files) expect(report.advice).toContain(path);
      // No false alarm: a submission is refused (503, to be retried), and nothing is half-kept.
      const key = { 'idempotency-key': 'k-health-read-only' };
      const body = kit.submission();
      const refused = await kit.http('13800000001', 'POST', '/api/petitions', body, key);
      expectError(refused, 503, 'SERVICE_UNAVAILABLE');

      makeImmutable(files, false);
      expect((await health()).database).toMatchObject({ writable: true, problem: null, advice: null });
      const retried = await kit.http('13800000001', 'POST', '/api/petitions', body, key);
      expect(retried.statusCode, retried.body).toBe(201);
      expect(await kit.petitionCount()).toBe(before + 2);
    },
  );
});

function makeImmutable(paths: string[], immutable: boolean): void {
  for (const path of paths) spawnSync('chattr', [immutable ? '+i' : '-i', path]);
}

/** Whether this machine lets root make a file immutable (the filesystem and CAP_LINUX_IMMUTABLE). */
function immutableFilesWork(): boolean {
  const dir = mkdtempSync(join(tmpdir(), 'xf-health-chattr-'));
  const probe = join(dir, 'probe');
  writeFileSync(probe, '');
  const works = spawnSync('chattr', ['+i', probe]).status === 0;
  spawnSync('chattr', ['-i', probe]);
  rmSync(dir, { recursive: true, force: true });
  return works;
}

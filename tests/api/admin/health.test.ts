import { testDialect } from '@xinfang/server/testing';
import type { AdminHealth } from '@xinfang/shared/schemas/admin';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The service's health for administrators (issue 17): the database reachable and taking writes,
 * each background job's last run and how it ended, each provider real or a development stand-in.
 */
describe("the service's health, for administrators", { timeout: 30_000 }, () => {
  let kit: PetitionKit;
  const health = async () => {
    const response = await kit.http('ds.sysadmin', 'GET', '/api/admin/health');
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as AdminHealth;
  };

  beforeAll(async () => {
    kit = await PetitionKit.start();
  }, 60_000);
  afterAll(() => kit?.close());

  it('reports the database, and the development stand-ins as such', async () => {
    const report = await health();
    expect(report.database).toMatchObject({ dialect: testDialect(), reachable: true, writable: true });
    expect(report.database.version).toEqual(expect.any(String));
    expect(report.providers).toEqual([
      { name: 'wechat', state: 'stand_in' },
      { name: 'sms', state: 'stand_in' },
      { name: 'storage', state: 'configured' },
    ]);
    expect(report.jobs).toEqual([]);
    expectError(await kit.http('supervisor', 'GET', '/api/admin/health'), 403, 'FORBIDDEN');
  });

  it("notes each job's last run, and a failure with its reason", async () => {
    await kit.app.jobs.housekeeping();
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
      await kit.app.jobs.deadlines();
    } finally {
      await kit.app.db.schema.alterTable('petition_away').renameTo('petition').execute();
    }
    const deadlines = (await health()).jobs.find((j) => j.name === 'deadlines');
    expect(deadlines).toMatchObject({ outcome: 'failure', error: expect.stringMatching(/petition/) });
  });

  // SQLite's query_only refuses every write on the connection, as a read-only file or a full disk
  // would (MySQL's read_only is server-wide: not something one suite may switch on for the others).
  it.runIf(testDialect() === 'sqlite')(
    'reports a database that refuses writes as reachable, not writable',
    async () => {
      await sql`pragma query_only = 1`.execute(kit.app.db);
      try {
        const report = await health();
        expect(report.database).toMatchObject({ reachable: true, writable: false });
      } finally {
        await sql`pragma query_only = 0`.execute(kit.app.db);
      }
      expect((await health()).database.writable).toBe(true);
    },
  );
});

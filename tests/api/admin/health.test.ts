import { testDialect } from '@xinfang/server/testing';
import type { AdminHealth } from '@xinfang/shared/schemas/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The service's health for administrators (issue 17): the database reachable and taking writes,
 * which engine and version (said here, not in the public health), each background job's last run
 * and how it ended, the notifications undeliverable or waiting, each provider real or a stand-in.
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

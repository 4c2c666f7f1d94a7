import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { newId } from '../../db/ids';
import { migrateToLatest } from '../../db/migrate';
import { buildInstancesOnOneDatabase } from '../../testing/shared-database';
import { buildTestApp, type TestApp, UNTIL_DONE } from '../../testing/test-app';
import { createDispatcher } from './dispatcher';
import { outboxRow } from './notifier';
import { claimDue, insertOutbox, markSent, release, resend } from './outbox.repository';

/**
 * Claims on the real database (SQLite and MySQL): many claimers at once never take the same row;
 * a claim whose lease ran out is taken over; an answer from the old claim then changes nothing.
 */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());
beforeEach(async () => {
  await t.app.db.deleteFrom('outbox').execute();
});

const T0 = new Date('2026-03-02T01:00:00.000Z');

async function fill(count: number, at: Date, db = t.app.db): Promise<string[]> {
  const rows = Array.from({ length: count }, (_, i) =>
    outboxRow({
      notificationId: null,
      channel: 'sms',
      recipient: { type: 'petitioner', id: `P${String(i).padStart(25, '0')}` },
      event: 'received',
      payload: {},
      statutory: false,
      dueAt: at,
      now: at,
    }),
  );
  for (let i = 0; i < rows.length; i += 200) await insertOutbox(db, rows.slice(i, i + 200));
  return rows.map((r) => r.id);
}

describe('claiming the outbox', () => {
  it('concurrent claimers share the due rows without ever taking one twice', async () => {
    const ids = await fill(300, T0);
    const claims = await Promise.all(
      Array.from({ length: 8 }, () =>
        (async () => {
          const taken: string[] = [];
          for (;;) {
            const rows = await claimDue(t.app.db, { token: newId(), now: T0, leaseMs: 60_000, limit: 17 });
            if (rows.length === 0) return taken;
            taken.push(...rows.map((r) => r.id));
          }
        })(),
      ),
    );
    const all = claims.flat();
    expect(all.length).toBe(ids.length);
    expect(new Set(all)).toEqual(new Set(ids));
    const states = await t.app.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('id', 'in', ids)
      .execute();
    expect(states.every((s) => s.status === 'sending' && s.attempts === 1)).toBe(true);
  });

  it('a claim whose lease ran out is taken over, and its late answer changes nothing', async () => {
    const start = new Date(T0.getTime() + 3600_000);
    const [id] = await fill(1, start);
    const first = newId();
    const second = newId();
    const claimed = await claimDue(t.app.db, { token: first, now: start, leaseMs: 1000, limit: 10 });
    expect(claimed.map((r) => r.id)).toContain(id);
    const halfway = new Date(start.getTime() + 500);
    expect(
      (await claimDue(t.app.db, { token: second, now: halfway, leaseMs: 1000, limit: 10 })).map((r) => r.id),
    ).not.toContain(id);

    const later = new Date(start.getTime() + 1500);
    const taken = await claimDue(t.app.db, { token: second, now: later, leaseMs: 1000, limit: 10 });
    expect(taken.find((r) => r.id === id)).toMatchObject({
      status: 'sending',
      attempts: 2,
      lease_token: second,
    });

    // The first claimer comes back: nothing it says is recorded.
    expect(
      await release(t.app.db, id as string, first, {
        status: 'dead',
        lastError: 'late',
        at: later.toISOString(),
      }),
    ).toBe(false);
    await markSent(t.app.db, [id as string], first, later.toISOString());
    expect(
      await t.app.db
        .selectFrom('outbox')
        .select('status')
        .where('id', '=', id as string)
        .executeTakeFirst(),
    ).toEqual({
      status: 'sending',
    });
    await markSent(t.app.db, [id as string], second, later.toISOString());
    expect(
      await t.app.db
        .selectFrom('outbox')
        .select(['status', 'lease_token'])
        .where('id', '=', id as string)
        .executeTakeFirst(),
    ).toEqual({
      status: 'sent',
      lease_token: null,
    });
  });

  it('only dead rows are re-sent, with fresh tries', async () => {
    const at = new Date(T0.getTime() + 7200_000);
    const [id] = await fill(1, at);
    expect(await resend(t.app.db, id as string, at.toISOString())).toBe(false);
    const token = newId();
    await claimDue(t.app.db, { token, now: at, leaseMs: 1000, limit: 1 });
    await release(t.app.db, id as string, token, {
      status: 'dead',
      lastError: 'refused',
      at: at.toISOString(),
    });
    expect(await resend(t.app.db, id as string, at.toISOString())).toBe(true);
    expect(
      await t.app.db
        .selectFrom('outbox')
        .select(['status', 'attempts', 'last_error'])
        .where('id', '=', id as string)
        .executeTakeFirst(),
    ).toEqual({
      status: 'pending',
      attempts: 0,
      last_error: 'refused',
    });
  });

  it('each outcome is recorded once known: a crash mid-round re-sends only the sends in flight', async () => {
    const at = new Date(T0.getTime() + 3 * 3600_000);
    const ids = await fill(10, at);
    let unstick = () => {};
    const stuck = new Promise<void>((resolve) => {
      unstick = resolve;
    });
    let sends = 0;
    const dispatcher = createDispatcher({
      db: t.app.db,
      deliverers: {
        sms: {
          async deliver() {
            sends += 1;
            if (sends === 4) await stuck;
            return { kind: 'sent' };
          },
        },
      },
      options: {
        batchSize: 10,
        concurrency: 1,
        leaseMs: 60_000,
        maxAttempts: 3,
        quietHours: null,
        rates: { wechat: 1000, sms: 1000, check: 1000 },
      },
      logger: { warn() {}, debug() {} },
    });
    const statuses = async () =>
      (await t.app.db.selectFrom('outbox').select('status').where('id', 'in', ids).execute())
        .map((r) => r.status)
        .sort();
    const round = dispatcher.dispatchOnce(at);
    await vi.waitFor(() => expect(sends).toBe(4), UNTIL_DONE);
    // Were the process to die now, the three sent are recorded: only the fourth, in flight, would
    // go twice (the six after it were never sent).
    expect(await statuses()).toEqual([...Array(7).fill('sending'), ...Array(3).fill('sent')].sort());
    unstick();
    expect(await round).toMatchObject({ claimed: 10, sent: 10 });
    expect(await statuses()).toEqual(Array(10).fill('sent'));
  });
});

describe('two instances dispatching one outbox', () => {
  it('a batch slowed by its rate past its lease is sent once: each row renewed before it goes', async () => {
    const instances = await buildInstancesOnOneDatabase(2);
    try {
      const [a, b] = instances.apps as [TestApp['app'], TestApp['app']];
      await migrateToLatest(a.db, a.dialect);
      const ids = await fill(4, new Date(Date.now() - 60_000), a.db);
      const sends: string[] = [];
      const dispatcher = (app: TestApp['app'], sms: number) =>
        createDispatcher({
          db: app.db,
          deliverers: {
            sms: {
              async deliver(delivery) {
                sends.push(delivery.row.id);
                return { kind: 'sent' };
              },
            },
          },
          // Two SMS a second: the batch of four takes 1.5 s, more than twice its 0.7 s lease.
          options: {
            batchSize: 4,
            concurrency: 1,
            leaseMs: 700,
            maxAttempts: 3,
            quietHours: null,
            rates: { wechat: 1000, sms, check: 1000 },
          },
          logger: { warn() {}, debug() {} },
        });
      const slow = dispatcher(a, 2).dispatchOnce();
      // After the third send (1 s in), the fourth row's first lease has run out: the other
      // instance claims it and sends it; the first instance, finding it gone, does not.
      await vi.waitFor(() => expect(sends.length).toBeGreaterThanOrEqual(3), UNTIL_DONE);
      const other = await dispatcher(b, 1000).dispatchOnce();
      const first = await slow;
      expect(first.claimed + other.claimed).toBeGreaterThanOrEqual(4);
      expect([...sends].sort()).toEqual([...ids].sort());
      const statuses = await a.db.selectFrom('outbox').select('status').where('id', 'in', ids).execute();
      expect(statuses.map((r) => r.status)).toEqual(Array(4).fill('sent'));
    } finally {
      await instances.close();
    }
  }, 60_000);
});

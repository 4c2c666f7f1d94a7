import { loadConfig } from '@xinfang/server/config';
import { openDatabase } from '@xinfang/server/db/database';
import { migrations } from '@xinfang/server/db/migrations';
import { silentMonitorLog } from '@xinfang/server/db/monitor';
import { createTestDatabase } from '@xinfang/server/testing';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';

/** Every migration runs on a new database: DDL on MariaDB is slow on a busy machine. */
const MIGRATING_MS = 180_000;

const step = (id: string, dueDate: string, reachedAt: string) => ({
  id,
  petition_id: 'p1',
  clock_key: 'handling::2026-04-02T01:00:00.000Z',
  clock_name: 'handling',
  level: 0,
  flag: 'yellow',
  unit_id: 'u1',
  due_date: dueDate,
  reached_at: reachedAt,
});

describe('20261207380000: every escalation step is kept (Art 40)', () => {
  it(
    'keeps the rows there are, a row for each due date warned of, and back down',
    async () => {
      const database = await createTestDatabase();
      const { db, destroy } = openDatabase(database.url, {
        bounds: loadConfig({}).db,
        log: silentMonitorLog,
      });
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      const rows = () =>
        db.selectFrom('escalation').select(['id', 'due_date', 'withdrawn_at']).orderBy('due_date').execute();
      try {
        expect((await migrator.migrateTo('20261207350000_mark_moved_bookings')).error).toBeUndefined();
        await db
          .insertInto('escalation')
          .values(step('a', '2026-06-01', '2026-05-28T02:00:00.000Z') as never)
          .execute();

        expect((await migrator.migrateTo('20261207380000_keep_every_escalation')).error).toBeUndefined();
        expect(await rows()).toEqual([{ id: 'a', due_date: '2026-06-01', withdrawn_at: null }]);
        // A yellow for the extended due date stands beside the first; the same date twice does not.
        await db
          .insertInto('escalation')
          .values({ ...step('b', '2026-07-01', '2026-06-26T02:00:00.000Z'), withdrawn_at: null } as never)
          .execute();
        await expect(
          db
            .insertInto('escalation')
            .values({ ...step('c', '2026-07-01', '2026-06-27T02:00:00.000Z'), withdrawn_at: null } as never)
            .execute(),
        ).rejects.toThrow();
        expect(await rows()).toHaveLength(2);

        // Down: one row per clock run and level, its latest due date.
        expect((await migrator.migrateDown()).error).toBeUndefined();
        expect(await db.selectFrom('escalation').select(['id', 'due_date']).execute()).toEqual([
          { id: 'b', due_date: '2026-07-01' },
        ]);
      } finally {
        await destroy();
        await database.drop();
      }
    },
    MIGRATING_MS,
  );
});

import { loadConfig } from '@xinfang/server/config';
import { openDatabase } from '@xinfang/server/db/database';
import { migrations } from '@xinfang/server/db/migrations';
import { silentMonitorLog } from '@xinfang/server/db/monitor';
import { createTestDatabase } from '@xinfang/server/testing';
import { Migrator } from 'kysely';
import { describe, expect, it } from 'vitest';

/** Every migration runs on a new database: DDL on MariaDB is slow on a busy machine. */
const MIGRATING_MS = 180_000;
const AT = '2026-03-02T01:00:00.000Z';

describe('20261207330000: a 包案 becomes a stint (Art 18)', () => {
  it(
    'keeps each owned case as an open stint, lets a case have several, and back down',
    async () => {
      const database = await createTestDatabase();
      const { db, destroy } = openDatabase(database.url, {
        bounds: loadConfig({}).db,
        log: silentMonitorLog,
      });
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
      try {
        expect((await migrator.migrateTo('20261207280000_add_reception_day_change')).error).toBeUndefined();
        await db
          .insertInto('owned_case')
          .values({ petition_id: 'p1', leader_id: 'l1', taken_at: AT } as never)
          .execute();

        expect((await migrator.migrateTo('20261207330000_keep_owned_case_stints')).error).toBeUndefined();
        const stints = () =>
          db
            .selectFrom('owned_case')
            .select(['petition_id', 'leader_id', 'taken_at', 'released_at'])
            .orderBy('taken_at')
            .execute();
        expect(await stints()).toEqual([
          { petition_id: 'p1', leader_id: 'l1', taken_at: AT, released_at: null },
        ]);
        // The case's key is no longer the table's: a closed stint and the next one stand side by side.
        await db.updateTable('owned_case').set({ released_at: AT }).execute();
        const next = { id: 'next', petition_id: 'p1', leader_id: 'l2', taken_at: AT, released_at: null };
        await db.insertInto('owned_case').values(next).execute();
        expect(await stints()).toHaveLength(2);

        expect((await migrator.migrateDown()).error).toBeUndefined();
        expect(await db.selectFrom('owned_case').selectAll().execute()).toEqual([
          { petition_id: 'p1', leader_id: 'l2', taken_at: AT },
        ]);
      } finally {
        await destroy();
        await database.drop();
      }
    },
    MIGRATING_MS,
  );
});

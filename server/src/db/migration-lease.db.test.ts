import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../testing/test-app';
import { withMigrationLease } from './migration-lease';

/** The lease that keeps two instances from migrating at once (SQLite and MySQL). */
let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t?.close());

describe('the migration lease', () => {
  it('keeps a second holder waiting while the first migrates, then lets it in', async () => {
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    const first = withMigrationLease(t.app.db, async () => {
      order.push('first in');
      await held;
      order.push('first out');
    });
    await new Promise((r) => setTimeout(r, 50));
    const second = withMigrationLease(t.app.db, async () => {
      order.push('second in');
    });
    await new Promise((r) => setTimeout(r, 500));
    expect(order).toEqual(['first in']);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first in', 'first out', 'second in']);
  });

  it('takes over the lease of a holder that died once it has run out', async () => {
    await t.app.db
      .insertInto('migration_lease')
      .values({ name: 'schema', holder: 'dead:1', expires_at: new Date(Date.now() - 1000).toISOString() })
      .execute();
    expect(await withMigrationLease(t.app.db, async () => 'migrated')).toBe('migrated');
    expect(await t.app.db.selectFrom('migration_lease').selectAll().execute()).toEqual([]);
  });

  it('gives up with a clear error when another holder keeps the lease past the wait', async () => {
    await t.app.db
      .insertInto('migration_lease')
      .values({ name: 'schema', holder: 'alive:1', expires_at: new Date(Date.now() + 60_000).toISOString() })
      .execute();
    await expect(withMigrationLease(t.app.db, async () => 'never', { waitMs: 300 })).rejects.toThrow(
      /held the migration lease/,
    );
    await t.app.db.deleteFrom('migration_lease').execute();
  });
});

import type { BenchDriver } from './driver';

/**
 * Waits until the seed's writes are on disk, so that the endpoints measured first are not charged
 * with flushing them: after 1,000,000 petitions MariaDB's page cleaner had gigabytes of dirty
 * pages to write at its default pace. SQLite moves its log into the database file.
 */
export async function settle(driver: BenchDriver, dialect: 'sqlite' | 'mysql'): Promise<number> {
  const started = Date.now();
  if (dialect === 'sqlite') {
    await driver.query('pragma wal_checkpoint(truncate)');
    return Date.now() - started;
  }
  const [kept] = await driver.query<{ pct: string; io: string; max: string }>(
    'select @@innodb_max_dirty_pages_pct as pct, @@innodb_io_capacity as io, @@innodb_io_capacity_max as max',
  );
  // The page cleaner flushes at the pace of innodb_io_capacity (200 pages a second by default).
  await driver.query('set global innodb_io_capacity_max = 100000');
  await driver.query('set global innodb_io_capacity = 50000');
  await driver.query('set global innodb_max_dirty_pages_pct = 0');
  try {
    for (;;) {
      const rows = await driver.query<{ Variable_name: string; Value: string }>(
        "show global status where Variable_name in ('Innodb_buffer_pool_pages_dirty', 'Innodb_buffer_pool_pages_total')",
      );
      const status = new Map(rows.map((r) => [r.Variable_name, Number(r.Value)]));
      const dirty = status.get('Innodb_buffer_pool_pages_dirty') ?? 0;
      // A few pages stay dirty all along (the server's own bookkeeping): 1% of the pool is settled.
      if (dirty < (status.get('Innodb_buffer_pool_pages_total') ?? 0) / 100) break;
      if (Date.now() - started > 20 * 60_000) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  } finally {
    await driver.query(`set global innodb_max_dirty_pages_pct = ${Number(kept?.pct ?? 90)}`);
    await driver.query(`set global innodb_io_capacity = ${Number(kept?.io ?? 200)}`);
    await driver.query(`set global innodb_io_capacity_max = ${Number(kept?.max ?? 2000)}`);
  }
  return Date.now() - started;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../app';
import { createTestDatabase, createUploadDir, type TestApp, testConfig, testDialect } from './test-app';

/**
 * Several app instances on one database, as several servers behind a proxy are: a SQLite file
 * (an in-memory database cannot be shared) or one MySQL database, and one folder of files, as
 * the instances of a cluster mount one UPLOAD_DIR. Not migrated: the instances migrate as
 * servers do, on start.
 */
export async function buildInstancesOnOneDatabase(count: number): Promise<{
  apps: TestApp['app'][];
  close(): Promise<void>;
}> {
  let url: string;
  let drop: () => Promise<void>;
  if (testDialect() === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'xinfang-instances-'));
    url = `sqlite:${join(dir, 'xinfang.db')}`;
    drop = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    ({ url, drop } = await createTestDatabase());
  }
  const files = await createUploadDir();
  const apps = await Promise.all(
    Array.from({ length: count }, () => buildApp(testConfig({ databaseUrl: url, uploadDir: files.path }))),
  );
  return {
    apps,
    async close() {
      await Promise.all(apps.map((app) => app.close()));
      await drop();
      await files.remove();
    },
  };
}

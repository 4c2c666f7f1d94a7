import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '@xinfang/server/app';
import { migrateToLatest } from '@xinfang/server/db/migrate';
import { backup, restore } from '@xinfang/server/ops/backup';
import { createTestDatabase, testConfig, testDialect } from '@xinfang/server/testing';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from '../petitions/kit';

/**
 * A backup taken while petitioners keep submitting (with photos) restores into an empty database
 * and an empty files directory, and there finds every petition acknowledged before it began and
 * every file its rows name, byte for byte — on SQLite (the online backup API) and MariaDB
 * (mariadb-dump --single-transaction).
 */
const WORKERS = ['13800000001', '13800000002', '13900000003'];
const scratch = mkdtempSync(join(tmpdir(), 'xinfang-backup-test-'));
let kit: PetitionKit;
let photo: Buffer;

beforeAll(async () => {
  kit = await PetitionKit.start({
    config: {
      uploadDir: join(scratch, 'files'),
      submissionsPerDay: 10_000,
      ...(testDialect() === 'sqlite' ? { databaseUrl: `sqlite:${join(scratch, 'live.db')}` } : {}),
    },
  });
  photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } })
    .png()
    .toBuffer();
});
afterAll(async () => {
  await kit?.close();
  rmSync(scratch, { recursive: true, force: true });
});

interface Acked {
  id: string;
  number: string;
}

async function submitOne(i: number): Promise<Acked> {
  const who = WORKERS[i % WORKERS.length] as string;
  const attachmentIds = i % 3 === 0 ? [await kit.uploadImage(who, photo)] : [];
  const { petition } = await kit.submit(who, kit.submission({ attachmentIds }));
  return { id: petition.id, number: petition.number };
}

describe('backup and restore', () => {
  it('under write load, restores every acknowledged petition and file into an empty database', async () => {
    const acked: Acked[] = [];
    for (let i = 0; i < 12; i += 1) acked.push(await submitOne(i));

    // Two writers keep submitting while the backup runs.
    let writing = true;
    const writer = async (offset: number) => {
      for (let i = offset; writing; i += 2) acked.push(await submitOne(i));
    };
    const writers = [writer(100), writer(101)];
    await new Promise((r) => setTimeout(r, 200));
    const beforeBackup = [...acked];
    const folder = join(scratch, 'backup');
    const manifest = await backup(
      { databaseUrl: kit.t.config.databaseUrl, uploadDir: kit.t.config.uploadDir },
      folder,
    );
    writing = false;
    await Promise.all(writers);
    expect(acked.length).toBeGreaterThan(beforeBackup.length);
    expect(manifest.files.count).toBeGreaterThan(0);
    // Readable by the server's user alone, whatever the umask (the default 022 would give 755/644).
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    for (const file of [manifest.database.file, 'manifest.json'])
      expect(statSync(join(folder, file)).mode & 0o777, file).toBe(0o600);

    // Into an empty database and an empty files directory.
    const empty =
      testDialect() === 'sqlite'
        ? { url: `sqlite:${join(scratch, 'restored.db')}`, drop: async () => {} }
        : await createTestDatabase();
    const target = { databaseUrl: empty.url, uploadDir: join(scratch, 'restored-files') };
    await restore(folder, target);
    // Never over something: a second restore into the now-full database is refused.
    await expect(restore(folder, { ...target, uploadDir: join(scratch, 'elsewhere') })).rejects.toThrow(
      /not empty/,
    );

    const restored = await buildApp(testConfig(target));
    try {
      expect((await migrateToLatest(restored.db, restored.dialect)).applied).toEqual([]);
      const petitions = await restored.db.selectFrom('petition').select(['id', 'number']).execute();
      const byId = new Map(petitions.map((p) => [p.id, p.number]));
      for (const p of beforeBackup) expect(byId.get(p.id), p.id).toBe(p.number);
      // Nothing that was not acknowledged, and no number twice.
      const ackedIds = new Set(acked.map((p) => p.id));
      expect(petitions.filter((p) => !ackedIds.has(p.id))).toEqual([]);
      expect(new Set(petitions.map((p) => p.number)).size).toBe(petitions.length);

      const files = await restored.db
        .selectFrom('attachment')
        .select(['id', 'storage_key', 'sha256', 'petition_id'])
        .execute();
      expect(files.filter((f) => f.petition_id !== null).length).toBeGreaterThan(0);
      for (const f of files) {
        const bytes = readFileSync(join(target.uploadDir, ...f.storage_key.split('/')));
        expect(createHash('sha256').update(bytes).digest('hex'), f.id).toBe(f.sha256);
      }
    } finally {
      await restored.close();
      await empty.drop();
    }
  }, 120_000);
});

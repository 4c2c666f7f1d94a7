import { join, resolve } from 'node:path';
import { loadConfig } from '../config';
import { backup, restore } from './backup';

/**
 * `pnpm backup [folder]` and `pnpm restore <folder>`: the database named by DATABASE_URL and the
 * files under UPLOAD_DIR, to or from one folder. A relative folder is taken from where the command
 * was typed (pnpm runs us in server/ and says where it was called in INIT_CWD).
 */
const [command, folder] = process.argv.slice(2);
const config = loadConfig();
const from = (path: string) => resolve(process.env.INIT_CWD ?? process.cwd(), path);
// Attachments in a bucket are the store's to keep (versioning, replication): docs/deployment.md.
const source = { databaseUrl: config.databaseUrl, uploadDir: config.s3 ? null : config.uploadDir };
if (config.s3) console.log(`Attachments are in the bucket ${config.s3.bucket}: only the database is copied.`);

try {
  if (command === 'backup') {
    const to = from(folder ?? join('backups', `xinfang-${new Date().toISOString().replace(/[:.]/g, '-')}`));
    const { database, files, dialect } = await backup(source, to);
    console.log(`Backed up to ${to}: ${database.bytes} bytes of ${dialect}, ${files.count} files.`);
  } else if (command === 'restore' && folder) {
    const manifest = await restore(from(folder), source);
    console.log(`Restored the backup of ${manifest.createdAt}: ${manifest.files.count} files.`);
  } else {
    console.error('Usage: pnpm backup [folder] | pnpm restore <folder>');
    process.exitCode = 2;
  }
} catch (error) {
  console.error(`${command} failed: ${(error as Error).message}`);
  process.exitCode = 1;
}

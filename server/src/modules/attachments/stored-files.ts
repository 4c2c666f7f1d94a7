import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import type { FileStorage, StoredFile } from '../../integrations/storage/file-storage';

/**
 * Removes the stored files of an upload no row names (any more), each whatever becomes of the
 * others: a file left so is a petitioner's photo nobody can reach. One the storage refuses is
 * logged at error level by its key (an id, no personal data) with `message`; the daily sweep
 * (`removeUnnamedUploadFiles`) tries it again. Returns how many were removed.
 */
export async function removeStoredFiles(
  storage: Pick<FileStorage, 'delete'>,
  keys: readonly (string | null)[],
  log: Pick<FastifyBaseLogger, 'error'>,
  message: string,
): Promise<number> {
  const present = keys.filter((key): key is string => key !== null);
  const results = await Promise.allSettled(present.map((key) => storage.delete(key)));
  results.forEach((result, i) => {
    if (result.status === 'rejected') log.error({ storageKey: present[i], err: result.reason }, message);
  });
  return results.filter((result) => result.status === 'fulfilled').length;
}

/** An upload's file: `attachments/YYYY/MM/<id>`, its thumbnail with `-thumb` (attachment.service). */
const UPLOAD_KEY = /^attachments\/\d{4}\/\d{2}\/([0-9A-Z]{26})(?:-thumb)?$/;
const BATCH = 200;

/**
 * Removes the upload files stored before `before` that no row names: what an upload that did not
 * commit could not remove (a crash between storing and committing, a COMMIT whose outcome was
 * unknown, a store that refused a delete) and a purged upload's file the store refused. Only
 * files older than `before` (a day ago): an upload in progress stores its files before its row
 * commits. Keys carry the upload's UTC month, so only the month `before` falls in and the one
 * before it are read: run daily, that is every file that can have been left since the last run.
 * Returns how many were removed.
 */
export async function removeUnnamedUploadFiles(
  deps: { db: Kysely<DB>; storage: FileStorage; log: Pick<FastifyBaseLogger, 'error'> },
  before: Date,
): Promise<number> {
  let removed = 0;
  for (const month of [monthBefore(before), before]) {
    const folder = `attachments/${month.toISOString().slice(0, 7).replace('-', '/')}/`;
    let batch: StoredFile[] = [];
    for await (const file of deps.storage.list(folder)) {
      if (file.modifiedAt >= before || !UPLOAD_KEY.test(file.key)) continue;
      batch.push(file);
      if (batch.length === BATCH) {
        removed += await removeUnnamed(deps, batch);
        batch = [];
      }
    }
    if (batch.length > 0) removed += await removeUnnamed(deps, batch);
  }
  return removed;
}

async function removeUnnamed(
  deps: Parameters<typeof removeUnnamedUploadFiles>[0],
  files: readonly StoredFile[],
): Promise<number> {
  const ids = [...new Set(files.map((file) => UPLOAD_KEY.exec(file.key)?.[1] ?? ''))];
  const rows = await deps.db
    .selectFrom('attachment')
    .select(['storage_key', 'thumbnail_key'])
    .where('id', 'in', ids)
    .execute();
  const named = new Set(rows.flatMap((row) => [row.storage_key, row.thumbnail_key]));
  const unnamed = files.map((file) => file.key).filter((key) => !named.has(key));
  return removeStoredFiles(deps.storage, unnamed, deps.log, 'file no upload names is left in storage');
}

/** The first moment of the UTC month before the one `at` is in. */
function monthBefore(at: Date): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() - 1, 1));
}

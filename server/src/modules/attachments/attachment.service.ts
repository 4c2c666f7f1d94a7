import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Attachment } from '@xinfang/shared/schemas/petitions';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { TargetScope } from '../../access/policy';
import type { Principal } from '../../access/principal';
import { recordAudit, SYSTEM_AUDIT_ACTOR } from '../../audit/audit-log';
import { DatabaseUnavailable } from '../../db/failures';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import {
  type Answer,
  findKeptRecord,
  type IdempotencyRequest,
  type KeptRecord,
  keepAnswer,
  renewKept,
} from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import { type FileAsk, openStored, type StoredFile } from '../../http/send-file';
import type { FileStorage } from '../../integrations/storage/file-storage';
import type { PiiCipher } from '../../security/pii';
import { loadPetition } from '../petitions/petition.repository';
import { petitionScope } from '../petitions/petition.scope';
import {
  type AttachmentRow,
  deleteIfUnused,
  findAttachment,
  findAttachmentOwnership,
  insertAttachment,
  toAttachment,
  unusedBefore,
  unusedSince,
} from './attachment.repository';
import { MediaRefused, processImage, sniff } from './media';
import { sanitizePdf } from './pdf/sanitize';
import { removeStoredFiles } from './stored-files';
import type { Spooled } from './upload-spool';

export { removeUnnamedUploadFiles } from './stored-files';

/**
 * Attachments: uploaded first, referenced by id when a petition is submitted or registered, then
 * served only to those who may see that petition — and never to the accused unit of an accusation
 * (信访工作条例 Art 30). Uploads nobody used are deleted after a day.
 */

/** How long an upload may wait, unused, for the petition it was made for. */
export const UNUSED_LIFETIME_MS = 24 * 60 * 60 * 1000;

export type AttachmentVariant = 'original' | 'thumbnail';

/** An upload's answer: made now, or kept from the first request under its Idempotency-Key. */
export type UploadAnswer = Answer<Attachment> & { replayed: boolean };

/** An answer kept under an upload's key, and whether the upload it names is still there. */
interface KeptUpload {
  record: KeptRecord<Attachment>;
  live: boolean;
}

/** An attachment opened for reading; its `filename` says nothing of the content or its sender. */
export interface OpenedAttachment extends StoredFile {
  row: AttachmentRow;
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
};

/** What is kept of an upload, and how it goes to the store. */
interface Kept {
  mime: string;
  width: number | null;
  height: number | null;
  thumbnail: Buffer | null;
  byteSize: number;
  sha256: string;
  store(key: string): Promise<void>;
}

/** The SHA-256 of a file, read as a stream. */
async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** What the attachment service works with — no more. */
export interface AttachmentServiceDeps {
  db: Kysely<DB>;
  /** Encrypts the answers kept under Idempotency-Keys. */
  pii: PiiCipher;
  /** Where the kept files and their thumbnails live. */
  storage: FileStorage;
  /** How many unused uploads of the last 24 hours one account may hold (UPLOAD_MAX_UNUSED). */
  uploadMaxUnused: number;
  /**
   * Told when a file the database names is missing from the storage, when one it no longer names
   * is left there, and (a warning) when an upload's files are kept though its commit may not have
   * landed.
   */
  log: Pick<FastifyBaseLogger, 'error' | 'warn'>;
}

export function createAttachmentService(deps: AttachmentServiceDeps) {
  const { db, pii, storage, log } = deps;

  /** 429 once the caller holds `uploadMaxUnused` uploads from the last 24 hours that no petition uses. */
  async function assertUnderCap(context: RequestContext, ownerId: string): Promise<void> {
    const cap = deps.uploadMaxUnused;
    const since = new Date(context.now.getTime() - UNUSED_LIFETIME_MS).toISOString();
    const unused = await unusedSince(db, ownerId, since, cap);
    const oldest = unused[0];
    if (unused.length < cap || !oldest) return;
    const freedAt = new Date(oldest.created_at).getTime() + UNUSED_LIFETIME_MS;
    throw new AppError('RATE_LIMITED', `未使用的附件已达 ${cap} 个，请先提交信访事项或稍后再试`, {
      retryAfterSeconds: Math.max(1, Math.ceil((freedAt - context.now.getTime()) / 1000)),
    });
  }

  /**
   * Keeps an upload that arrived whole in the spool. A photo is re-encoded from that file into
   * another, a PDF rewritten from it into another (pdf/sanitize.ts, in bounded chunks), and the
   * new file is streamed from there to the store: no upload is held whole in memory.
   *
   * Under an Idempotency-Key (`idem`) the answer is kept in the upload's own transaction, so both
   * commit or neither does, and a retry gets the first answer. Two copies at once both process
   * their file; the second to commit fails on the key's record, rolls back, removes its files and
   * answers as the first did (SQLite's single writer makes it wait, then fail the same way).
   *
   * Files are removed only when the transaction surely did not commit: when the COMMIT itself
   * fails (a connection lost during it, MySQL error 1180), the row may be in, and its files stay.
   */
  async function upload(
    context: RequestContext,
    owner: Principal,
    received: Spooled,
    idem: IdempotencyRequest | null = null,
  ): Promise<UploadAnswer> {
    const kept = idem && (await keptUpload(idem));
    if (kept?.live) return kept.record.answer;
    // The answer is kept 48 hours, an unused upload a day: when the purge has removed the one it
    // names, the retry is made anew (the app re-sends a draft's photos under their keys when its
    // submission finds them gone), and counts against the cap like any new upload.
    if (kept) await assertUnderCap(context, owner.id);
    const sniffed = sniff(await received.head(16));
    if (!sniffed) throw unsupported();
    const id = newId(context.now.getTime());
    const at = context.now.toISOString();
    const key = `attachments/${at.slice(0, 4)}/${at.slice(5, 7)}/${id}`;

    let stored: Kept;
    const output = received.beside('kept');
    if (sniffed.kind === 'pdf') {
      const pdf = await pdfToKeep(received.path, output);
      stored = {
        mime: 'application/pdf',
        width: null,
        height: null,
        thumbnail: null,
        ...pdf,
        store: (to) => storage.putFile(to, output),
      };
    } else {
      try {
        const image = await processImage(received.path, sniffed.format, output);
        stored = {
          ...image,
          sha256: await sha256Of(output),
          store: (to) => storage.putFile(to, output),
        };
      } catch (error) {
        if (!(error instanceof MediaRefused)) throw error;
        if (error.reason === 'too_many_pixels') {
          throw new AppError('PAYLOAD_TOO_LARGE', '图片像素过多，请缩小后再上传');
        }
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', '图片已损坏或无法读取，请重新拍摄或选择');
      }
    }
    const { thumbnail } = stored;
    const row: AttachmentRow = {
      id,
      owner_type: owner.kind,
      owner_id: owner.id,
      petition_id: null,
      kind: sniffed.kind,
      mime: stored.mime,
      byte_size: stored.byteSize,
      sha256: stored.sha256,
      storage_key: key,
      thumbnail_key: thumbnail ? `${key}-thumb` : null,
      width: stored.width,
      height: stored.height,
      created_at: at,
    };

    await stored.store(row.storage_key);
    const made = { status: 201, body: toAttachment(row) };
    // Set once every statement of the transaction ran: a failure after it is the COMMIT's own.
    let committing = false;
    try {
      if (thumbnail && row.thumbnail_key) await storage.put(row.thumbnail_key, thumbnail);
      await db.transaction().execute(async (trx) => {
        await insertAttachment(trx, row);
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'attachment.upload',
            outcome: 'success',
            target: { type: 'attachment', id },
            details: { kind: row.kind, mime: row.mime, byteSize: row.byte_size },
          },
          context.now,
        );
        if (idem && !kept) await keepAnswer(trx, pii, idem, made, context.now);
        // Only the stale answer as read is replaced: a retry that renewed it first wins (below).
        if (idem && kept && !(await renewKept(trx, pii, idem, kept.record, made, context.now))) {
          throw new AppError('IDEMPOTENCY_IN_PROGRESS', '这个文件正在上传，请稍后再试');
        }
        committing = true;
      });
    } catch (error) {
      // The COMMIT itself failed: what it would have kept may be in (see `landed`).
      if (committing) {
        if (await landed(row)) return { ...made, replayed: false };
        throw error;
      }
      await removeStoredFiles(storage, [row.storage_key, row.thumbnail_key], log, NOT_KEPT_LEFT);
      // A copy of this request under the same key committed first: answer as it did. When the
      // database cannot be asked either, the first error is the one to answer with.
      const winner =
        idem &&
        (await keptUpload(idem).catch((lookup: unknown) => {
          if (lookup instanceof DatabaseUnavailable) return null;
          throw lookup;
        }));
      if (winner?.live) return winner.record.answer;
      throw error;
    }
    return { ...made, replayed: false };
  }

  /** The answer kept under an upload's key (throws on the key's reuse for other bytes), or null. */
  async function keptUpload(idem: IdempotencyRequest): Promise<KeptUpload | null> {
    const record = await findKeptRecord<Attachment>(db, pii, idem);
    if (!record) return null;
    return { record, live: (await findAttachment(db, record.answer.body.id)) !== undefined };
  }

  /**
   * The part `ask` wants of an attachment the access check has already let the caller see, read
   * from storage as it goes out. Staff reads are audited.
   */
  async function open(
    context: RequestContext,
    viewer: Principal,
    id: string,
    variant: AttachmentVariant,
    ask: FileAsk,
  ): Promise<OpenedAttachment> {
    const row = await findAttachment(db, id);
    const key = variant === 'original' ? row?.storage_key : row?.thumbnail_key;
    if (!row || !key) throw new AppError('NOT_FOUND', '没有找到这个附件');
    // The original's SHA-256 is kept with it; a thumbnail's tag comes from what storage tells.
    const file = await openStored(storage, key, ask, variant === 'original' ? `"${row.sha256}"` : undefined);
    if (!file) {
      log.error({ attachmentId: id, variant }, 'attachment file is missing from storage');
      throw new AppError('NOT_FOUND', '没有找到这个附件');
    }
    if (viewer.kind === 'staff') {
      try {
        await recordAudit(
          db,
          context.actor,
          {
            action: 'attachment.view',
            outcome: 'success',
            target: { type: 'attachment', id },
            details: { petitionId: row.petition_id, variant },
            petitionId: row.petition_id,
          },
          context.now,
        );
      } catch (error) {
        // Nobody will read the stream: close its file or socket.
        file.stream?.destroy();
        throw error;
      }
    }
    const mime = variant === 'original' ? row.mime : 'image/jpeg';
    const suffix = variant === 'original' ? '' : '-thumbnail';
    return { ...file, row, mime, filename: `attachment-${id}${suffix}.${EXTENSIONS[mime] ?? 'bin'}` };
  }

  /**
   * Whether an upload whose COMMIT failed is in the database after all (it landed before the
   * connection was lost). When it is not seen, or cannot be asked, the outcome is unknown: on
   * MySQL a COMMIT the server received may still land. Its files are then kept, as the row may
   * name them and a retry under the key replay it; each is logged, and the daily sweep
   * (`removeUnnamedUploadFiles`) removes them once a day has passed with no row naming them.
   */
  async function landed(row: AttachmentRow): Promise<boolean> {
    const found = await findAttachment(db, row.id).then(
      (r) => r !== undefined,
      () => false,
    );
    if (found) return true;
    for (const key of [row.storage_key, row.thumbnail_key]) {
      if (key) log.warn({ attachmentId: row.id, storageKey: key }, UNKNOWN_COMMIT_KEPT);
    }
    return false;
  }

  return { assertUnderCap, upload, open };
}

const NOT_KEPT_LEFT = 'file of an upload not kept is left in storage';
const UNKNOWN_COMMIT_KEPT = 'file of an upload whose commit failed is kept: it may have landed';
const PURGED_LEFT = 'file of a purged upload is left in storage';

/** The PDF as kept, written to `output` (pdf/sanitize.ts), or the refusal in the petitioner's words. */
async function pdfToKeep(input: string, output: string) {
  try {
    return await sanitizePdf(input, output);
  } catch (error) {
    if (!(error instanceof MediaRefused)) throw error;
    if (error.reason === 'active_content') {
      throw new AppError(
        'UNSUPPORTED_MEDIA_TYPE',
        '这个 PDF 含有脚本、附件或自动执行的内容，不能上传。请用“打印为 PDF”另存一份后再上传',
      );
    }
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'PDF 文件已损坏、不完整或已加密，请另存一份后再上传');
  }
}

function unsupported(): AppError {
  return new AppError('UNSUPPORTED_MEDIA_TYPE', '只能上传 JPEG、PNG、WebP、GIF 图片或 PDF 文件');
}

/**
 * Who may see an attachment, for the access check. Unused: its uploader alone. In a petition:
 * whoever may see the petition, except staff of the unit an accusation accuses (Art 30), for whom
 * it does not exist, and the petitioner when an internal event brought it (an assisting unit's
 * answer, Art 24).
 */
export async function attachmentScope(
  db: Kysely<DB>,
  id: string,
  viewer: Principal | null,
): Promise<TargetScope | null> {
  const found = await findAttachmentOwnership(db, id);
  if (!found) return null;
  if (found.petition_id === null) return { ownerId: found.owner_id, units: [], hideExistence: true };
  if (viewer?.kind === 'staff' && found.petition_kind === 'accusation') {
    const loaded = await loadPetition(db, found.petition_id);
    if (!loaded || accuserHiddenFor(loaded.petition, viewer)) return null;
  }
  const scope = await petitionScope(db, found.petition_id);
  if (!scope || found.visibility === 'petitioner') return scope;
  const { ownerId: _petitioner, ...staffOnly } = scope;
  return staffOnly;
}

/**
 * Deletes uploads made before `before` that no petition uses, with their files; returns how many.
 * The row goes first, and only while still unused, so a petition claiming an upload at the same
 * moment keeps it; a crash between the two leaves an orphaned file (the sweep's to remove,
 * `removeUnnamedUploadFiles`), never a row without its file that someone could still attach. A
 * file the storage refuses to remove is logged by its key, and the run goes on with the others.
 */
export async function purgeUnusedAttachments(
  deps: Pick<AttachmentServiceDeps, 'db' | 'storage' | 'log'>,
  before: Date,
): Promise<number> {
  const { db, storage, log } = deps;
  const cutoff = before.toISOString();
  let purged = 0;
  for (;;) {
    const batch = await unusedBefore(db, cutoff, 200);
    if (batch.length === 0) break;
    let deletedInBatch = 0;
    for (const row of batch) {
      if (!(await deleteIfUnused(db, row.id))) continue;
      deletedInBatch += 1;
      await removeStoredFiles(storage, [row.storage_key, row.thumbnail_key], log, PURGED_LEFT);
    }
    purged += deletedInBatch;
    if (deletedInBatch === 0 || batch.length < 200) break;
  }
  if (purged > 0) {
    await recordAudit(db, SYSTEM_AUDIT_ACTOR, {
      action: 'attachment.purge',
      outcome: 'success',
      details: { count: purged, before: cutoff },
    });
  }
  return purged;
}

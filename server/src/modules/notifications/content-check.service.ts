import type { Readable } from 'node:stream';
import type { ContentCheck } from '@xinfang/shared/schemas/notifications';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import type { FileStorage } from '../../integrations/storage/file-storage';
import { readVerdict } from '../../integrations/wechat/content-security';
import { findCheck, photoAwaitingCheck } from './content-check.repository';
import type { ContentChecks } from './content-checks';

/** What the content-check service works with — no more. */
export interface ContentCheckServiceDeps {
  db: Kysely<DB>;
  checks: Pick<ContentChecks, 'judged' | 'openPhotoToken' | 'held' | 'release'>;
  storage: Pick<FileStorage, 'get'>;
}

/**
 * What the content-security routes do: take WeChat's pushed verdicts on photos, hand WeChat a
 * photo waiting for its check, and for staff list what is held for review and release it.
 */
export function createContentCheckService(deps: ContentCheckServiceDeps) {
  const { db, checks } = deps;

  /** An event WeChat pushed (its signature already verified): a photo check's verdict lands on its check. */
  async function pushed(event: Record<string, unknown>, now: Date): Promise<void> {
    if (event.Event !== 'wxa_media_check' || typeof event.trace_id !== 'string') return;
    const verdict = readVerdict(event.result);
    const check = await findCheck(db, { traceId: event.trace_id });
    if (check && verdict) {
      await db.transaction().execute((trx) => checks.judged(trx, check, verdict, now));
    }
  }

  /**
   * The photo a signed, unexpired token names, while its check still waits; else not found. The
   * read is audited as the system's (WeChat fetched it for the check we asked of it), from where.
   */
  async function photo(
    token: string,
    actor: AuditActor,
    now: Date,
  ): Promise<{ mime: string; stream: Readable }> {
    const attachmentId = checks.openPhotoToken(token, now);
    const waiting = attachmentId ? await photoAwaitingCheck(db, attachmentId) : undefined;
    const stream = waiting ? await deps.storage.get(waiting.storage_key) : null;
    if (!attachmentId || !waiting || !stream) throw new AppError('NOT_FOUND', '没有找到');
    try {
      await recordAudit(
        db,
        actor,
        {
          action: 'attachment.view',
          outcome: 'success',
          target: { type: 'attachment', id: attachmentId },
          details: { variant: 'original', reader: 'wechat_media_check' },
          petitionId: waiting.petition_id,
        },
        now,
      );
    } catch (error) {
      stream.destroy();
      throw error;
    }
    return { mime: waiting.mime, stream };
  }

  /** What is held for review in petitions this staff member may see, oldest first. */
  function held(staff: StaffPrincipal): Promise<ContentCheck[]> {
    return checks.held(db, staff);
  }

  /** Releases held content after review, audited with who reviewed it. */
  function release(
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    checkId: string,
  ): Promise<ContentCheck> {
    return checks.release(db, context, staff, petitionId, checkId);
  }

  return { pushed, photo, held, release };
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Petition } from '@xinfang/shared/lifecycle';
import type { ContentCheck } from '@xinfang/shared/schemas/notifications';
import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit, SYSTEM_AUDIT_ACTOR } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { ContentCheckTable, DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import type { Verdict } from '../../integrations/wechat/content-security';
import { loadPetition } from '../petitions/petition.repository';
import {
  type ContentCheckRow,
  findCheck,
  heldChecks,
  insertCheck,
  photosOf,
  releaseHeld,
  settle,
} from './content-check.repository';
import type { NotifiableChange } from './effect';
import type { Contact } from './notification.repository';
import { type Notice, type Notifier, outboxRow } from './notifier';
import { insertOutbox } from './outbox.repository';
import { staffAudience } from './staff-audience';

type Db = Kysely<DB> | Transaction<DB>;
type Trx = Transaction<DB>;

/**
 * WeChat's content security for what WeChat users publish through the mini-program: the text of
 * an online petition and of their messages (`msgSecCheck`), and the photos of the petition
 * (`mediaCheckAsync`). Each check is an outbox row, so it is retried like a message and never
 * holds up the petition: it is already registered (Art 21) when the check runs, and a check that
 * cannot be made (WeChat down for good, the person not seen for two hours) is recorded as not made.
 *
 * A `risky` or `review` verdict holds the content for staff review: the petition goes on being
 * handled, the petitioner is told plainly, and reception sees it in its review list until someone
 * releases it. Nothing is ever dropped.
 */
export type ContentChecks = ReturnType<typeof createContentChecks>;

export const TEXT_CHECK = 'wechat_text_check';
export const MEDIA_CHECK = 'wechat_media_check';

export interface ContentChecksOptions {
  enabled: boolean;
  notifier: Notifier;
  /** Where WeChat downloads photos from; null when this server is not public (photos go unchecked). */
  publicBaseUrl: string | null;
  /** True when WeChat can push verdicts to us (a push Token is configured, or the stand-in answers at once). */
  canReceiveVerdicts: boolean;
  /** Signs photo URLs for WeChat. */
  urlKey: Buffer;
}

export function createContentChecks(options: ContentChecksOptions) {
  /**
   * Records the checks a change calls for: an online petition's text, a petitioner's message.
   * `petitioner` is the petitioner's contact when the caller has read it already.
   */
  async function enqueueFor(trx: Trx, change: NotifiableChange, petitioner?: Contact): Promise<void> {
    if (!options.enabled) return;
    const firstSeq = change.after.events.length - change.events.length + 1;
    const subjects = change.events.flatMap(
      (event, i): { subject: ContentCheckTable['subject']; ref: string | null }[] => {
        if (event.type === 'registered' && event.data.channel === 'online')
          return [{ subject: 'petition', ref: null }];
        if (event.type === 'petitioner_wrote') return [{ subject: 'message', ref: String(firstSeq + i) }];
        return [];
      },
    );
    if (subjects.length === 0) return;
    const openid =
      petitioner?.type === 'petitioner' && petitioner.id === change.after.petitionerId
        ? petitioner.openid
        : await openidOf(trx, change.after.petitionerId);
    // WeChat's rule covers what its users publish in the mini-program; h5 and staff-registered text is not theirs to check.
    if (!openid) return;
    for (const { subject, ref } of subjects) {
      await record(trx, change.after, subject, ref, TEXT_CHECK, change.now);
    }
  }

  async function record(
    trx: Db,
    petition: Pick<Petition, 'id' | 'petitionerId'>,
    subject: ContentCheckTable['subject'],
    ref: string | null,
    channel: string,
    now: Date,
  ): Promise<void> {
    const id = newId(now.getTime());
    await insertCheck(trx, {
      id,
      petition_id: petition.id,
      petitioner_id: petition.petitionerId,
      subject,
      subject_ref: ref,
      status: 'pending',
      suggest: null,
      label: null,
      trace_id: null,
      created_at: now.toISOString(),
      checked_at: null,
      reviewed_by: null,
      reviewed_at: null,
    });
    await insertOutbox(trx, [
      outboxRow({
        notificationId: null,
        channel,
        recipient: { type: 'petitioner', id: petition.petitionerId },
        event: `check_${subject}`,
        payload: { checkId: id },
        statutory: false,
        dueAt: now,
        now,
      }),
    ]);
  }

  /**
   * After a petition's text was checked (or could not be): its photos are checked next, now that
   * they belong to it; likewise the photos a message brought (补充材料) after the message. Without a
   * public address or a way to receive verdicts they stay unchecked.
   */
  async function enqueuePhotos(trx: Trx, check: ContentCheckRow, now: Date): Promise<void> {
    if (check.subject === 'photo' || !options.publicBaseUrl || !options.canReceiveVerdicts) return;
    const petition = { id: check.petition_id, petitionerId: check.petitioner_id };
    const photos = await photosOf(trx, check.petition_id);
    const sent = check.subject === 'message' ? await sentWith(trx, check) : null;
    for (const photo of sent ? photos.filter((id) => sent.includes(id)) : photos) {
      await record(trx, petition, 'photo', photo, MEDIA_CHECK, now);
    }
  }

  /**
   * A verdict arrived (at once for text, by push for photos): pass, or hold and tell people. Held
   * content is hidden until reviewed: audited, as WeChat's doing through the system.
   */
  async function judged(
    trx: Trx,
    check: ContentCheckRow,
    verdict: Verdict & { traceId?: string },
    now: Date,
  ) {
    const held = verdict.suggest !== 'pass';
    const settled = await settle(trx, check.id, {
      status: held ? 'held' : 'passed',
      suggest: verdict.suggest,
      label: verdict.label,
      ...(verdict.traceId ? { trace_id: verdict.traceId } : {}),
      checked_at: now.toISOString(),
    });
    if (!held || !settled) return;
    await recordAudit(
      trx,
      SYSTEM_AUDIT_ACTOR,
      {
        action: 'content.hold',
        outcome: 'success',
        target: { type: 'petition', id: check.petition_id },
        details: {
          checkId: check.id,
          subject: check.subject,
          suggest: verdict.suggest,
          label: verdict.label,
        },
      },
      now,
    );
    await tellHeld(trx, check, now);
  }

  /** The check could not be made; the content stands as it came. */
  async function unchecked(db: Db, check: ContentCheckRow, now: Date): Promise<void> {
    await settle(db, check.id, { status: 'unchecked', checked_at: now.toISOString() });
  }

  async function tellHeld(trx: Trx, check: ContentCheckRow, now: Date): Promise<void> {
    const loaded = await loadPetition(trx, check.petition_id);
    if (!loaded) return;
    const { petition, row } = loaded;
    const facts = {
      number: row.number,
      petitionId: petition.id,
      at: now.toISOString(),
      subject: check.subject,
    };
    const staff = await staffAudience(trx, petition, [
      { unitId: petition.units.receiving.id, roles: ['reception'] },
      ...(petition.units.handling
        ? [{ unitId: petition.units.handling.id, roles: ['handler', 'unit_head'] as const }]
        : []),
    ]);
    const notices: Notice[] = [
      { recipient: { type: 'petitioner', id: petition.petitionerId }, event: 'content_held', facts },
      ...staff.map((id): Notice => ({ recipient: { type: 'staff', id }, event: 'content_review', facts })),
    ];
    await options.notifier.notify(trx, notices, now);
  }

  /** The uploads the message a check is about brought with it. */
  async function sentWith(trx: Trx, check: ContentCheckRow): Promise<string[]> {
    const event = (await loadPetition(trx, check.petition_id))?.petition.events[
      Number(check.subject_ref) - 1
    ];
    return event?.type === 'petitioner_wrote' ? (event.data.attachmentIds ?? []) : [];
  }

  /** A signed, expiring address WeChat may download one photo from (and nothing else). */
  function photoUrl(attachmentId: string, now: Date): string | null {
    if (!options.publicBaseUrl) return null;
    const expires = Math.floor(now.getTime() / 1000) + 3600;
    const token = `${attachmentId}.${expires}.${sign(`${attachmentId}.${expires}`)}`;
    return `${options.publicBaseUrl}/api/wechat/media/${token}`;
  }

  /** The attachment a photo URL names, if its signature holds and it has not expired. */
  function openPhotoToken(token: string, now: Date): string | null {
    const [id = '', expires = '', signature = ''] = token.split('.');
    if (!/^[0-9A-Z]{26}$/.test(id) || !/^\d+$/.test(expires) || Number(expires) * 1000 < now.getTime())
      return null;
    const expected = Buffer.from(sign(`${id}.${expires}`));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected) ? id : null;
  }

  function sign(text: string): string {
    return createHmac('sha256', options.urlKey).update(text).digest('base64url');
  }

  /** What is held for review in petitions this staff member may see (Art 30 included). */
  async function held(db: Kysely<DB>, staff: StaffPrincipal): Promise<ContentCheck[]> {
    return (await heldChecks(db, staff, 200)).map((row) => toCheck(row, row.number));
  }

  /** Releases held content after review, audited; releasing it again answers as it stands. */
  async function release(
    db: Kysely<DB>,
    context: RequestContext,
    staff: StaffPrincipal,
    petitionId: string,
    checkId: string,
  ): Promise<ContentCheck> {
    return db.transaction().execute(async (trx) => {
      const check = await findCheck(trx, { id: checkId });
      if (!check || check.petition_id !== petitionId) throw new AppError('NOT_FOUND', '没有找到这项审核');
      if (check.status !== 'held' && check.status !== 'released') {
        throw new AppError('VALIDATION_FAILED', '这项内容没有待审核', [
          { path: '/params/checkId', message: `is ${check.status}, not held` },
        ]);
      }
      if (await releaseHeld(trx, checkId, petitionId, staff.id, context.now.toISOString())) {
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'content.release',
            outcome: 'success',
            target: { type: 'petition', id: petitionId },
            details: { checkId },
          },
          context.now,
        );
      }
      const row = (await findCheck(trx, { id: checkId })) as ContentCheckRow;
      const petition = await trx
        .selectFrom('petition')
        .select('number')
        .where('id', '=', petitionId)
        .executeTakeFirstOrThrow();
      return toCheck(row, petition.number);
    });
  }

  return { enqueueFor, enqueuePhotos, judged, unchecked, photoUrl, openPhotoToken, held, release };
}

function toCheck(row: ContentCheckRow, number: string): ContentCheck {
  return {
    id: row.id,
    petitionId: row.petition_id,
    petitionNumber: number,
    subject: row.subject,
    status: row.status,
    suggest: row.suggest,
    label: row.label,
    attachmentId: row.subject === 'photo' ? row.subject_ref : null,
    createdAt: row.created_at,
    checkedAt: row.checked_at,
  };
}

async function openidOf(db: Db, petitionerId: string): Promise<string | null> {
  const row = await db
    .selectFrom('petitioner_account')
    .select('wechat_openid')
    .where('id', '=', petitionerId)
    .executeTakeFirst();
  return row?.wechat_openid ?? null;
}

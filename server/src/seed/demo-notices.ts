import { addDays, beijingDate } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../access/principal';
import { createUnreachedService } from '../modules/notifications/unreached.service';
import type { caseSeeder } from './demo-case-seeder';

type Seeder = Awaited<ReturnType<typeof caseSeeder>>;

const DAY = 24 * 3600_000;

/** The registered-post number on the demo's postal receipt (演示: not a real one). */
const DEMO_TRACKING_NO = 'XA00000000001';

/**
 * An acceptance notice (Art 23 ¶2) no channel could carry — the petitioner gave an address and no
 * phone — which the desk posted by registered mail and recorded when the postal receipt came back,
 * through the service the 未送达的法定告知 page uses: it no longer shows on that list.
 */
export async function seedDemoPostedNotice(
  app: FastifyInstance,
  seeder: Seeder,
  petitionId: string,
  now: Date,
): Promise<void> {
  const notice = await app.db
    .selectFrom('notification')
    .select('id')
    .where('petition_id', '=', petitionId)
    .where('event', '=', 'accepted')
    .where('recipient_type', '=', 'petitioner')
    .executeTakeFirst();
  if (!notice) return; // notifications switched off: no notice, nothing to deliver
  const context = seeder.contextAt('ds.reception', 4 * DAY);
  await createUnreachedService({ db: app.db, calendar: app.calendar }).reached(
    context,
    context.principal as StaffPrincipal,
    notice.id,
    {
      method: 'post',
      reachedOn: addDays(beijingDate(now.toISOString()), -5),
      trackingNo: DEMO_TRACKING_NO,
      note: '挂号信寄往来信地址，已凭邮局回执确认送达',
    },
  );
}

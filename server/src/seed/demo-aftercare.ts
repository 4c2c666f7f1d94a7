import { addDays, beijingDate } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../access/principal';
import { createAftercareService } from '../modules/aftercare/aftercare.service';
import { receptionDeps } from '../modules/reception/reception.deps';
import { createReceptionService } from '../modules/reception/reception.service';
import type { caseSeeder } from './demo-case-seeder';

type Seeder = Awaited<ReturnType<typeof caseSeeder>>;

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The follow-ups (回访) of the demo's history: its cases concluded over the past year, and their
 * units called the petitioners back — all but those concluded in the last fortnight, which are
 * still open in the mines' 回访 lists. Each outcome is recorded through the service, two days
 * before it was due, by the head of the mine that handled the case; 西河煤矿's petitioners said
 * more often than 东山煤矿's that their matter was only partly settled.
 */
export async function seedDemoFollowUps(app: FastifyInstance, seeder: Seeder, now: Date): Promise<number> {
  const service = createAftercareService({ db: app.db, calendar: app.calendar });
  const today = beijingDate(now.toISOString());
  const due = await app.db
    .selectFrom('follow_up')
    .innerJoin('org_unit', 'org_unit.id', 'follow_up.unit_id')
    .select(['follow_up.id', 'follow_up.due_date', 'follow_up.created_at', 'org_unit.code'])
    .where('follow_up.recorded_at', 'is', null)
    .where('follow_up.due_date', '<', today)
    .orderBy('follow_up.due_date')
    .orderBy('follow_up.id')
    .execute();
  // Counted per mine, so that each mine's pattern of answers stays the same whatever the other has.
  const made = { 'ds.head': 0, 'xh.head': 0 };
  for (const row of due) {
    const head = row.code.startsWith('JA-XH') ? 'xh.head' : 'ds.head';
    const i = made[head]++;
    const partly = head === 'xh.head' ? i % 5 < 2 : i % 5 === 4;
    // Two days before it was due, and never before the case concluded.
    const followedOn = [addDays(row.due_date, -2), beijingDate(row.created_at)].sort().at(-1) as string;
    const context = seeder.contextAt(head, now.getTime() - Date.parse(`${followedOn}T10:00:00+08:00`));
    await service.record(context, context.principal as StaffPrincipal, row.id, {
      method: i % 3 === 0 ? 'visit' : 'phone',
      followedOn,
      petitionerSaid: partly ? '问题解决了一部分，希望后续继续关注。' : '问题已经解决，对办理结果满意。',
      satisfied: !partly,
    });
  }
  return due.length;
}

/**
 * A leader's reception day yesterday, booked by 李娜 four days before: the leader received her, and
 * the desk registered the visit from the booking this morning — the booking shows it received,
 * with its case number, and the case waits in the group office's triage.
 */
export async function seedDemoReceivedBooking(
  app: FastifyInstance,
  seeder: Seeder,
  now: Date,
): Promise<void> {
  const reception = createReceptionService(receptionDeps(app));
  const desk = seeder.principal('reception') as StaffPrincipal;
  const yesterday = beijingDate(new Date(now.getTime() - DAY).toISOString());
  const { body: day } = await reception.publish(
    seeder.contextAt('reception', 6 * DAY),
    desk,
    {
      leaderId: seeder.principal('leader').id,
      date: yesterday,
      place: '集团信访接待室（办公楼一层）',
      topics: '职工住房、工资待遇',
      slots: [{ from: '09:00', to: '09:30', capacity: 2 }],
    },
    { scope: 'demo-seed', key: 'demo-reception-day', requestHash: yesterday },
  );
  const worker = seeder.principal('13800000002');
  const booking = await reception.book(seeder.contextAt('13800000002', 4 * DAY), worker.id, day.id, {
    version: day.version,
    slot: 0,
    topic: '反映矿工新村宿舍漏雨，多次报修未修',
  });
  await reception.receive(
    seeder.contextAt('reception', 2 * HOUR),
    desk,
    day.id,
    booking.id,
    {
      kind: 'request',
      categoryCode: 'housing',
      title: '矿工新村宿舍屋顶漏雨多次报修未修',
      content:
        '接访时反映：西河镇矿工新村 12 号宿舍屋顶漏雨，雨天屋内接水，去年起多次报修无人处理，请求尽快维修。',
    },
    { scope: 'demo-seed', key: 'demo-received-booking', requestHash: booking.id },
  );
}

/**
 * A reception day the office cancelled: published for five days on, booked by 王秀英, then called
 * off this morning because the leader must go to the province. The desk's 接访日 shows it cancelled
 * with the reason; she reads in 消息 that it will not take place, and may book another day.
 */
export async function seedDemoCancelledDay(app: FastifyInstance, seeder: Seeder, now: Date): Promise<void> {
  const reception = createReceptionService(receptionDeps(app));
  const desk = seeder.principal('reception') as StaffPrincipal;
  const date = beijingDate(new Date(now.getTime() + 5 * DAY).toISOString());
  const { body: day } = await reception.publish(
    seeder.contextAt('reception', 3 * DAY),
    desk,
    {
      leaderId: seeder.principal('leader').id,
      date,
      place: '西河煤矿职工之家二楼',
      topics: '棚户区改造、供暖',
      slots: [{ from: '14:30', to: '16:00', capacity: 3 }],
    },
    { scope: 'demo-seed', key: 'demo-cancelled-reception-day', requestHash: date },
  );
  const resident = seeder.principal('13900000003');
  await reception.book(seeder.contextAt('13900000003', 2 * DAY), resident.id, day.id, {
    version: day.version,
    slot: 0,
    topic: '反映西河镇老旧小区冬季供暖不热',
  });
  await reception.cancelDay(seeder.contextAt('reception', 3 * HOUR), desk, day.id, {
    reason: '陈国栋同志当天要去省里开会，改期后另行公布',
  });
}

import { addDays, beijingDate } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../access/principal';
import { receptionDeps } from '../modules/reception/reception.deps';
import { releasePastBookings } from '../modules/reception/reception.lapse';
import { createReceptionService } from '../modules/reception/reception.service';
import type { caseSeeder } from './demo-case-seeder';

type Seeder = Awaited<ReturnType<typeof caseSeeder>>;

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/** Where 东山煤矿's head receives people, the time 王秀英 booked, 李娜's new one (demo tour). */
export const DEMO_CHANGED_DAY = {
  place: '东山煤矿矿办公楼 105 室',
  booked: { from: '09:00', to: '09:30' },
  /** Where 李娜's 09:30–10:00 went. */
  moved: { from: '10:00', to: '10:30' },
} as const;

/**
 * A reception day changed after it was booked: 东山煤矿's desk published its head's day three
 * days on; 王秀英, whose other day was called off this morning (seedDemoCancelledDay), booked
 * 09:00–09:30 on it, and 李娜 09:30–10:00; then the desk added an earlier 08:30 slot and moved
 * the last one to 10:00. 王秀英's booking keeps its time, now the day's second slot, and her 消息
 * says so (reception.day-change.ts); 李娜's moves to 10:00–10:30 and she has not yet said whether
 * she comes: the desk sees her to call, her 领导接访日 asks her. Seeded after that cancellation:
 * a petitioner holds one booking at a time.
 */
export async function seedDemoChangedDay(app: FastifyInstance, seeder: Seeder, now: Date): Promise<void> {
  const reception = createReceptionService(receptionDeps(app));
  const desk = seeder.principal('ds.reception') as StaffPrincipal;
  const date = addDays(beijingDate(now.toISOString()), 3);
  const day = {
    leaderId: seeder.principal('ds.head').id,
    date,
    place: DEMO_CHANGED_DAY.place,
    topics: '矿区居民生活、职工待遇',
  };
  const booked = { ...DEMO_CHANGED_DAY.booked, capacity: 2 };
  const { body: published } = await reception.publish(
    seeder.contextAt('ds.reception', 4 * DAY),
    desk,
    { ...day, slots: [booked, { from: '09:30', to: '10:00', capacity: 2 }] },
    { scope: 'demo-seed', key: 'demo-changed-reception-day', requestHash: date },
  );
  const resident = seeder.principal('13900000003');
  await reception.book(seeder.contextAt('13900000003', 2 * HOUR), resident.id, published.id, {
    version: published.version,
    slot: 0,
    topic: '反映矿区路夜间运煤车辆噪声扰民',
  });
  const worker = seeder.principal('13800000002');
  await reception.book(seeder.contextAt('13800000002', 90 * 60_000), worker.id, published.id, {
    version: published.version,
    slot: 1,
    topic: '反映矿工新村到矿上的通勤班车太少',
  });
  await reception.change(
    seeder.contextAt('ds.reception', HOUR),
    desk,
    published.id,
    {
      ...day,
      version: published.version,
      reason: '来访群众较多，孙建国矿长提前半小时开始接访；九点半有会，最后一段改到十点',
      slots: [
        { from: '08:30', to: '09:00', capacity: 2 },
        booked,
        { ...DEMO_CHANGED_DAY.moved, capacity: 2 },
      ],
    },
    { scope: 'demo-seed', key: 'demo-changed-reception-day-change', requestHash: date },
  );
}

/** The group's reception day three days ago (demo tour): its place, and the visit received there. */
export const DEMO_PAST_DAY = {
  place: '集团信访接待室（办公楼一层）',
  topics: '居民区环境、职工生活',
  received: '矿区路夜间路灯损坏多日未修',
} as const;

/**
 * A reception day three days ago, which the group's desk closed only in part: 陈国栋 received
 * 王秀英, and the desk registered her visit through 登记来访 that morning — its case says
 * 「领导接访：陈国栋，…」 to staff (Art 18); 张伟's booking the desk never recorded. Once the day
 * was over it stopped holding him (released as the aftercare job does): he reads 已过期 and may
 * book again; the desk, which lists past days for a week, sees 「当天未登记」. Seeded before the
 * changed day: 王秀英, received here, books that day after.
 */
export async function seedDemoPastDay(app: FastifyInstance, seeder: Seeder, now: Date): Promise<void> {
  const reception = createReceptionService(receptionDeps(app));
  const desk = seeder.principal('reception') as StaffPrincipal;
  const date = beijingDate(new Date(now.getTime() - 3 * DAY).toISOString());
  const { body: day } = await reception.publish(
    seeder.contextAt('reception', 7 * DAY),
    desk,
    {
      leaderId: seeder.principal('leader').id,
      date,
      place: DEMO_PAST_DAY.place,
      topics: DEMO_PAST_DAY.topics,
      slots: [
        { from: '09:00', to: '09:30', capacity: 2 },
        { from: '09:30', to: '10:00', capacity: 2 },
      ],
    },
    { scope: 'demo-seed', key: 'demo-past-reception-day', requestHash: date },
  );
  const resident = seeder.principal('13900000003');
  const received = await reception.book(seeder.contextAt('13900000003', 6 * DAY), resident.id, day.id, {
    version: day.version,
    slot: 0,
    topic: '反映矿区路路灯坏了没人修',
  });
  const worker = seeder.principal('13800000001');
  await reception.book(seeder.contextAt('13800000001', 5 * DAY), worker.id, day.id, {
    version: day.version,
    slot: 1,
    topic: '反映综采一队夜班班车发车太晚',
  });
  // Registered at 11:00 on the day, after the leader received her.
  const registeredAgo = now.getTime() - Date.parse(`${date}T11:00:00+08:00`);
  await reception.receive(
    seeder.contextAt('reception', registeredAgo),
    desk,
    day.id,
    received.id,
    {
      kind: 'request',
      categoryCode: 'community',
      title: DEMO_PAST_DAY.received,
      content:
        '接访时反映：东山区矿区路 21 号至 35 号之间的路灯坏了半个多月，晚上路面漆黑，下夜班的职工和老人出行不安全，请求尽快修复。',
    },
    { scope: 'demo-seed', key: 'demo-past-day-received', requestHash: received.id },
  );
  await releasePastBookings(app.db, now);
}

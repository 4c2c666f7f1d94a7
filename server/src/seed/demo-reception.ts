import { addDays, beijingDate } from '@xinfang/shared/clocks';
import type { FastifyInstance } from 'fastify';
import type { StaffPrincipal } from '../access/principal';
import { receptionDeps } from '../modules/reception/reception.deps';
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

import type { FigurePeriod, PreventionFigure } from '@xinfang/shared/figures';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { figureUnitIn } from './figure-unit.where';

export type ReceptionCounts = Record<Extract<PreventionFigure, `reception.${string}`>, number>;

/**
 * Leaders' reception days (领导接访日, Art 18) of the units in a period, by the day's unit and its
 * (Beijing) date; a day the desk cancelled counts for nothing, nor does a booking cancelled or
 * dropped. A day is held when someone booked came; 未记录 is a booking of a day before `today` the
 * desk never marked (as `reception.lapse.ts` releases it). The cases go by the petition's figure
 * unit, as 下访's: an accusation never counts for the accused unit (Art 30). Each read is narrowed
 * by the day's date index, and the bookings by their day.
 */
export async function receptionCounts(
  db: Kysely<DB>,
  unitIds: readonly string[],
  period: FigurePeriod,
  today: string,
): Promise<ReceptionCounts> {
  const bookings = db
    .selectFrom('reception_day as d')
    .innerJoin('reception_booking as b', 'b.reception_day_id', 'd.id')
    .where('d.date', '>=', period.from)
    .where('d.date', '<=', period.to)
    .where('d.unit_id', 'in', unitIds)
    .where('d.cancelled_at', 'is', null)
    .where('b.status', '<>', 'cancelled');
  const [byStatus, unrecorded, days, cases] = await Promise.all([
    bookings
      .select((eb) => ['b.status', eb.fn.countAll<number>().as('n')])
      .groupBy('b.status')
      .execute(),
    bookings
      .where('b.status', '=', 'active')
      .where('d.date', '<', today)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    bookings
      .where('b.status', 'in', ['attended', 'received'])
      .select((eb) => eb.fn.count<number>('d.id').distinct().as('n'))
      .executeTakeFirstOrThrow(),
    bookings
      .innerJoin('petition as p', 'p.id', 'b.petition_id')
      .where('b.status', '=', 'received')
      .where(figureUnitIn(unitIds))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  // MySQL answers COUNT as a string.
  const status = (s: string) => Number(byStatus.find((r) => r.status === s)?.n ?? 0);
  return {
    'reception.days': Number(days.n),
    'reception.booked': byStatus.reduce((sum, r) => sum + Number(r.n), 0),
    'reception.came': status('attended') + status('received'),
    'reception.noShow': status('no_show'),
    'reception.unrecorded': Number(unrecorded.n),
    'reception.received': status('received'),
    'reception.cases': Number(cases.n),
  };
}

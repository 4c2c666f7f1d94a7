import type { Booking, MoveAnswer } from '@xinfang/shared/schemas/reception';
import type { Transaction } from 'kysely';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { createReceptionBookings } from './reception.booking';
import { moveAnswerOutcome } from './reception.change';
import type { ReceptionServiceDeps } from './reception.deps';
import { bookingsOf, confirmMoved, findDayRef, lockDay } from './reception.repository';
import { bookingViews } from './reception.view';

const stale = () => new AppError('VERSION_CONFLICT', '接访安排又调整了，请看一下现在的时间再回答');

/**
 * A person a change of the day moved (another date, time, place or leader, Art 18) says whether
 * they still come: 「按新时间来」 clears the question, 「不来了」 cancels the booking through the
 * one cancel path and frees its place. Each answer is audited once (a double tap answers the
 * booking as it is); an answer to a day changed again since is refused, and the page reloads.
 */
export function createMoveAnswers(deps: Pick<ReceptionServiceDeps, 'db'>) {
  const { db } = deps;
  const { end } = createReceptionBookings(deps);

  /** Decides in the transaction, over the locked day: throws when the answer cannot be taken. */
  async function decide(trx: Transaction<DB>, dayId: string, id: string, body: MoveAnswer) {
    await lockDay(trx, dayId);
    const [row] = await bookingsOf(trx, { id });
    if (!row) throw new AppError('NOT_FOUND', '没有找到这个预约');
    const day = await findDayRef(trx, dayId);
    const outcome = moveAnswerOutcome(
      { status: row.status, movedAt: row.moved_at ?? null },
      day?.version ?? 0,
      body.version,
      body.come,
    );
    if (outcome === 'stale') throw stale();
    if (outcome === 'ended') throw new AppError('ALREADY_EXISTS', '这个预约已经取消或办结');
    return outcome;
  }

  async function answer(
    context: RequestContext,
    petitionerId: string,
    id: string,
    body: MoveAnswer,
  ): Promise<Booking> {
    const [row] = await bookingsOf(db, { id });
    if (!row || row.petitioner_id !== petitionerId) throw new AppError('NOT_FOUND', '没有找到这个预约');
    if (!body.come) {
      // Cancelled already (the first tap): answered as it is, not cancelled twice.
      return end(
        context,
        id,
        'cancelled',
        { petitionerId },
        async (trx) => (await decide(trx, row.reception_day_id, id, body)) === 'apply',
      );
    }
    await db.transaction().execute(async (trx) => {
      if ((await decide(trx, row.reception_day_id, id, body)) === 'repeat') return;
      if (!(await confirmMoved(trx, id, context.now.toISOString()))) return;
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'reception.confirm_moved',
          outcome: 'success',
          target: { type: 'reception_booking', id },
        },
        context.now,
      );
    });
    return (await bookingViews(db, await bookingsOf(db, { id }), context.now))[0] as Booking;
  }

  return { answer };
}

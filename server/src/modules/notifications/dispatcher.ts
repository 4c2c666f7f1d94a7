import type { Kysely, Transaction } from 'kysely';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import type { Deliverer, Delivery, Outcome } from './deliverers';
import { findContacts } from './notification.repository';
import { type OutboxPayload, outboxRow } from './notifier';
import { claimDue, insertOutbox, markSent, release, renewLease } from './outbox.repository';
import { RateLimiter } from './rate-limiter';
import { nextDayOutsideQuietHours, outsideQuietHours, type QuietHours, retryDelayMs } from './timing';

type Trx = Transaction<DB>;

/**
 * Delivers the outbox, at least once. Each round claims a batch (see `outbox.repository.ts` for how
 * several dispatchers share the table), sends it through the channels' deliverers — concurrently,
 * each provider within its rate — and records each outcome as soon as it is known: sent; tried again
 * after an exponential, jittered wait (a message to a person never into the quiet hours unless
 * urgent; after a provider's day limit, the next morning once they are over, urgent or not);
 * dead-lettered after `maxAttempts` tries with the last error, for an administrator to re-send
 * (not when another delivery of the notice went or waits: `otherDeliveries`); or handed on.
 *
 * Handing on: WeChat with no subscription left (43101) goes by SMS when the person has a phone,
 * else it stays in the message centre, which always has it; so does WeChat refusing the person
 * (40003), when the notice has an SMS template and the person a phone. A statutory notice WeChat cannot carry
 * for good goes by SMS too, so it reaches one outside channel whenever one exists.
 *
 * A crash between a send and its record leaves the row `sending`; once its lease runs out another
 * round sends it again: a duplicate, never a loss. The message's key (the row id) travels with it.
 * A live dispatcher's batch may wait on a provider's rate longer than the lease: each row's lease
 * is renewed just before it is sent, and a row another dispatcher claimed meanwhile is not sent.
 */
export interface DispatcherOptions {
  batchSize: number;
  concurrency: number;
  leaseMs: number;
  maxAttempts: number;
  quietHours: QuietHours | null;
  /** Messages per second, per provider: `wechat`, `sms`, and `check` for content checks. */
  rates: { wechat: number; sms: number; check: number };
}

export interface RoundReport {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  handedOn: number;
  cancelled: number;
}

export function createDispatcher(deps: {
  db: Kysely<DB>;
  deliverers: Record<string, Deliverer>;
  options: DispatcherOptions;
  logger: { warn(obj: object, msg: string): void; debug(obj: object, msg: string): void };
}) {
  const { db, deliverers, options } = deps;
  const limiters = {
    wechat: new RateLimiter(options.rates.wechat),
    sms: new RateLimiter(options.rates.sms),
    check: new RateLimiter(options.rates.check),
  };
  const limiterOf = (channel: string) =>
    channel === 'wechat' ? limiters.wechat : channel === 'sms' ? limiters.sms : limiters.check;

  /** One round: claims a batch, delivers it, records the outcomes. */
  async function dispatchOnce(now: Date = new Date()): Promise<RoundReport> {
    const started = Date.now();
    /** `now` moved on by the time the round has taken: when a lease is renewed. */
    const clock = () => now.getTime() + (Date.now() - started);
    const token = newId(now.getTime());
    const rows = await claimDue(db, { token, now, leaseMs: options.leaseMs, limit: options.batchSize });
    const report: RoundReport = {
      claimed: rows.length,
      sent: 0,
      retried: 0,
      dead: 0,
      handedOn: 0,
      cancelled: 0,
    };
    if (rows.length === 0) return report;
    const contacts = await findContacts(
      db,
      rows.map((r) => ({ type: r.recipient_type, id: r.recipient_id })),
    );
    const deliveries: Delivery[] = rows.map((row) => ({
      row,
      payload: JSON.parse(row.payload) as OutboxPayload,
      contact: contacts.get(row.recipient_id),
      now,
    }));
    // Each outcome is recorded as soon as it is known, so a crash re-sends only the messages then
    // in flight, not the whole batch.
    await mapWithLimit(deliveries, options.concurrency, async (delivery) => {
      const outcome = await deliver(delivery, token, clock);
      if (!outcome) return;
      // A conflict runs this again (db/conflict-retry.ts): the outcome is counted once it commits.
      const counted = await db.transaction().execute((trx) => record(trx, token, delivery, outcome));
      report[counted] += 1;
    });
    if (report.dead > 0) deps.logger.warn({ ...report }, 'outbox: some messages were dead-lettered');
    else deps.logger.debug({ ...report }, 'outbox round');
    return report;
  }

  /** Sends one message; null when the row is no longer this claim's (not sent). */
  async function deliver(delivery: Delivery, token: string, clock: () => number): Promise<Outcome | null> {
    const { row } = delivery;
    const deliverer = deliverers[row.channel];
    if (!deliverer) return { kind: 'dead', error: `no deliverer for channel ${row.channel}` };
    await limiterOf(row.channel).take();
    // The wait for the rate may have outlasted the claim's lease: still ours, for a lease more?
    const until = new Date(clock() + options.leaseMs).toISOString();
    if (!(await renewLease(db, row.id, token, until))) return null;
    try {
      return await deliverer.deliver(delivery);
    } catch (error) {
      return { kind: 'retry', error: error instanceof Error ? error.message : 'unknown error' };
    }
  }

  /** Records one outcome; answers what it counts as in the round's report. */
  async function record(
    trx: Trx,
    token: string,
    delivery: Delivery,
    outcome: Outcome,
  ): Promise<Exclude<keyof RoundReport, 'claimed'>> {
    const at = new Date();
    const { row } = delivery;
    if (outcome.kind === 'sent') {
      await markSent(trx, [row.id], token, at.toISOString());
      await outcome.after?.(trx);
      return 'sent';
    }
    if (outcome.kind === 'retry' && (outcome.spare || row.attempts < options.maxAttempts)) {
      const wait = new Date(at.getTime() + retryDelayMs(row.attempts));
      const limit =
        outcome.notBefore === 'next_day'
          ? nextDayOutsideQuietHours(at, options.quietHours)
          : outcome.notBefore;
      const earliest = limit && limit > wait ? limit : wait;
      // Content checks go to WeChat's servers, not to a person: no quiet hours for them.
      const toPerson = row.channel === 'wechat' || row.channel === 'sms';
      const due =
        toPerson && !delivery.payload.urgent ? outsideQuietHours(earliest, options.quietHours) : earliest;
      await release(trx, row.id, token, {
        status: 'pending',
        dueAt: due.toISOString(),
        lastError: outcome.error,
        at: at.toISOString(),
        ...(outcome.spare ? { spareTry: true } : {}),
      });
      return 'retried';
    }
    if (outcome.kind === 'cancelled') {
      await release(trx, row.id, token, {
        status: 'cancelled',
        lastError: outcome.reason,
        at: at.toISOString(),
      });
      return 'cancelled';
    }
    if (outcome.kind === 'fallback') {
      const held = await release(trx, row.id, token, {
        status: 'fallback',
        lastError: outcome.error,
        at: at.toISOString(),
      });
      await outcome.after?.(trx);
      if (held) await handOn(trx, delivery, at);
      return 'handedOn';
    }
    const error =
      outcome.kind === 'retry' ? `gave up after ${row.attempts} tries: ${outcome.error}` : outcome.error;
    const held = await release(trx, row.id, token, {
      status: 'dead',
      lastError: error,
      at: at.toISOString(),
    });
    if (held) {
      await deliverers[row.channel]?.onDead?.(trx, delivery);
      if (row.statutory === 1) await handOn(trx, delivery, at);
    }
    return 'dead';
  }

  /** WeChat could not carry it: SMS will, when the person has a phone; else the message centre has it. */
  async function handOn(trx: Trx, { row, payload, contact }: Delivery, at: Date): Promise<void> {
    if (row.channel !== 'wechat' || !payload.sms || !contact?.phoneCipher) return;
    await insertOutbox(trx, [
      outboxRow({
        notificationId: row.notification_id,
        channel: 'sms',
        recipient: { type: row.recipient_type, id: row.recipient_id },
        event: row.event,
        payload,
        statutory: row.statutory === 1,
        dueAt: payload.urgent ? at : outsideQuietHours(at, options.quietHours),
        now: at,
      }),
    ]);
  }

  return { dispatchOnce };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;

/** `work` over `items`, at most `limit` at a time. */
async function mapWithLimit<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++] as T);
  });
  await Promise.all(lanes);
}

import { clocksOf } from '@xinfang/shared/clocks';
import { holderUnit } from '@xinfang/shared/lifecycle';
import type { FastifyInstance } from 'fastify';
import { recordAudit } from '../../audit/audit-log';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { blockedUntil, hit, type ThrottleRule } from '../../security/throttle';
import { unitNames } from './petition.read';
import { findPetitionRow, hydrate } from './petition.repository';
import { clocksFor, clockView, timelineFor } from './petition.view';
import { queryCodeMatches } from './query-code';

/** Wrong guesses allowed: per address, and per petition number (so no one walks a number's codes). */
const RULES = {
  address: { limit: 20, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  number: { limit: 10, windowSeconds: 60 * 60, blockSeconds: 60 * 60 },
} satisfies Record<string, ThrottleRule>;

/** What an event tells someone holding only the number and the code: official acts, no one's words. */
const PUBLIC_DATA: Record<string, readonly string[]> = {
  assigned: ['unitId', 'reportBackBy'],
  accepted: ['unitId'],
  concerned_unit_set: ['unitId'],
  forwarded: ['recipientOrgan', 'reason'],
  diverted: ['route', 'guidance'],
  declined: ['ground', 'reason'],
  notified: ['message'],
  hearing_scheduled: ['scheduledFor', 'place'],
  extension_approved: ['days', 'reason'],
  // The letter itself names people and facts: signed in, the petitioner reads it; here, only its outcome.
  reply_issued: ['outcome', 'unitId', 'deliveredAt'],
  review_requested: ['unitId'],
  re_examination_requested: ['unitId'],
  closed: ['outcome', 'lapsed'],
};

/**
 * 查询 by petition number and query code, without signing in (Art 18, 21): the state, the clocks
 * and the petitioner-visible steps — and no personal data, not even what people wrote.
 */
export function createLookup(app: FastifyInstance) {
  return async function lookup(context: RequestContext, number: string, code: string) {
    const normalized = number.trim().toUpperCase();
    const buckets: [string, ThrottleRule][] = [
      [`lookup@${context.ip}`, RULES.address],
      [`lookup:${normalized}`, RULES.number],
    ];
    for (const [bucket] of buckets) {
      const until = await blockedUntil(app.db, bucket, context.now);
      if (until) {
        throw new AppError('RATE_LIMITED', '查询过于频繁，请稍后再试', {
          retryAfterSeconds: Math.ceil((until.getTime() - context.now.getTime()) / 1000),
        });
      }
    }
    const row = await findPetitionRow(app.db, { number: normalized });
    if (!row || !queryCodeMatches(app.config.pii.hashKey, row.id, code, row.query_code_hash)) {
      for (const [bucket, rule] of buckets) await hit(app.db, bucket, rule, context.now);
      await recordAudit(
        app.db,
        context.actor,
        { action: 'petition.lookup', outcome: 'failure' },
        context.now,
      );
      throw new AppError('NOT_FOUND', '编号或查询码不正确');
    }
    const [loaded] = await hydrate(app.db, [row]);
    if (!loaded) throw new AppError('NOT_FOUND', '编号或查询码不正确');
    const { petition } = loaded;
    await recordAudit(
      app.db,
      context.actor,
      {
        action: 'petition.lookup',
        outcome: 'success',
        target: { type: 'petition', id: petition.id },
      },
      context.now,
    );
    const units = await unitNames(app.db, [loaded]);
    const now = context.now.toISOString();
    return {
      number: row.number,
      kind: petition.kind,
      state: petition.state,
      stage: petition.stage,
      receivedAt: petition.receivedAt,
      holder: units.get(holderUnit(petition).id) ?? null,
      clocks: clocksFor(clocksOf(petition, app.calendar, now), null).map((clock) => clockView(clock, now)),
      timeline: timelineFor(petition.events, null, units).map((event) => {
        const data: Record<string, unknown> =
          event.type === 'reply_issued'
            ? { ...event.data, outcome: (event.data.letter as { outcome?: unknown } | undefined)?.outcome }
            : event.data;
        return {
          ...event,
          data: Object.fromEntries(
            Object.entries(data).filter(([key]) => (PUBLIC_DATA[event.type] ?? []).includes(key)),
          ),
        };
      }),
    };
  };
}

import { type Calendar, clocksOf } from '@xinfang/shared/clocks';
import { holderUnit } from '@xinfang/shared/lifecycle';
import type { Kysely } from 'kysely';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { throttleAddress } from '../../security/address';
import { type Reservation, rateLimited, reserve, type ThrottleRule } from '../../security/throttle';
import { publicDocuments } from '../documents/document.service';
import { unitNames } from './petition.read';
import { findPetitionRow, hydrate } from './petition.repository';
import { clocksFor, clockView, timelineFor } from './petition.view';
import { queryCodeMatches } from './query-code';

/**
 * Wrong guesses allowed. Per address (an IPv6 /64 counts as one, security/address.ts), and per
 * petition number, which stops many addresses together from walking one number's codes: a code
 * has about 39 bits (query-code.ts). A full number is not shut for everyone, since numbers are
 * public and in sequence and a stranger could then keep the owner out (Art 18, 21: the right to
 * follow one's case). Instead, for the rest of its window, each address gets a few tries at that
 * number a day: the owner still gets in, and a million addresses try 3 million of 550 billion
 * codes a day.
 */
export const LOOKUP_RULES = {
  address: { limit: 20, windowSeconds: 15 * 60, blockSeconds: 15 * 60 },
  number: { limit: 1000, windowSeconds: 24 * 60 * 60, blockSeconds: 24 * 60 * 60 },
  numberFromAddress: { limit: 3, windowSeconds: 24 * 60 * 60, blockSeconds: 24 * 60 * 60 },
} satisfies Record<string, ThrottleRule>;

/** Reserves one guess at a number's code, before the code is compared (see LOOKUP_RULES). */
async function reserveGuess(db: Kysely<DB>, number: string, ip: string, now: Date): Promise<Reservation> {
  const from = throttleAddress(ip);
  const address = { key: `lookup@${from}`, rule: LOOKUP_RULES.address };
  const numberKey = `lookup:${number}`;
  const attempt = await reserve(db, [address, { key: numberKey, rule: LOOKUP_RULES.number }], now);
  if (attempt.granted || attempt.refusedBy !== numberKey) return attempt;
  const fromAddress = { key: `${numberKey}@${from}`, rule: LOOKUP_RULES.numberFromAddress };
  return reserve(db, [address, fromAddress], now);
}

/** What an event tells someone holding only the number and the code: official acts, no one's words. */
const PUBLIC_DATA: Record<string, readonly string[]> = {
  assigned: ['unitId', 'reportBackBy'],
  accepted: ['unitId'],
  concerned_unit_set: ['unitId', 'handedUpTo'],
  forwarded: ['recipientOrgan', 'reason'],
  diverted: ['route', 'guidance'],
  declined: ['ground', 'reason', 'guidance'],
  notified: ['message'],
  hearing_scheduled: ['scheduledFor', 'place'],
  extension_approved: ['days', 'reason'],
  // The letter itself names people and facts: signed in, the petitioner reads it; here, only its outcome.
  reply_issued: ['outcome', 'unitId'],
  reply_delivered: ['method', 'deliveredOn'],
  delivery_corrected: ['deliveredOn'],
  // A request recorded from a letter or a visit says so, and on which day it arrived.
  review_requested: ['unitId', 'channel', 'receivedOn'],
  re_examination_requested: ['unitId', 'channel', 'receivedOn'],
  closed: ['outcome', 'lapsed'],
  // Which way the decision went after an unsatisfied rating; its explanation is for the signed-in.
  rehandling_notified: ['rehandle'],
};

/**
 * 查询 by petition number and query code, without signing in (Art 18, 21): the state, the clocks
 * and the petitioner-visible steps — and no personal data, not even what people wrote.
 */
export function createLookup(deps: { db: Kysely<DB>; calendar: Calendar; hashKey: Buffer }) {
  const { db, calendar, hashKey } = deps;
  return async function lookup(context: RequestContext, number: string, code: string) {
    // As a phone's keyboard may type it: full-width digits and dash (ＸＦ２０２６－０００１２３).
    const normalized = number.normalize('NFKC').trim().toUpperCase();
    // Counted before the code is compared, so parallel guesses cannot outrun the count; a right
    // answer hands its attempt back.
    const attempt = await reserveGuess(db, normalized, context.ip, context.now);
    if (!attempt.granted) throw rateLimited(attempt.until, context.now);
    const row = await findPetitionRow(db, { number: normalized });
    if (!row || !queryCodeMatches(hashKey, row.id, code, row.query_code_hash)) {
      await recordAudit(db, context.actor, { action: 'petition.lookup', outcome: 'failure' }, context.now);
      throw new AppError('NOT_FOUND', '编号或查询码不正确');
    }
    await attempt.release();
    const [loaded] = await hydrate(db, [row]);
    if (!loaded) throw new AppError('NOT_FOUND', '编号或查询码不正确');
    const { petition } = loaded;
    await recordAudit(
      db,
      context.actor,
      {
        action: 'petition.lookup',
        outcome: 'success',
        target: { type: 'petition', id: petition.id },
      },
      context.now,
    );
    const units = await unitNames(db, [petition], loaded.unitsRead);
    const now = context.now.toISOString();
    return {
      number: row.number,
      kind: petition.kind,
      state: petition.state,
      stage: petition.stage,
      receivedAt: petition.receivedAt,
      holder: units.get(holderUnit(petition).id) ?? null,
      clocks: clocksFor(clocksOf(petition, calendar, now), null).map((clock) =>
        clockView(clock, now, calendar),
      ),
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
      documents: await publicDocuments(db, petition.id),
    };
  };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../clocks/calendar';
import { clocksOf } from '../clocks/clocks-of';
import { addDays, beijingDate, type Instant } from '../clocks/dates';
import { replyDelivery } from './facts';
import { register } from './register';
import {
  ACTORS,
  act,
  attempt,
  expectRefused,
  issued,
  LETTER,
  later,
  onlineParams,
  replied,
  submitted,
  T0,
  UNITS,
} from './test-kit';

const reason = { reason: '补发金额不对' };
/** Beijing noon of a date, as an instant. */
const noon = (date: string): Instant => `${date}T04:00:00.000Z`;

function reviewWindow(p: ReturnType<typeof issued>, now: Instant) {
  return clocksOf(p, defaultCalendar, now).find((c) => c.name === 'review_window');
}

describe('Art 35, 36 — the windows run from delivery, not from issue', () => {
  it('an issued answer starts no window, so the case never closes until it is delivered', () => {
    const p = issued();
    expect(reviewWindow(p, later(T0, 21))).toBeUndefined();
    expect(replyDelivery(p)).toMatchObject({ deliveredOn: null });
    expectRefused(attempt(p, ACTORS.system, 'close', {}, later(T0, 200)), 'close.not_delivered');
    // The petitioner who has the answer in hand may still appeal: the window has not even started.
    expect(attempt(p, ACTORS.petitioner, 'request_review', reason, later(T0, 200)).ok).toBe(true);
  });

  it('the petitioner’s first opening records it, once; staff cannot open on their behalf', () => {
    const p = issued();
    expectRefused(
      attempt(p, ACTORS.sectionHandler, 'receive_reply', {}, later(T0, 21)),
      'auth.role_not_permitted',
    );
    expectRefused(
      attempt(p, ACTORS.otherPetitioner, 'receive_reply', {}, later(T0, 21)),
      'auth.not_own_petition',
    );
    const opened = act(p, ACTORS.petitioner, 'receive_reply', {}, later(T0, 23));
    expect(opened.events.at(-1)).toMatchObject({
      type: 'reply_delivered',
      visibility: 'petitioner',
      actorRole: 'petitioner',
      data: { method: 'app', deliveredOn: '2026-03-25', postedOn: null },
    });
    expect(reviewWindow(opened, later(T0, 23))).toMatchObject({
      startDate: '2026-03-25',
      dueDate: '2026-04-24',
    });
    expectRefused(
      attempt(opened, ACTORS.petitioner, 'receive_reply', {}, later(T0, 24)),
      'delivery.already_recorded',
    );
    expectRefused(
      attempt(
        opened,
        ACTORS.sectionHandler,
        'record_delivery',
        { method: 'visit', deliveredOn: '2026-03-25' },
        later(T0, 24),
      ),
      'delivery.already_recorded',
    );
  });

  it('staff record a delivery by post, in person or at a visit, with dates that can be true', () => {
    const p = issued(); // issued 2026-03-22
    const at = later(T0, 25); // 2026-03-27
    const record = (params: Record<string, unknown>) =>
      attempt(p, ACTORS.sectionHandler, 'record_delivery', params as never, at);
    expectRefused(record({ method: 'visit', deliveredOn: '2026-03-21' }), 'delivery.date_invalid');
    expectRefused(record({ method: 'visit', deliveredOn: '2026-03-28' }), 'delivery.date_invalid');
    expectRefused(record({ method: 'post', deliveredOn: '2026-03-26' }), 'delivery.posting_date_invalid');
    expectRefused(
      record({ method: 'post', postedOn: '2026-03-27', deliveredOn: '2026-03-26' }),
      'delivery.posting_date_invalid',
    );
    expectRefused(
      record({ method: 'visit', postedOn: '2026-03-23', deliveredOn: '2026-03-26' }),
      'delivery.posting_date_invalid',
    );
    expectRefused(record({ method: 'in_person', deliveredOn: '2026-03-26' }), 'delivery.receipt_required');
    expectRefused(record({ method: 'app', deliveredOn: '2026-03-26' }), 'params.invalid');
    const posted = record({ method: 'post', postedOn: '2026-03-23', deliveredOn: '2026-03-26' });
    if (!posted.ok) throw new Error(posted.refusal.rule);
    expect(posted.events[0]?.data).toEqual({
      method: 'post',
      deliveredOn: '2026-03-26',
      postedOn: '2026-03-23',
      receiptAttachmentId: null,
      note: null,
    });
    expect(reviewWindow(posted.petition, at)).toMatchObject({
      startDate: '2026-03-26',
      dueDate: '2026-04-27',
    });
    // The receiving office records it too; a petitioner cannot record a delivery by staff.
    expect(
      attempt(
        p,
        ACTORS.groupReception,
        'record_delivery',
        { method: 'in_person', deliveredOn: '2026-03-27', receiptAttachmentId: 'scan' },
        at,
      ).ok,
    ).toBe(true);
    expectRefused(
      attempt(p, ACTORS.petitioner, 'record_delivery', { method: 'visit', deliveredOn: '2026-03-27' }, at),
      'auth.role_not_permitted',
    );
  });

  it('posted on the Friday before the Spring Festival and received after it: 30 days from the day received', () => {
    // Issued and posted Friday 2026-02-13; the holiday runs 02-15 to 02-23; received Tuesday 02-24.
    let p = act(
      submitted('request', noon('2026-01-20')),
      ACTORS.groupReception,
      'assign',
      { unit: UNITS.section1, reportBackBy: '2026-03-20' },
      noon('2026-01-21'),
    );
    p = act(p, ACTORS.sectionHandler, 'accept', {}, noon('2026-01-22'));
    p = act(p, ACTORS.sectionHandler, 'draft_reply', LETTER, noon('2026-02-12'));
    p = act(p, ACTORS.sectionHead, 'approve_reply', {}, noon('2026-02-12'));
    p = act(p, ACTORS.sectionHandler, 'issue_reply', {}, noon('2026-02-13'));
    p = act(
      p,
      ACTORS.sectionHandler,
      'record_delivery',
      { method: 'post', postedOn: '2026-02-13', deliveredOn: '2026-02-24' },
      noon('2026-02-25'),
    );
    // Counted from the posting it would have ended on Monday 03-16; from receipt, day 30 is Thursday 03-26.
    expect(reviewWindow(p, noon('2026-02-25'))).toMatchObject({
      dueDate: '2026-03-26',
      calendarComplete: true,
    });
    const onDay30 = attempt(p, ACTORS.petitioner, 'request_review', reason, '2026-03-26T15:59:59.000Z');
    expect(onDay30.ok ? onDay30.petition.state : onDay30.refusal.rule).toBe('handling');
    expectRefused(
      attempt(p, ACTORS.petitioner, 'request_review', reason, '2026-03-26T16:00:00.000Z'),
      'review.window_closed',
    );
    expectRefused(attempt(p, ACTORS.system, 'close', {}, '2026-03-26T15:59:59.000Z'), 'close.window_open');
    expect(attempt(p, ACTORS.system, 'close', {}, '2026-03-26T16:00:00.000Z').ok).toBe(true);
  });

  it('a unit head corrects the date with a reason, and the window moves with it', () => {
    const p = replied(); // issued and opened 2026-03-22
    const at = later(T0, 26);
    const correct = (actor = ACTORS.sectionHead, deliveredOn = '2026-03-24') =>
      attempt(p, actor, 'correct_delivery', { deliveredOn, reason: '系统记录早于实际签收' }, at);
    expectRefused(correct(ACTORS.sectionHandler), 'auth.role_not_permitted');
    expectRefused(correct(ACTORS.sectionHead, '2026-03-22'), 'delivery.date_unchanged');
    expectRefused(correct(ACTORS.sectionHead, '2026-03-29'), 'delivery.date_invalid');
    expectRefused(
      attempt(
        issued(),
        ACTORS.sectionHead,
        'correct_delivery',
        { deliveredOn: '2026-03-24', reason: 'x' },
        at,
      ),
      'delivery.not_recorded',
    );
    const corrected = correct();
    if (!corrected.ok) throw new Error(corrected.refusal.rule);
    expect(corrected.events[0]).toMatchObject({
      type: 'delivery_corrected',
      visibility: 'petitioner',
      data: { deliveredOn: '2026-03-24', previousOn: '2026-03-22', reason: '系统记录早于实际签收' },
    });
    expect(replyDelivery(corrected.petition)?.deliveredOn).toBe('2026-03-24');
    expect(reviewWindow(corrected.petition, at)).toMatchObject({
      startDate: '2026-03-24',
      dueDate: '2026-04-23',
    });
  });

  it('Art 35: a date moves earlier only on the receipt that shows it, and never an opening in the app', () => {
    const issuedAt = later(T0, 20); // 2026-03-22
    fc.assert(
      fc.property(
        fc.constantFrom('app', 'in_person', 'post', 'visit'),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 6 }),
        fc.boolean(),
        (method, deliveredAfter, correctedAfter, withReceipt) => {
          const deliveredOn = addDays(beijingDate(issuedAt), deliveredAfter);
          const correctedOn = addDays(beijingDate(issuedAt), correctedAfter);
          const at = later(issuedAt, deliveredAfter);
          const delivered =
            method === 'app'
              ? act(issued(), ACTORS.petitioner, 'receive_reply', {}, at)
              : act(
                  issued(),
                  ACTORS.sectionHandler,
                  'record_delivery',
                  {
                    method,
                    deliveredOn,
                    ...(method === 'post' ? { postedOn: beijingDate(issuedAt) } : {}),
                    ...(method === 'in_person' ? { receiptAttachmentId: 'scan-1' } : {}),
                  },
                  at,
                );
          const params = {
            deliveredOn: correctedOn,
            reason: '以签收日为准',
            ...(withReceipt ? { receiptAttachmentId: 'scan-2' } : {}),
          };
          const d = attempt(delivered, ACTORS.sectionHead, 'correct_delivery', params, later(issuedAt, 6));
          if (correctedOn === deliveredOn) expectRefused(d, 'delivery.date_unchanged');
          else if (correctedOn > deliveredOn) expect(d.ok).toBe(true);
          else if (method === 'app') expectRefused(d, 'delivery.app_not_earlier');
          else if (!withReceipt) expectRefused(d, 'delivery.correction_receipt_required');
          else {
            if (!d.ok) throw new Error(d.refusal.rule);
            expect(d.events[0]?.data).toMatchObject({
              deliveredOn: correctedOn,
              receiptAttachmentId: 'scan-2',
            });
          }
        },
      ),
    );
  });

  it('a suggestion’s rating window waits for delivery too', () => {
    const p = issued('suggestion');
    expect(clocksOf(p, defaultCalendar, later(T0, 21)).some((c) => c.name === 'rating_window')).toBe(false);
    const opened = act(p, ACTORS.petitioner, 'receive_reply', {}, later(T0, 22));
    expect(
      clocksOf(opened, defaultCalendar, later(T0, 22)).find((c) => c.name === 'rating_window'),
    ).toMatchObject({
      startDate: '2026-03-24',
    });
  });
});

describe('Art 23 ¶2 — an answer to a petitioner whose name or address is unclear', () => {
  /** Registered with `contactUnclear`, assigned, accepted, and its answer issued at T0 + 20. */
  function issuedUnclear() {
    const registered = register(
      {
        id: 'pet-1',
        petitionerId: 'p1',
        receivingUnit: UNITS.group,
        params: onlineParams({ contactUnclear: true }),
      },
      ACTORS.petitioner,
      T0,
    );
    if (!registered.ok) throw new Error(registered.refusal.rule);
    let p = act(
      registered.petition,
      ACTORS.groupReception,
      'assign',
      { unit: UNITS.section1, reportBackBy: '2026-05-29' },
      later(T0, 1),
    );
    p = act(p, ACTORS.sectionHandler, 'accept', {}, later(T0, 2));
    p = act(p, ACTORS.sectionHandler, 'draft_reply', LETTER, later(T0, 19));
    p = act(p, ACTORS.sectionHead, 'approve_reply', {}, later(T0, 19, 1));
    return act(p, ACTORS.sectionHandler, 'issue_reply', {}, later(T0, 20));
  }

  it('is kept on file: no delivery is owed, no window runs, and the case may close', () => {
    const p = issuedUnclear();
    expect(replyDelivery(p)).toMatchObject({ deliveredOn: null, owed: false });
    expect(replyDelivery(issued())).toMatchObject({ owed: true });
    expect(reviewWindow(p, later(T0, 21))).toBeUndefined();
    const closed = attempt(p, ACTORS.system, 'close', {}, later(T0, 21));
    if (!closed.ok) throw new Error(closed.refusal.rule);
    expect(closed.petition.state).toBe('concluded');
    // No window lapsed: none ran, and a late appeal hears that the case is closed, not that it lapsed.
    expect(closed.events[0]).toMatchObject({ type: 'closed', data: { outcome: 'concluded' } });
    expect(closed.events[0]?.data).not.toHaveProperty('lapsed');
    expectRefused(
      attempt(closed.petition, ACTORS.petitioner, 'request_review', reason, later(T0, 22)),
      'state.closed',
    );
  });

  it('a petitioner who comes forward before it closes is delivered it, and the window runs', () => {
    const delivered = act(
      issuedUnclear(),
      ACTORS.sectionHandler,
      'record_delivery',
      { method: 'visit', deliveredOn: '2026-03-25' },
      later(T0, 23),
    );
    expect(reviewWindow(delivered, later(T0, 23))).toMatchObject({ startDate: '2026-03-25' });
    expectRefused(attempt(delivered, ACTORS.system, 'close', {}, later(T0, 24)), 'close.window_open');
  });
});

import {
  NOTIFICATION_EVENTS,
  PETITIONER_EVENTS,
  STATUTORY_EVENTS,
} from '@xinfang/shared/schemas/notifications';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose, type MessageFacts } from './catalog';

const facts = (extra: Partial<MessageFacts> = {}): MessageFacts => ({
  number: 'XF2026-000123',
  petitionId: '01HZX0000000000000000000AB',
  at: '2026-03-02T01:00:00.000Z',
  unitName: '东山煤矿安全科',
  date: '2026-05-06',
  days: 30,
  recipientOrgan: '市人社局',
  route: 'arbitration',
  window: 'review',
  dueSoon: 2,
  overdue: 1,
  subject: 'photo',
  ...extra,
});

describe('the words of every notification', () => {
  it('have a title, a body with the number, and a status short enough for WeChat (≤ 5 Chinese characters)', () => {
    for (const event of NOTIFICATION_EVENTS) {
      const composed = compose(event, facts());
      expect(composed.title.length, event).toBeGreaterThan(0);
      // A digest, a late screening report and an overdue suggestion name no case; a booking
      // reminder is about none yet.
      if (!['daily_digest', 'booking_reminder', 'screening_overdue', 'suggestion_overdue'].includes(event))
        expect(composed.body, event).toContain('XF2026-000123');
      expect(composed.values.status, event).toMatch(/^\p{Script=Han}{1,5}$/u);
      expect(composed.statutory).toBe(STATUTORY_EVENTS.includes(event));
    }
  });

  it('never carry what someone wrote outside the message centre (a reason, a message, guidance)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NOTIFICATION_EVENTS),
        fc.string({ minLength: 4, maxLength: 40 }),
        (event, text) => {
          fc.pre(!/^\s*$/.test(text) && !'XF2026-000123东山煤矿安全科'.includes(text.trim()));
          const { values } = compose(event, facts({ text: `〔${text}〕` }));
          expect(Object.values(values).join('|')).not.toContain(`〔${text}〕`);
        },
      ),
    );
  });

  it('speak plainly to petitioners: no article numbers', () => {
    for (const event of PETITIONER_EVENTS) {
      expect(compose(event, facts()).body, event).not.toMatch(/第[一二三四五六七八九十百]+条|Art\s*\d/);
    }
  });

  it('open the petition on a tap: the petitioner’s page, or the workbench for staff', () => {
    expect(compose('accepted', facts()).page).toBe('petition/detail/index?id=01HZX0000000000000000000AB');
    expect(compose('case_assigned', facts()).page).toBe('staff/petition/index?id=01HZX0000000000000000000AB');
    // An assisting unit answers its part on its own list; the case is not its to open (Art 24).
    expect(compose('assist_requested', facts()).page).toBe('staff/co-handling/index');
  });

  it('say when a reply lets the petitioner act, and that the last answer is final', () => {
    expect(compose('reply_issued', facts({ window: 'review' })).body).toContain('2026年5月6日前请求复查');
    expect(compose('reply_issued', facts({ window: 'rating' })).body).toContain('2026年5月6日前评价');
    expect(compose('re_examination_answered', facts({ window: 'none' })).body).toContain('最终意见');
    expect(compose('reply_issued', facts()).timeSensitive).toBe(true);
    expect(compose('received', facts()).timeSensitive).toBe(false);
  });

  it('acknowledge an appeal: which unit answers it and by when, without a right to lose (Art 35, 36)', () => {
    const review = compose('appeal_received', facts({ window: 'review', unitName: '东山煤矿' }));
    expect(review).toMatchObject({ title: '复查请求已收到', statutory: false, timeSensitive: false });
    expect(review.body).toContain('由东山煤矿复查，将在2026年5月6日前作出复查意见');
    expect(review.values).toMatchObject({ status: '复查中', unit: '东山煤矿', date: '2026年5月6日' });
    expect([...review.values.detail].length).toBeLessThanOrEqual(20);
    const reExamination = compose(
      'appeal_received',
      facts({ window: 're_examination', unitName: '晋安煤业集团' }),
    );
    expect(reExamination.title).toBe('复核请求已收到');
    expect(reExamination.body).toContain('由晋安煤业集团复核');
  });
});

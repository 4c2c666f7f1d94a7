import {
  NOTIFICATION_EVENTS,
  PETITIONER_EVENTS,
  STATUTORY_EVENTS,
} from '@xinfang/shared/schemas/notifications';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compose, type MessageFacts, pageOf } from './catalog';

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
      // reminder, or word that a booked reception day will not take place, is about none yet; a
      // claim undone must not name the case to the one who wrongly claimed it.
      if (
        ![
          'claim_undone',
          'daily_digest',
          'booking_reminder',
          'reception_day_cancelled',
          'reception_leader_unavailable',
          'reception_day_changed',
          'screening_overdue',
          'suggestion_overdue',
        ].includes(event)
      )
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
    expect(compose('reply_issued', facts({ window: 'review' })).body).toContain(
      '可以请求复查，最晚2026年5月6日（含当天）',
    );
    expect(compose('reply_issued', facts({ window: 'rating' })).body).toContain(
      '请评价办理结果，最晚2026年5月6日（含当天）',
    );
    expect(compose('re_examination_answered', facts({ window: 'none' })).body).toContain('最终意见');
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

  it('tell the petitioner of triage’s written notices and a hearing, as owed (Art 22, 23, 31)', () => {
    const assigned = compose('assigned', facts());
    expect(assigned).toMatchObject({ title: '信访事项已交办', statutory: true });
    expect(assigned.body).toContain('已交东山煤矿安全科办理');
    const notified = compose('notified', facts({ text: '请于3月10日携带工资条到安全科面谈' }));
    expect(notified).toMatchObject({ title: '收到书面告知', statutory: true });
    expect(notified.body).toContain('请于3月10日携带工资条到安全科面谈');
    // The hearing's hour and place in the message centre; providers get the date alone.
    const hearing = compose(
      'hearing_scheduled',
      facts({ date: '2026-03-20', scheduledFor: '2026-03-20T01:00:00.000Z', text: '东山煤矿三楼会议室' }),
    );
    expect(hearing.statutory).toBe(true);
    expect(hearing.body).toContain('2026年3月20日 09:00在东山煤矿三楼会议室举行听证');
    expect(hearing.values.date).toBe('2026年3月20日');
    expect(Object.values(hearing.values).join('|')).not.toMatch(/3月20日 09:00|会议室/);
  });

  it('where the top unit answered, name no unit above but 有权处理的上级机关或者单位', () => {
    const top = { noHigherUnit: true } as const;
    const first = compose('reply_issued', facts({ ...top, window: 'review', date: null }));
    expect(first.body).toContain('自收到答复之日起30日内向有权处理的上级机关或者单位提出复查请求');
    expect(first.body).not.toContain('可以请求复查');
    const review = compose('answer_received', facts({ ...top, window: 're_examination' }));
    expect(review.body).toContain('最晚在2026年5月6日（含当天）向有权处理的上级机关或者单位提出复核请求');
    expect(review.values.detail).toBe('可向上级机关请求复核');
  });

  it('give an appeal’s unit the answer’s due date, not a report-back date', () => {
    const told = compose('case_assigned', facts({ window: 'review', unitName: '东山煤矿' }));
    expect(told.body).toContain('请在2026年5月6日前作出复查意见');
    expect(told.body).not.toContain('报告');
    expect(told.values.detail).not.toContain('报告');
    expect(compose('case_assigned', facts({ window: undefined })).body).toContain('报告期限');
  });

  it('tell staff of work waiting on them, not statutory, not urgent', () => {
    for (const event of [
      'objection_raised',
      'reply_returned',
      'reply_ready',
      'extension_refused',
      'petitioner_wrote',
      'case_withdrawn',
      'registration_disowned',
      'supervision_answered',
      'supervision_returned',
    ] as const) {
      const composed = compose(event, facts());
      expect(composed, event).toMatchObject({ statutory: false, timeSensitive: false });
      expect(composed.page, event).toBe('staff/petition/index?id=01HZX0000000000000000000AB');
    }
    expect(compose('reply_returned', facts({ text: '事实部分写得不清楚' })).body).toContain(
      '事实部分写得不清楚',
    );
    // The desk is told the number and why; the phone and name it took are what is in doubt.
    expect(compose('registration_disowned', facts()).body).toBe(
      '信访事项 XF2026-000123 登记的手机号，机主表示这件信访事项不是他的。请核实信访人的联系方式，以便告知办理情况。',
    );
  });

  it('give the message centre the page the WeChat message opens', () => {
    for (const event of NOTIFICATION_EVENTS)
      expect(pageOf(event, facts().petitionId), event).toBe(compose(event, facts()).page);
    expect(pageOf('assist_requested', 'x')).toBe('staff/co-handling/index');
  });
});

describe('words fixed after audit 32', () => {
  it('hold an issued answer to the morning like any other notice: its window runs from receipt', () => {
    for (const event of ['reply_issued', 'review_answered', 're_examination_answered'] as const)
      expect(compose(event, facts()).timeSensitive, event).toBe(false);
    // The day it was received starts the petitioner's 30 days: that one still goes at once.
    expect(compose('answer_received', facts()).timeSensitive).toBe(true);
  });

  it('a decline says where the petitioner may turn and where the written notice is (Art 22, 23)', () => {
    const declined = compose(
      'declined',
      facts({ text: '属于企业内部管理建议。', guidance: '请向集团企业管理部反映' }),
    );
    expect(declined.body).toBe(
      '您的信访事项 XF2026-000123 不予受理。理由：属于企业内部管理建议。您可以：请向集团企业管理部反映。告知书可以在“我的信访”中查看。',
    );
    expect(Object.values(declined.values).join('|')).not.toContain('企业管理部');
    // No guidance given (a ground that asks none): the reason and the notice, no empty 「您可以」.
    const plain = compose('declined', facts({ text: '属于个人借贷纠纷', guidance: null }));
    expect(plain.body).toBe(
      '您的信访事项 XF2026-000123 不予受理。理由：属于个人借贷纠纷。告知书可以在“我的信访”中查看。',
    );
  });

  it('an invitation to rate says where to rate, and the last day', () => {
    expect(compose('rate_invitation', facts()).body).toBe(
      '您的信访事项 XF2026-000123 已答复。请在“我的信访”里评价您是否满意，最晚2026年5月6日（含当天）。',
    );
  });

  it('a red escalation says what is still owed, by the clock that ran out', () => {
    const red = (deadline: string) =>
      compose('escalation', facts({ escalation: { flag: 'red', deadline }, unitName: '东山煤矿' })).body;
    expect(red('转送交办')).toContain('已于2026年5月6日到期，仍未转送、交办或受理（红色督办）');
    expect(red('书面告知')).toContain('仍未书面告知（红色督办）');
    expect(red('交办后告知')).toContain('仍未书面告知（红色督办）');
    expect(red('督办答复')).toContain('仍未书面答复（红色督办）');
    expect(red('复查期限')).toContain('仍未答复（红色督办）');
    expect(red('办理期限')).toContain('仍未办结（红色督办）');
    // Two clocks run out together: each thing owed once, in their order.
    expect(red('转送交办、书面告知')).toContain('仍未转送、交办或受理，也未书面告知（红色督办）');
    expect(red('书面告知、交办后告知')).toContain('仍未书面告知（红色督办）');
    const yellow = compose('escalation', facts({ escalation: { flag: 'yellow', deadline: '转送交办' } }));
    expect(yellow.body).toContain('请东山煤矿安全科抓紧转送、交办或受理。');
  });

  it('every detail fits WeChat’s thing and an SMS parameter (20 characters), whatever the date', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...NOTIFICATION_EVENTS),
        fc.date({
          min: new Date('2026-01-01T00:00:00Z'),
          max: new Date('2099-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        fc.constantFrom('overdue', null),
        fc.constantFrom<MessageFacts['window']>('review', 're_examination', 'rating', 'none'),
        fc.constantFrom<'yellow' | 'red'>('yellow', 'red'),
        fc.boolean(),
        fc.integer({ min: 0, max: 99 }),
        (event, day, text, window, flag, rehandle, n) => {
          const detail = compose(
            event,
            facts({
              date: day.toISOString().slice(0, 10),
              unitName: '安全科',
              text,
              window,
              escalation: { flag, deadline: '办理期限' },
              rehandle,
              pending: n,
              dueSoon: n,
              overdue: n,
            }),
          ).values.detail;
          expect([...detail].length, `${event}: ${detail}`).toBeLessThanOrEqual(20);
        },
      ),
    );
  });

  it('a message about no one petition opens its own page: the reception days, the workbench', () => {
    for (const event of [
      'booking_reminder',
      'reception_day_cancelled',
      'reception_leader_unavailable',
      'reception_day_changed',
    ] as const)
      expect(pageOf(event, null), event).toBe('public/reception/index');
    expect(pageOf('daily_digest', null)).toBe('staff/inbox/index');
  });

  it('staff hear a case back from a leader, a 协办 part answered, a case handled again', () => {
    const returned = compose('case_returned', facts({ text: '请矿上核实后办理。', date: '2026-03-17' }));
    expect(returned).toMatchObject({ statutory: false, timeSensitive: false });
    expect(returned.body).toBe(
      '信访事项 XF2026-000123 领导已批示：“请矿上核实后办理”。请按批示在2026年3月17日前转送、交办或受理。',
    );
    expect(returned.values.detail).toBe('2026年3月17日前转送、交办或受理');
    expect(returned.page).toBe('staff/petition/index?id=01HZX0000000000000000000AB');

    const allIn = compose('assist_answered', facts({ unitName: '西河煤矿安全科', pending: 0 }));
    expect(allIn.body).toContain('西河煤矿安全科已答复信访事项 XF2026-000123 的协办事项');
    expect(allIn.body).toContain('协办意见已齐全，可以答复信访人。');
    expect(allIn.page).toBe('staff/petition/index?id=01HZX0000000000000000000AB');
    expect(compose('assist_answered', facts({ pending: 2 })).values.detail).toBe('还有2项协办未答复');

    const again = compose('rehandling_started', facts({ text: '补充核实考勤。' }));
    expect(again.body).toBe(
      '信访人对信访事项 XF2026-000123 的答复不满意，决定重新办理，理由：补充核实考勤。请在2026年5月6日前重新作出书面答复。',
    );
  });

  it('the petitioner hears whether the unit handles it again, with the explanation written for him', () => {
    const again = compose('rehandling_decided', facts({ rehandle: true }));
    expect(again).toMatchObject({ title: '信访事项将重新办理', statutory: false, timeSensitive: false });
    expect(again.body).toContain('东山煤矿安全科决定重新办理，将在2026年5月6日前重新书面答复您。办理进度');
    const kept = compose(
      'rehandling_decided',
      facts({ rehandle: false, date: null, text: '您反映的问题已按规定核实并答复。' }),
    );
    expect(kept).toMatchObject({ title: '信访事项不再重新办理', statutory: false });
    expect(kept.body).toBe(
      '您对信访事项 XF2026-000123 的答复不满意。经研究，东山煤矿安全科决定不再重新办理，原答复意见不变。说明：您反映的问题已按规定核实并答复。如有疑问，可以在“我的信访”里给办理人员留言。',
    );
    // A decision recorded before the explanation existed reads as it always did.
    const older = compose('rehandling_decided', facts({ rehandle: false, date: null }));
    expect(older.body).toContain('原答复意见不变。如有疑问');
    for (const told of [again, kept]) {
      expect(told.page).toBe('petition/detail/index?id=01HZX0000000000000000000AB');
    }
  });
});

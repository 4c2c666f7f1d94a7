import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PetitionKit } from '../petitions/kit';
import { bj, LETTER, toldAbout } from './support';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Time-driven messages, read off the statutory clocks by a job that may run any number of times
 * (and on several servers): each is said once. The petitioner is reminded 5 days before the review
 * window closes and invited to rate two days after the reply; staff get a digest each working
 * morning from 08:00 of their cases due within 3 working days and overdue.
 */
const WORKER = '13800000001';
let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

const run = () => kit.app.jobs.run('reminders');
const digestsFor = async (username: string) =>
  kit.app.db
    .selectFrom('notification')
    .select(['body', 'dedupe_key'])
    .where('recipient_id', '=', kit.staffId(username))
    .where('event', '=', 'daily_digest')
    .orderBy('id')
    .execute();

describe('the petitioner, after a reply', () => {
  let id = '';

  it('is invited to rate two days after the reply, once', async () => {
    ({ id } = (await kit.submit(WORKER)).petition);
    await kit.act('ds.reception', id, 'accept');
    await kit.act('ds.head', id, 'draft_reply', LETTER);
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    await kit.openAnswer(WORKER, id); // received Monday 2 March: review window until 1 April
    kit.setTime(bj('2026-03-03T09:00:00'));
    await run();
    expect((await toldAbout(kit, id)).rate_invitation).toBeUndefined();
    kit.setTime(bj('2026-03-04T09:00:00'));
    await run();
    await run();
    const told = await toldAbout(kit, id);
    expect(told.rate_invitation).toHaveLength(1);
  });

  it('is reminded 5 days before the review window closes, once however often the job runs', async () => {
    kit.setTime(bj('2026-03-26T09:00:00'));
    await run();
    expect((await toldAbout(kit, id)).appeal_reminder).toBeUndefined();
    kit.setTime(bj('2026-03-27T09:00:00'));
    await Promise.all([run(), run()]);
    await run();
    const reminders = await kit.app.db
      .selectFrom('notification')
      .select(['body', 'statutory'])
      .where('petition_id', '=', id)
      .where('event', '=', 'appeal_reminder')
      .execute();
    expect(reminders).toHaveLength(1);
    expect(reminders[0]?.body).toContain('可以请求复查，最晚2026年4月1日（含当天）');
  });

  it('a rated reply is not invited again, a closed window reminds nobody', async () => {
    const rated = (await kit.submit(WORKER)).petition.id;
    await kit.act('ds.reception', rated, 'accept');
    await kit.act('ds.head', rated, 'draft_reply', LETTER);
    await kit.act('ds.head', rated, 'approve_reply');
    await kit.act('ds.head', rated, 'issue_reply');
    await kit.openAnswer(WORKER, rated);
    await kit.act(WORKER, rated, 'rate', { rating: 'satisfied' });
    kit.setTime(bj('2026-04-03T09:00:00'));
    await run();
    expect(await toldAbout(kit, rated)).not.toHaveProperty('rate_invitation');
    expect((await toldAbout(kit, id)).appeal_reminder).toHaveLength(1);
  });
});

describe('staff, each working morning', () => {
  it('a digest of what is due within 3 working days and overdue, from 08:00 on working days only', async () => {
    // Received on Monday 6 April: triage due in 15 days, 21 April (a Tuesday).
    kit.setTime(bj('2026-04-06T10:00:00'));
    const soon = (await kit.submit(WORKER)).petition.id;
    const late = (await kit.submit(WORKER)).petition.id;
    void soon;
    kit.setTime(bj('2026-04-17T07:30:00')); // Friday, before eight
    await run();
    expect(await digestsFor('ds.reception')).toEqual([]);

    kit.setTime(bj('2026-04-17T08:05:00')); // 21 April is the 2nd working day from here
    await run();
    await run();
    const friday = await digestsFor('ds.reception');
    expect(friday).toHaveLength(1);
    expect(friday[0]?.body).toMatch(/2件将在3个工作日内到期，0件已超期/);

    kit.setTime(bj('2026-04-18T09:00:00')); // Saturday: no digest
    await run();
    expect(await digestsFor('ds.reception')).toHaveLength(1);

    await kit.act('ds.reception', late, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-04-20',
    });
    kit.setTime(bj('2026-04-22T08:30:00'));
    await run();
    const wednesday = await digestsFor('ds.reception');
    expect(wednesday).toHaveLength(2);
    expect(wednesday[1]?.body).toMatch(/0件将在3个工作日内到期，1件已超期/);
    // The section the other one was assigned to has its report-back date passed.
    expect((await digestsFor('ds.handler')).at(-1)?.body).toMatch(/1件已超期/);
  });

  it('Art 22, 30: an accusation about the whole group is in its reception’s digest, who must forward it', async () => {
    kit.setTime(bj('2026-04-23T10:00:00'));
    const accused = (
      await kit.submit(WORKER, { kind: 'accusation', concernedUnitId: kit.unit('JA'), categoryCode: 'other' })
    ).petition.id;
    kit.setTime(bj('2026-05-08T08:30:00'));
    await run();
    expect(await toldAbout(kit, accused)).toEqual({
      received: [await kit.petitionerId(WORKER)],
      case_new: [kit.staffId('reception')],
    });
    // Nobody stands outside the group: its reception holds it, and its 15 days run (Art 22).
    const groupReception = await digestsFor('reception');
    expect(groupReception.some((d) => /[1-9]件将在|[1-9]件已超期/.test(d.body))).toBe(true);
  });
});

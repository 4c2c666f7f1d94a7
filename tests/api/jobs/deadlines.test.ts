import { runDeadlineJob } from '@xinfang/server/jobs/deadlines';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from '../petitions/kit';

const WORKER = '13800000001';
const late = { reason: '我不同意这个答复' };
const LETTER = {
  request: '补发夜班加班费',
  factsAndReasons: '经核实考勤，夜班加班属实。',
  decision: '补发全部夜班加班费。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'support',
};

/**
 * What time alone changes: once the petitioner's window after a delivered reply has lapsed, the
 * deadline job closes the case — resolved when it was rated satisfied, concluded otherwise (Art 35).
 */
describe('the deadline job', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  async function replied(): Promise<string> {
    const { petition } = await kit.submit(WORKER);
    // Accepted by the mine's own office, the mine handles it: its head drafts, approves and issues.
    await kit.act('ds.reception', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'draft_reply', LETTER);
    await kit.act('ds.head', petition.id, 'approve_reply');
    await kit.act('ds.head', petition.id, 'issue_reply');
    return petition.id;
  }

  async function delivered(): Promise<string> {
    const id = await replied();
    await kit.openAnswer(WORKER, id);
    return id;
  }

  it('never closes a reply that was not delivered: its window has not started (Art 35)', async () => {
    const undelivered = await replied();
    kit.tick({ days: 400 });
    await runDeadlineJob(kit.app, kit.now());
    expect((await kit.detail('ds.head', undelivered)).state).toBe('replied');
  }, 30_000);

  it('leaves a reply alone while the review window is open, then closes it', async () => {
    const unrated = await delivered();
    const satisfied = await delivered();
    await kit.act(WORKER, satisfied, 'rate', { rating: 'satisfied' });

    expect(await runDeadlineJob(kit.app, kit.now())).toMatchObject({ closed: 0 });
    expect((await kit.detail(WORKER, unrated)).state).toBe('replied');

    kit.tick({ days: 40 });
    // Before the job runs, a late review names Art 35's 30 days …
    const before = await kit.refused(WORKER, unrated, 'request_review', late, 'review.window_closed');
    const outcome = await runDeadlineJob(kit.app, kit.now());
    expect(outcome.closed).toBe(2);
    expect((await kit.detail(WORKER, unrated)).state).toBe('concluded');
    expect((await kit.detail(WORKER, satisfied)).state).toBe('resolved');
    // … and after it closed the case, the same answer, not a bare "closed".
    const after = await kit.refused(WORKER, unrated, 'request_review', late, 'review.window_closed');
    expect(after).toEqual(before);
    expect(after).toMatchObject({ article: 'Art 35' });
    // The petitioner reads why the case was closed: the review window lapsed.
    const closing = (await kit.detail(WORKER, unrated)).timeline.at(-1);
    expect(closing).toMatchObject({
      type: 'closed',
      data: { outcome: 'concluded', lapsed: 'review_window' },
    });

    const entries = await kit.app.db
      .selectFrom('audit_log')
      .select(['actor_type', 'target_id'])
      .where('action', '=', 'petition.close')
      .execute();
    expect(entries.map((e) => e.target_id).sort()).toEqual([satisfied, unrated].sort());
    expect(entries.every((e) => e.actor_type === 'system')).toBe(true);
    // Running again changes nothing.
    expect(await runDeadlineJob(kit.app, kit.now())).toEqual({ closed: 0, moved: 0 });
  });
});

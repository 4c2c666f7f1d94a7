import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from './kit';

const WORKER = '13800000001';
const LETTER = {
  request: '补发夜班补贴',
  factsAndReasons: '经核实考勤，夜班天数属实。',
  decision: '补发两个月夜班补贴。',
  legalBasis: '《东山煤矿薪酬管理办法》有关规定',
  outcome: 'support',
};

/**
 * Issue 11, item 11: the demo's own people can take a case through review and re-examination to
 * its final answer (Art 35, 36). A section answers; its mine (东山煤矿, `ds.head`) reviews; the
 * group re-examines — the demo's `handler` drafts and issues, its `head` approves — and the case
 * is final. No account has to be made first.
 */
describe('the demo answers a re-examination with its own people', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit.close());

  async function answer(handler: string, head: string, id: string) {
    await kit.act(handler, id, 'draft_reply', LETTER);
    await kit.act(head, id, 'approve_reply');
    return kit.act(handler, id, 'issue_reply');
  }

  it('from the section’s answer, through the mine’s review, to the group’s final answer', async () => {
    const { petition } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    await kit.act('ds.handler', id, 'accept');
    await answer('ds.handler', 'ds.head', id);

    const review = await kit.act(WORKER, id, 'request_review', { reason: '补发金额不对' });
    expect(review.units.handling?.code).toBe('JA-DS');
    await answer('ds.head', 'ds.head', id);

    const reExamination = await kit.act(WORKER, id, 'request_re_examination', {
      reason: '复查没有回应我的理由',
    });
    expect(reExamination.units.handling?.code).toBe('JA');
    // The group's handler drafts, but only its head approves.
    await kit.act('handler', id, 'draft_reply', LETTER);
    await kit.refused('handler', id, 'approve_reply', {}, 'auth.role_not_permitted');
    await kit.act('head', id, 'approve_reply');
    const final = await kit.act('handler', id, 'issue_reply');
    expect(final).toMatchObject({ state: 'final', stage: 're_examination' });
  });
});

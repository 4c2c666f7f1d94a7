import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offered, PetitionKit } from './kit';

const WORKER = '13800000001';
const LETTER = {
  request: '补发夜班补贴',
  factsAndReasons: '经核实考勤，夜班天数属实。',
  decision: '补发两个月夜班补贴。',
  legalBasis: '《东山煤矿薪酬管理办法》有关规定',
  outcome: 'support',
};
const NOTE = '内部：此人情绪激动，已报稳控专班';

/**
 * What the petitioner is told comes next (audit 36b): a delivery's 说明 stays with staff (D4), and
 * once the top of the organisation has answered, the case says a 复核 goes to 有权处理的上级机关 —
 * by the same rule that refuses one here (D2, Art 36; the page's words: appeal-elsewhere.test.ts).
 */
describe('the petitioner’s case page after each answer', () => {
  let kit: PetitionKit;
  const bj = (local: string) => new Date(`${local}+08:00`).toISOString();
  beforeAll(async () => {
    kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
  });
  afterAll(() => kit.close());

  async function answer(handler: string, head: string, id: string) {
    await kit.act(handler, id, 'draft_reply', LETTER);
    await kit.act(head, id, 'approve_reply');
    return kit.act(handler, id, 'issue_reply');
  }

  it('the mine answers, the group reviews; the note on a delivery never reaches the worker', async () => {
    const { petition } = await kit.submit(WORKER);
    const id = petition.id;
    await kit.act('ds.reception', id, 'accept');
    await answer('ds.head', 'ds.head', id);
    const delivered = await kit.http('ds.reception', 'POST', `/api/petitions/${id}/deliveries`, {
      method: 'visit',
      deliveredOn: '2026-03-02',
      note: NOTE,
      version: kit.versions.get(id),
    });
    expect(delivered.statusCode, delivered.body).toBe(200);

    const staffSees = (await kit.detail('ds.reception', id)).timeline.find(
      (e) => e.type === 'reply_delivered',
    );
    expect(staffSees?.data).toHaveProperty('note', NOTE);
    const mine = await kit.detail(WORKER, id);
    const told = mine.timeline.find((e) => e.type === 'reply_delivered');
    expect(told?.data).toMatchObject({ method: 'visit', deliveredOn: '2026-03-02' });
    expect(JSON.stringify(mine)).not.toContain(NOTE);
    // The group, above the mine, takes a 复查 here.
    expect(mine).toMatchObject({ noHigherUnit: false, stage: 'first' });
    expect(offered(mine)).toContain('request_review');

    // The group reviews it, and nobody above the group is here: the 复核 goes elsewhere (Art 36).
    kit.setTime(bj('2026-03-05T09:00:00'));
    const reviewing = await kit.act(WORKER, id, 'request_review', { reason: '补发天数不对' });
    expect(reviewing.units.handling?.code).toBe('JA');
    await answer('head', 'head', id);
    await kit.openAnswer(WORKER, id);
    const reviewed = await kit.detail(WORKER, id);
    expect(reviewed).toMatchObject({ stage: 'review', state: 'replied', noHigherUnit: true });
    // 我的信访's line says so too.
    const line = (await kit.list(WORKER)).items.find((p) => p.id === id);
    expect(line).toMatchObject({ noHigherUnit: true });
    expect(reviewed.clocks.some((c) => c.name === 're_examination_window' && c.finishedAt === null)).toBe(
      true,
    );
    expect(offered(reviewed)).not.toContain('request_re_examination');
    await kit.refused(
      WORKER,
      id,
      'request_re_examination',
      { reason: '不服' },
      're_examination.no_higher_level',
    );
  });
});

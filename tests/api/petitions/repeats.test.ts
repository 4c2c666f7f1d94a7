import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../support/pdf';
import { expectError, PetitionKit } from './kit';

/**
 * Repeat petitions (重复信访): the same person about the same matter. Linked with their similarity;
 * inadmissible at a higher level while pending below within its limit (Art 19 ¶3) and after
 * finality (Art 36 ¶3), declined at once by the system with the statutory reason — after finality
 * only when the text brings nothing new, else left to reception; declined by staff on those grounds
 * only naming the earlier case, which the server checks; linked and unlinked by hand.
 */

const WORKER = '13800000001';
const XH_WORKER = '13800000002';
const RESIDENT = '13900000003';
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

const MATTER = {
  title: '综采一队拖欠2025年冬季取暖补贴',
  content: '综采一队2025年冬季的取暖补贴至今没有发放，队里说要等矿上统一安排，已经拖了四个月，请求尽快发放。',
};
const SAME_AGAIN = {
  title: '再次反映综采一队拖欠2025年冬季取暖补贴',
  content: '综采一队2025年冬季的取暖补贴至今没有发放，队里说要等矿上统一安排，已经拖了五个月，请求尽快发放。',
};

let kit: PetitionKit;

beforeAll(async () => {
  // The long-history case submits 300 petitions from one person: past the daily bound, on purpose.
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00'), config: { submissionsPerDay: 1_000_000 } });
  await kit.createStaff('ja.head', 'JA', ['unit_head']);
});
afterAll(() => kit?.close());

const LETTER = {
  request: '发放取暖补贴',
  factsAndReasons: '经核实补贴标准已公布。',
  decision: '按标准发放。',
  legalBasis: '集团福利管理办法',
  outcome: 'support',
};

/** A staff decline's refusal: the rule, and that it is about the reason. */
async function declineRefused(who: string, id: string, ground: string, reason: string, rule: string) {
  const details = await kit.refused(who, id, 'decline', { ground, reason }, rule);
  expect(details.param).toBe('reason');
}

describe('repeat petitions', () => {
  let first = '';
  let firstNumber = '';
  let secondNumber = '';
  let strangerNumber = '';

  it('the same person submitting the same matter again is linked, with the similarity', async () => {
    const one = await kit.submit(WORKER, { ...MATTER, concernedUnitId: kit.unit('JA-DS-ZC-1') });
    first = one.petition.id;
    firstNumber = one.petition.number;
    kit.tick({ hours: 2 });
    const two = await kit.submit(WORKER, { ...SAME_AGAIN, concernedUnitId: kit.unit('JA-DS-ZC-1') });
    const second = two.petition.id;
    secondNumber = two.petition.number;
    // Both at the mine's office: a repeat at the same level, not level-skipping — it stays open.
    expect(two.petition.state).toBe('registered');

    const staffView = await kit.detail('ds.reception', second);
    expect(staffView.links).toHaveLength(1);
    expect(staffView.links[0]).toMatchObject({ petitionId: first, number: firstNumber, source: 'detected' });
    expect(staffView.links[0]?.similarity).toBeGreaterThanOrEqual(0.7);
    expect(staffView.links[0]?.similarity).toBeLessThan(1);
    expect((await kit.detail('ds.reception', first)).links.map((l) => l.petitionId)).toEqual([second]);
    // Petitioners never see links.
    expect((await kit.detail(WORKER, second)).links).toEqual([]);

    // Another person's identical text is not a repeat.
    const stranger = await kit.submit(RESIDENT, { ...MATTER, concernedUnitId: kit.unit('JA-DS-ZC-1') });
    strangerNumber = stranger.petition.number;
    expect((await kit.detail('ds.reception', stranger.petition.id)).links).toEqual([]);
    // Nor is the same person's text about another unit.
    const elsewhere = await kit.submit(WORKER, { ...MATTER, concernedUnitId: kit.unit('JA-DS-JJ-1') });
    expect((await kit.detail('ds.reception', elsewhere.petition.id)).links).toEqual([]);
    // Withdrawn to keep the inbox honest.
    await kit.act(WORKER, second, 'withdraw', {});
  });

  it('pending below within its limit: the group’s registration is declined at once (Art 19 ¶3)', async () => {
    await kit.act('ds.reception', first, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-04-30',
    });
    await kit.act('ds.handler', first, 'accept');
    kit.tick({ days: 3 });
    // The worker goes over the mine's head to the group, who register the visit.
    const { petition } = await kit.register('reception', {
      ...SAME_AGAIN,
      concernedUnitId: kit.unit('JA-DS-ZC-1'),
      channel: 'visit',
      petitioner: { realName: '张伟', phone: '13800000001' },
    });
    expect(petition.state).toBe('declined');
    expect(petition.units.receiving.code).toBe('JA');
    const declined = petition.timeline.at(-1);
    expect(declined).toMatchObject({ type: 'declined', actorRole: 'system', visibility: 'petitioner' });
    expect(declined?.data.ground).toBe('pending_elsewhere');
    expect(String(declined?.data.reason).split('第十九条第三款')).toHaveLength(2);
    expect(String(declined?.data.reason)).toContain(firstNumber);
    expect(petition.links.map((l) => l.petitionId)).toContain(first);
    // The worker, once he says the registration is his, reads the statutory reason.
    await kit.claim(WORKER, petition.id);
    const mine = await kit.detail(WORKER, petition.id);
    expect(mine.timeline.at(-1)).toMatchObject({ type: 'declined', data: { ground: 'pending_elsewhere' } });
    const audit = await kit.audit(petition.id);
    expect(audit.map((a) => [a.action, a.actor_type])).toEqual(
      expect.arrayContaining([
        ['petition.register', 'staff'],
        ['petition.decline', 'system'],
      ]),
    );
    // The first case goes on untouched.
    expect((await kit.detail('ds.handler', first)).state).toBe('handling');
  });

  it('a different matter from the same person at the group is not declined', async () => {
    const { petition } = await kit.register('reception', {
      concernedUnitId: kit.unit('JA-DS-ZC-1'),
      petitioner: { realName: '张伟', phone: '13800000001' },
    });
    expect(petition.state).toBe('registered');
  });

  it('staff declining on Art 19 ¶3 name the case pending below, and only such a case will do', async () => {
    // Reception at the group finds the registration is about the matter the section handles.
    const { petition } = await kit.register('reception', {
      concernedUnitId: kit.unit('JA-DS-ZC-1'),
      petitioner: { realName: '张伟', phone: '13800000001' },
    });
    const rule = 'decline.pending_case_required';
    await declineRefused('reception', petition.id, 'pending_elsewhere', '该事项正在矿上办理', rule);
    // Another person's case, this one's own withdrawn case, a number nobody has: refused alike.
    for (const number of [strangerNumber, secondNumber, 'XF2026-999999', petition.number])
      await declineRefused('reception', petition.id, 'pending_elsewhere', `与 ${number} 为同一事项`, rule);
    const declined = await kit.act('reception', petition.id, 'decline', {
      ground: 'pending_elsewhere',
      reason: `与正在安全科办理的 ${firstNumber} 为同一事项，请等候其答复。`,
    });
    expect(declined.state).toBe('declined');
    expect(declined.timeline.at(-1)).toMatchObject({
      type: 'declined',
      actorRole: 'reception',
      data: { ground: 'pending_elsewhere', reason: expect.stringContaining(firstNumber) },
    });
    // The notice names the unit handling the earlier case, where the petitioner may follow it.
    const [notice] = (await kit.documents('reception', petition.id)).filter(
      (d) => d.type === 'decline_notice',
    );
    const pdf = await kit.http('reception', 'GET', `/api/documents/${notice?.id}.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect((await pdfText(pdf.rawPayload)).replace(/\s+/g, '')).toContain(
      `信访编号${firstNumber}的信访事项正由东山煤矿安全科办理，您可以向其了解办理情况。`,
    );
  });

  it('after the case is final, the same facts again are declined with Art 36 ¶3', async () => {
    // First answer by the section, review by the mine, re-examination by the group.
    await kit.act('ds.handler', first, 'draft_reply', LETTER);
    await kit.act('ds.head', first, 'approve_reply');
    await kit.act('ds.handler', first, 'issue_reply');
    await kit.act(WORKER, first, 'request_review', { reason: '标准不对' });
    await kit.act('ds.head', first, 'draft_reply', LETTER);
    await kit.act('ds.head', first, 'approve_reply');
    await kit.act('ds.head', first, 'issue_reply');
    await kit.act(WORKER, first, 'request_re_examination', { reason: '还是不对' });
    await kit.act('ja.head', first, 'draft_reply', LETTER);
    await kit.act('ja.head', first, 'approve_reply');
    expect((await kit.act('ja.head', first, 'issue_reply')).state).toBe('final');

    kit.tick({ days: 1 });
    // The same text again, spaced and punctuated otherwise: declined at once.
    const { petition } = await kit.submit(WORKER, {
      title: `${MATTER.title}！`,
      content: ` ${MATTER.content.replace(/，/g, ', ').replace('。', '!!')}`,
      concernedUnitId: kit.unit('JA-DS-ZC-1'),
    });
    expect(petition.state).toBe('declined');
    const declined = petition.timeline.at(-1);
    expect(declined).toMatchObject({ type: 'declined', actorRole: 'system' });
    expect(declined?.data.ground).toBe('already_final');
    expect(String(declined?.data.reason).split('第三十六条第三款')).toHaveLength(2);
    expect(String(declined?.data.reason)).toContain(firstNumber);
    expect((await kit.detail('ds.reception', petition.id)).links.map((l) => l.petitionId)).toContain(first);
  });

  it('after finality, anything that may be new facts is registered, for reception to weigh', async () => {
    const unit = { concernedUnitId: kit.unit('JA-DS-ZC-1') };
    const newFacts = `${MATTER.content}新情况：今年矿上发文把补贴取消了，我有新证据。`;
    const added = (await kit.submit(WORKER, { ...MATTER, content: newFacts, ...unit })).petition;
    const retold = (await kit.submit(WORKER, { ...SAME_AGAIN, ...unit })).petition;
    for (const petition of [added, retold]) {
      expect(petition.state).toBe('registered');
      // Reception sees the final case linked, as the same matter, and may still decline.
      const seen = await kit.detail('ds.reception', petition.id);
      expect(seen.links.find((l) => l.petitionId === first)).toMatchObject({ state: 'final' });
      expect(seen.links.find((l) => l.petitionId === first)?.similarity).toBeGreaterThanOrEqual(0.7);
      expect(seen.allowedActions.map((a) => a.type)).toEqual(expect.arrayContaining(['accept', 'decline']));
    }

    // Declining on Art 36 ¶3, reception names the final case; one not final will not do.
    const rule = 'decline.final_case_required';
    await declineRefused('ds.reception', retold.id, 'already_final', '与已终结事项相同', rule);
    await declineRefused('ds.reception', retold.id, 'already_final', `同 ${added.number}`, rule);
    const reason = `与已复核终结的 ${firstNumber} 为同一事实和理由，未提出新的事实和理由。`;
    const declined = await kit.act('ds.reception', retold.id, 'decline', { ground: 'already_final', reason });
    expect(declined.timeline.at(-1)).toMatchObject({
      type: 'declined',
      data: { ground: 'already_final', reason },
    });
    // The written notice the petitioner gets names that case.
    const [notice] = (await kit.documents('ds.reception', retold.id)).filter(
      (d) => d.type === 'decline_notice',
    );
    const pdf = await kit.http('ds.reception', 'GET', `/api/documents/${notice?.id}.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect((await pdfText(pdf.rawPayload)).replace(/\s+/g, '')).toContain(
      `同一事实和理由的信访事项（信访编号${firstNumber}）已经复核终结`,
    );

    // On any other ground than the statute's named ones, the reason cites the provision.
    await declineRefused('ds.reception', added.id, 'other', '已经通过诉讼途径解决', 'decline.basis_required');
    const other = await kit.act('ds.reception', added.id, 'decline', {
      ground: 'other',
      reason: '补贴取消一事已由人民法院判决，依据《信访工作条例》第三十一条，请依照判决执行。',
    });
    expect(other.state).toBe('declined');
  });

  it('a lower level that let its limit run out does not block the higher one', async () => {
    const { petition: low } = await kit.submit(RESIDENT, {
      title: '矿区道路扬尘严重',
      content: '矿区运煤道路扬尘严重，居民无法开窗，多次反映没有洒水降尘，请求治理。',
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'environment',
    });
    // Nobody triages it for more than fifteen days.
    kit.tick({ days: 20 });
    expect((await kit.detail('ds.reception', low.id)).clocks.find((c) => c.name === 'triage')?.status).toBe(
      'overdue',
    );
    const { petition: high } = await kit.register('reception', {
      title: '矿区道路扬尘严重无人治理',
      content: '矿区运煤道路扬尘严重，居民无法开窗，多次反映没有洒水降尘，请求尽快治理。',
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'environment',
      petitioner: { realName: '王秀英', phone: '13900000003' },
    });
    expect(high.state).toBe('registered');
    expect(high.links.map((l) => l.petitionId)).toEqual([low.id]);
  });

  it('the holder of a phone who said a registration is not theirs is not that person again', async () => {
    // 赵德明's clerk typed a stranger's phone; the stranger has the same matter pending below.
    const stranger = '13700000077';
    const pending = (await kit.submit(stranger, { ...MATTER, concernedUnitId: kit.unit('JA-DS-ZC-1') }))
      .petition;
    await kit.act('ds.reception', pending.id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-06-30',
    });
    await kit.act('ds.handler', pending.id, 'accept');
    const first = await kit.register('reception', {
      title: '井口浴室热水不足',
      content: '井口浴室下班高峰时没有热水，工人洗不上澡，请求增加锅炉。',
      concernedUnitId: kit.unit('JA-DS'),
      petitioner: { realName: '赵德明', phone: stranger },
    });
    await kit.claim(stranger, first.petition.id, false);
    const person = (await kit.detail('reception', first.petition.id)).petitioner?.id as string;
    // 赵德明 comes back about the subsidy, in words like the stranger's: his own matter, not a
    // repeat of the stranger's case, and not declined on it (Art 19 ¶3 is about the same person).
    const { petition } = await kit.register('reception', {
      ...SAME_AGAIN,
      concernedUnitId: kit.unit('JA-DS-ZC-1'),
      petitioner: { id: person },
    });
    expect(petition.state).toBe('registered');
    expect(petition.links).toEqual([]);
  });
});

describe('links by hand', () => {
  it('staff link two petitions and undo it; both sides show it; bad links are refused', async () => {
    const a = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') })).petition.id;
    const b = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-RLK') })).petition.id;
    expect((await kit.detail('ds.reception', a)).links).toEqual([]);

    const linked = await kit.http('ds.reception', 'POST', `/api/petitions/${a}/links`, { petitionId: b });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().links).toEqual([
      expect.objectContaining({ petitionId: b, source: 'staff', similarity: expect.any(Number) }),
    ]);
    expect((await kit.detail('ds.reception', b)).links.map((l) => [l.petitionId, l.source])).toEqual([
      [a, 'staff'],
    ]);
    // Linking again changes nothing.
    const again = await kit.http('ds.reception', 'POST', `/api/petitions/${a}/links`, { petitionId: b });
    expect(again.json().links).toHaveLength(1);
    expect((await kit.audit(a)).filter((e) => e.action === 'petition.link')).toHaveLength(2);

    const unlinked = await kit.http('ds.reception', 'DELETE', `/api/petitions/${b}/links/${a}`);
    expect(unlinked.statusCode, unlinked.body).toBe(200);
    expect(unlinked.json().links).toEqual([]);
    expect((await kit.detail('ds.reception', a)).links).toEqual([]);
    expect((await kit.audit(b)).map((e) => e.action)).toContain('petition.unlink');

    expectError(
      await kit.http('ds.reception', 'POST', `/api/petitions/${a}/links`, { petitionId: a }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('ds.reception', 'POST', `/api/petitions/${a}/links`, {
        petitionId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
      }),
      404,
      'NOT_FOUND',
    );
    // Petitioners do not link.
    expectError(
      await kit.http(WORKER, 'POST', `/api/petitions/${a}/links`, { petitionId: b }),
      403,
      'FORBIDDEN',
    );
  });

  it('a link cannot reach a petition outside the staff member’s own subtree', async () => {
    const ds = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') })).petition;
    const xh = (await kit.submit(XH_WORKER, { concernedUnitId: kit.unit('JA-XH-AQK') })).petition;
    expectError(await kit.http('xh.head', 'GET', `/api/petitions/${ds.id}`), 404, 'NOT_FOUND');
    const linked = await kit.http('xh.head', 'POST', `/api/petitions/${xh.id}/links`, { petitionId: ds.id });
    expectError(linked, 404, 'NOT_FOUND');
    expect(linked.body).not.toContain(ds.title);
    expect((await kit.detail('xh.head', xh.id)).links).toEqual([]);
  });

  it('a long history under one title: the same matter is still found, with a bounded read', async () => {
    // 300 petitions about one team under the same title: a band this title forms is shared by about
    // half of them, too many to read, so candidates come from the most recent few per band
    // (repeats.ts); the same matter shares rarer bands too.
    const PERSON = '13800000002';
    const unit = kit.unit('JA-XH-ZC-1');
    const title = '关于井下通风的反映';
    const hanzi = () =>
      Array.from({ length: 80 }, () => String.fromCodePoint(0x4e00 + randomInt(0x5000))).join('');
    const texts = Array.from({ length: 300 }, hanzi);
    const ids: string[] = [];
    for (const content of texts)
      ids.push((await kit.submit(PERSON, { title, content, concernedUnitId: unit })).petition.id);
    const again = await kit.submit(PERSON, { title, content: texts[2], concernedUnitId: unit });
    const links = (await kit.detail('xh.head', again.petition.id)).links;
    expect(links.map((l) => l.petitionId)).toContain(ids[2]);
    expect(links.find((l) => l.petitionId === ids[2])?.similarity).toBe(1);
  }, 120_000);

  it('shows a linked case only to those who may see it: not across mines, not to a recused handler', async () => {
    // One worker's matter, raised with both mines (a link joins one person's petitions).
    const ds = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') })).petition;
    const xh = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-XH-AQK') })).petition;
    // The group sees both mines, and links them.
    const linked = await kit.http('reception', 'POST', `/api/petitions/${ds.id}/links`, {
      petitionId: xh.id,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().links.map((l: { petitionId: string }) => l.petitionId)).toEqual([xh.id]);
    // Each mine sees its own case, and nothing of the other mine's: no number, no title.
    for (const [who, id, other] of [
      ['ds.head', ds.id, xh],
      ['xh.head', xh.id, ds],
    ] as const) {
      const response = await kit.http(who, 'GET', `/api/petitions/${id}`);
      expect(response.json().links, who).toEqual([]);
      expect(response.body).not.toContain(other.number);
    }
    // Within one mine: a handler recused from one case sees the other without the link to it.
    const own = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') })).petition;
    await kit.act('ds.reception', own.id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-05-29',
    });
    await kit.act('ds.reception', ds.id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-05-29',
    });
    const sameMine = await kit.http('ds.reception', 'POST', `/api/petitions/${own.id}/links`, {
      petitionId: ds.id,
    });
    expect(sameMine.statusCode, sameMine.body).toBe(200);
    expect((await kit.detail('ds.handler', own.id)).links.map((l) => l.petitionId)).toEqual([ds.id]);
    await kit.act('ds.head', ds.id, 'recuse', {
      staffId: kit.staffId('ds.handler'),
      reason: '与信访人有亲属关系',
    });
    const seen = await kit.http('ds.handler', 'GET', `/api/petitions/${own.id}`);
    expect(seen.json().links).toEqual([]);
    expect(seen.body).not.toContain(ds.number);
  });
});

describe('Art 19 ¶3 bars only a case accepted or being handled below within its limits', () => {
  const HOSTEL = {
    title: '西河煤矿单身宿舍冬季不供暖',
    content:
      '西河煤矿单身职工宿舍三号楼入冬以来一直不供暖，室内只有几度，多次向安全科反映没有结果，请求尽快恢复供暖。',
  };
  const HOSTEL_AGAIN = {
    title: '再次反映西河煤矿单身宿舍冬季不供暖',
    content:
      '西河煤矿单身职工宿舍三号楼入冬以来一直不供暖，室内只有几度，多次向安全科反映没有结果，请求马上恢复供暖。',
  };
  const SHOWER = {
    title: '西河煤矿井口浴室热水时有时无',
    content:
      '西河煤矿井口浴室的热水时有时无，夜班升井后经常洗不上热水澡，向安全科反映后至今没有答复，请求解决。',
  };
  const SHOWER_AGAIN = {
    title: '西河煤矿井口浴室热水仍然时有时无',
    content:
      '西河煤矿井口浴室的热水时有时无，夜班升井后经常洗不上热水澡，向安全科反映后至今没有答复，请求尽快解决。',
  };
  const atGroupDesk = (matter: { title: string; content: string }) =>
    kit.register('reception', {
      ...matter,
      concernedUnitId: kit.unit('JA-XH-AQK'),
      categoryCode: 'other',
      channel: 'visit',
      petitioner: { realName: '李娜', phone: XH_WORKER },
    });
  const assignedToSection = async (matter: { title: string; content: string }) => {
    const { petition } = await kit.submit(XH_WORKER, {
      ...matter,
      concernedUnitId: kit.unit('JA-XH-AQK'),
      categoryCode: 'other',
    });
    await kit.act('reception', petition.id, 'assign', {
      unit: kit.unit('JA-XH-AQK'),
      reportBackBy: kit.beijingDate(200),
    });
    return petition.id;
  };

  it('answered below: the group registers the same matter (the way on is review, Art 35)', async () => {
    const low = await assignedToSection(SHOWER);
    await kit.act('xh.handler', low, 'accept');
    await kit.act('xh.handler', low, 'draft_reply', LETTER);
    await kit.act('xh.head', low, 'approve_reply');
    expect((await kit.act('xh.handler', low, 'issue_reply')).state).toBe('replied');
    kit.tick({ days: 1 });
    const { petition } = await atGroupDesk(SHOWER_AGAIN);
    expect(petition.state).toBe('registered');
    expect(petition.links.map((l) => l.petitionId)).toEqual([low]);
  });

  it('assigned below and never accepted for 150 days: no longer a bar at the group', async () => {
    const low = await assignedToSection(HOSTEL);
    kit.tick({ days: 150 });
    expect((await kit.detail('xh.handler', low)).state).toBe('assigned');
    const { petition } = await atGroupDesk(HOSTEL_AGAIN);
    expect(petition.state).toBe('registered');
    expect(petition.links.map((l) => l.petitionId)).toEqual([low]);
  });
});

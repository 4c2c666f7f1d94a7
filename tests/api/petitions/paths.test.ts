import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageCentre } from '../notifications/support';
import { clock, eventTypes, expectError, offered, PetitionKit } from './kit';

/**
 * The other ways a petition goes: diverted to arbitration, declined, forwarded to the discipline
 * organ, objected to and sent back or overruled, suggestions adopted, withdrawn — and the
 * accusation firewall of Art 30, which keeps an accuser's identity from the accused unit.
 */

const WORKER = '13800000001'; // 张伟, 东山
const XH_WORKER = '13800000002'; // 李娜, 西河
const RESIDENT = '13900000003'; // 王秀英
const bj = (local: string) => new Date(`${local}+08:00`).toISOString();

let kit: PetitionKit;

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-03-02T09:00:00') });
});
afterAll(() => kit?.close());

describe('triage ends', () => {
  it('divert: a wage request goes to arbitration, and the worker reads where to go', async () => {
    const { petition, queryCode } = await kit.submit(WORKER, { categoryCode: 'wages' });
    const guidance =
      '工资争议属于劳动争议，请于一年内向晋安市劳动人事争议仲裁委员会申请仲裁（迎泽路 12 号）。';
    const diverted = await kit.act('ds.reception', petition.id, 'divert', { route: 'arbitration', guidance });
    expect(diverted.state).toBe('diverted');
    expect(clock(diverted, 'triage')).toMatchObject({ met: true });
    expect(offered(diverted)).toEqual([]);

    const mine = await kit.detail(WORKER, petition.id);
    expect(mine.state).toBe('diverted');
    expect(mine.timeline.find((e) => e.type === 'diverted')?.data).toEqual({
      route: 'arbitration',
      guidance,
    });
    expect(offered(mine)).toEqual([]);
    // Without signing in, too.
    const looked = await kit.http(null, 'POST', '/api/lookup', { number: petition.number, queryCode });
    expect(looked.json().timeline.find((e: { type: string }) => e.type === 'diverted').data).toEqual({
      route: 'arbitration',
      guidance,
    });
    // An ended case takes no further action.
    await kit.refused('ds.reception', petition.id, 'accept', {}, 'state.closed');
    await kit.refused(WORKER, petition.id, 'withdraw', {}, 'state.closed');
  });

  it('divert is for requests only (Art 31); a suggestion is refused with the rule', async () => {
    const { petition } = await kit.submit(WORKER, {
      kind: 'suggestion',
      categoryCode: 'management_suggestion',
    });
    const details = await kit.refused(
      'ds.reception',
      petition.id,
      'divert',
      { route: 'litigation', guidance: '去法院' },
      'triage.divert_requests_only',
    );
    expect(details.article).toBe('Art 31');
    expect(offered(await kit.detail('ds.reception', petition.id))).not.toContain('divert');
  });

  it('divert by the handling unit: a request it took on goes to arbitration, with its own notice', async () => {
    const { petition } = await kit.submit(WORKER, { categoryCode: 'wages' });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-30' });
    expect(offered(await kit.detail('ds.handler', id))).toContain('divert');
    await kit.act('ds.handler', id, 'accept');
    const ledger = async (figure: string, from: string, to: string) => {
      const query = new URLSearchParams({ figure, from, to, limit: '100' });
      const response = await kit.http('ds.head', 'GET', `/api/ledger?${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as { items: { id: string }[] }).items.map((item) => item.id);
    };
    expect(await ledger('owed.first', kit.beijingDate(0), kit.beijingDate(90))).toContain(id);
    // Once it is handled there, the office no longer routes it.
    await kit.refused(
      'ds.reception',
      id,
      'divert',
      { route: 'arbitration', guidance: 'x' },
      'state.not_allowed',
    );
    const guidance = '经了解，该争议属于劳动报酬争议，请向晋安市劳动人事争议仲裁委员会申请仲裁。';
    const diverted = await kit.act('ds.handler', id, 'divert', { route: 'arbitration', guidance });
    expect(diverted.state).toBe('diverted');
    expect(diverted.clocks.filter((c) => c.finishedAt === null)).toEqual([]);
    expect(offered(diverted)).toEqual([]);
    const mine = await kit.detail(WORKER, id);
    expect(mine.timeline.at(-1)).toMatchObject({
      type: 'diverted',
      data: { route: 'arbitration', guidance },
    });
    // The written notice is the section's, which decided (Art 31).
    const notice = (await kit.documents(WORKER, id)).find((d) => d.type === 'diversion_notice');
    expect(notice?.issuingUnit.code).toBe('JA-DS-AQK');
    expect((await kit.audit(id)).map((a) => a.action)).toContain('petition.divert');
    // The figures: triaged when assigned, and no longer an answer owed within 60 days (Art 34).
    expect(await ledger('triaged', kit.beijingDate(0), kit.beijingDate(0))).toContain(id);
    expect(await ledger('owed.first', kit.beijingDate(0), kit.beijingDate(90))).not.toContain(id);
  });

  it('decline: with its reason and where to turn, told to the petitioner', async () => {
    const { petition, queryCode } = await kit.submit(RESIDENT, {
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'other',
    });
    // A ground outside the statute's list is not a body the API takes.
    const bogus = await kit.send('ds.reception', petition.id, 'decline', { ground: 'bogus', reason: 'x' });
    expectError(bogus, 400, 'VALIDATION_FAILED');
    const reason =
      '所反映的是邻里之间的私人纠纷，不属于本单位信访工作受理范围，建议向所在社区人民调解委员会申请调解。';
    const guidance = '所在社区人民调解委员会';
    const declined = await kit.act('ds.reception', petition.id, 'decline', {
      ground: 'not_a_petition_matter',
      reason,
      guidance,
    });
    expect(declined.state).toBe('declined');
    const mine = await kit.detail(RESIDENT, petition.id);
    expect(mine.timeline.at(-1)).toMatchObject({
      type: 'declined',
      visibility: 'petitioner',
      data: { ground: 'not_a_petition_matter', reason, guidance },
    });
    // Without signing in, too: where to turn is an official act, told to whoever holds the code.
    const looked = await kit.http(null, 'POST', '/api/lookup', { number: petition.number, queryCode });
    expect(looked.json().timeline.find((e: { type: string }) => e.type === 'declined').data).toEqual({
      ground: 'not_a_petition_matter',
      reason,
      guidance,
    });
    expect(clock(mine, 'notice')).toMatchObject({ met: true });
  });

  it('forward: an accusation against a team goes from the group to the discipline organ', async () => {
    const { petition } = await kit.submit(XH_WORKER, {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-XH-ZC-1'),
      categoryCode: 'cadre_conduct',
      title: '综采一队队长克扣工人奖金',
    });
    expect(petition.units.receiving.code).toBe('JA'); // accusations go to the top (Art 30)
    // The mine's people do not see an accusation about their team at the group.
    expectError(await kit.http('xh.head', 'GET', `/api/petitions/${petition.id}`), 404, 'NOT_FOUND');
    await kit.refused(
      'reception',
      petition.id,
      'divert',
      { route: 'litigation', guidance: 'x' },
      'triage.divert_requests_only',
    );
    const forwarded = await kit.act('reception', petition.id, 'forward', {
      recipientOrgan: '晋安煤业集团纪委',
      reason: '反映党员干部违纪问题，属纪检监察机关职责范围。',
    });
    expect(forwarded.state).toBe('forwarded');
    const mine = await kit.detail(XH_WORKER, petition.id);
    expect(mine.timeline.at(-1)).toMatchObject({
      type: 'forwarded',
      data: { recipientOrgan: '晋安煤业集团纪委' },
    });
  });
});

describe('objections (Art 23 ¶3, 24)', () => {
  it('the unit objects with reasons inside five working days; the sender agrees and triage starts again', async () => {
    const { petition } = await kit.submit(RESIDENT, {
      concernedUnitId: kit.unit('JA-DS-RLK'),
      categoryCode: 'housing',
    });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-15' });
    kit.setTime(bj('2026-03-05T10:00:00'));
    const objected = await kit.act('ds.handler', id, 'object', {
      reasons: '住房问题归人力资源科和后勤管理，不属于安全科职责。',
    });
    expect(objected.state).toBe('objected');
    expect(offered(objected)).not.toContain('object');
    expect(offered(objected)).not.toContain('accept');
    // Internal: the resident sees no quarrel between units.
    expect(eventTypes(await kit.detail(RESIDENT, id))).toEqual(['registered', 'assigned']);
    expect(offered(await kit.detail('ds.reception', id))).toEqual(
      expect.arrayContaining(['agree_objection', 'overrule_objection']),
    );
    await kit.refused('ds.handler', id, 'agree_objection', {}, 'auth.role_not_permitted');

    const agreed = await kit.act('ds.reception', id, 'agree_objection', { note: '改交人力资源科' });
    expect(agreed.state).toBe('registered');
    expect(agreed.units.handling).toBeNull();
    // A fresh 15 days of triage from the agreement: 5 March + 15 = 20 March.
    const triage = agreed.clocks.filter((c) => c.name === 'triage');
    expect(triage.at(-1)).toMatchObject({ dueDate: '2026-03-20', status: 'running' });
    expect(offered(agreed)).toContain('assign');
  });

  it('or overrules it: the unit handles the case, its sixty days counted from the overruling', async () => {
    const { petition } = await kit.submit(WORKER, { categoryCode: 'safety' });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-04-30' });
    await kit.act('ds.handler', id, 'object', { reasons: '应由通风科处理。' });
    // One objection per assignment.
    await kit.refused('ds.handler', id, 'object', { reasons: '再议' }, 'state.not_allowed');
    kit.setTime(bj('2026-03-06T10:00:00'));
    const overruled = await kit.act('ds.reception', id, 'overrule_objection', {
      reasons: '通风设施属安全科监管范围，请依职责办理。',
    });
    expect(overruled.state).toBe('handling');
    expect(overruled.units.handling?.code).toBe('JA-DS-AQK');
    // 6 March + 60 = 5 May (劳动节) → 6 May.
    expect(clock(overruled, 'handling')).toMatchObject({ dueDate: '2026-05-06', status: 'running' });
    expect(offered(await kit.detail('ds.handler', id))).toContain('draft_reply');
  });
});

describe('suggestions (Art 29) and withdrawal', () => {
  for (const outcome of ['adopted', 'partly_adopted'] as const) {
    it(`a suggestion ${outcome.replace('_', ' ')}: answered, rated, no review`, async () => {
      const { petition } = await kit.submit(WORKER, {
        kind: 'suggestion',
        concernedUnitId: kit.unit('JA-DS'),
        categoryCode: 'management_suggestion',
      });
      const id = petition.id;
      await kit.act('ds.reception', id, 'accept');
      await kit.refused(
        'ds.head',
        id,
        'draft_reply',
        { request: '建议', factsAndReasons: '研究', decision: '采纳', outcome: 'support' },
        'reply.outcome_for_kind',
      );
      // A suggestion's answer needs no legal basis.
      const drafted = await kit.act('ds.head', id, 'draft_reply', {
        request: '建议井口增设班前热饭点',
        factsAndReasons: '经研究，井口确有需要。',
        decision: outcome === 'adopted' ? '采纳，下月建成。' : '部分采纳：先在主井口试点。',
        outcome,
      });
      expect(drafted.state).toBe('reply_drafted');
      await kit.act('ds.head', id, 'approve_reply');
      const issued = await kit.act('ds.head', id, 'issue_reply');
      expect(issued.state).toBe('replied');
      expect(issued.clocks.some((c) => c.name === 'review_window')).toBe(false);

      // The rating window runs from the day the worker opens the answer (its delivery).
      await kit.openAnswer(WORKER, id);
      const mine = await kit.detail(WORKER, id);
      expect(clock(mine, 'rating_window').kind).toBe('window');
      expect(mine.timeline.find((e) => e.type === 'reply_issued')?.data.letter).toMatchObject({ outcome });
      expect(offered(mine)).toEqual(['petitioner_message', 'rate']);
      await kit.refused(WORKER, id, 'request_review', { reason: '想复查' }, 'review.requests_only');
      const rated = await kit.act(WORKER, id, 'rate', { rating: 'satisfied' });
      expect(clock(rated, 'rating_window')).toMatchObject({ met: true });
    });
  }

  it('an adopted suggestion rewarded (Art 29): once, by the mine’s head, told to the worker plainly', async () => {
    const { petition } = await kit.submit(WORKER, {
      kind: 'suggestion',
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'management_suggestion',
    });
    const id = petition.id;
    const reward = { reward: 'commendation', description: '在全矿安全生产例会上通报表扬' };
    await kit.act('ds.reception', id, 'accept');
    // Before the answer, the statute's own refusal, not merely "not now".
    const early = await kit.refused('ds.head', id, 'record_reward', reward, 'reward.not_answered');
    expect(early.article).toBe('Art 29');
    await kit.act('ds.head', id, 'draft_reply', {
      request: '建议井口增设班前安全提示屏',
      factsAndReasons: '经研究，建议可行，有利于安全生产。',
      decision: '采纳，已在主副井口安装。',
      outcome: 'adopted',
    });
    await kit.act('ds.head', id, 'approve_reply');
    const issued = await kit.act('ds.head', id, 'issue_reply');
    expect(offered(issued)).toContain('record_reward');
    // The reward is the unit's decision: recorded by its head, not by a handler.
    await kit.refused('handler', id, 'record_reward', reward, 'auth.role_not_permitted');
    const rewarded = await kit.act('ds.head', id, 'record_reward', reward);
    expect(rewarded.state).toBe('replied');
    expect(offered(rewarded)).not.toContain('record_reward');
    await kit.refused('head', id, 'record_reward', reward, 'reward.already_recorded');

    const mine = await kit.detail(WORKER, id);
    expect(mine.timeline.find((e) => e.type === 'suggestion_rewarded')).toMatchObject({
      visibility: 'petitioner',
      data: { ...reward, unitId: kit.unit('JA-DS'), outcome: 'adopted' },
    });
    const told = (await messageCentre(kit, WORKER)).items.filter(
      (n) => n.petitionId === id && n.event === 'suggestion_rewarded',
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain(
      '中提出的建议被采纳，东山煤矿给予您通报表扬：在全矿安全生产例会上通报表扬',
    );
    expect((await kit.audit(id)).map((a) => a.action)).toContain('petition.record_reward');
  });

  it('no reward for a request, nor for a suggestion not adopted (Art 29)', async () => {
    const request = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS') })).petition.id;
    await kit.act('ds.reception', request, 'accept');
    const reward = { reward: 'bonus', description: '奖金五百元' };
    await kit.refused('ds.head', request, 'record_reward', reward, 'reward.suggestions_only');

    const { petition } = await kit.submit(WORKER, {
      kind: 'suggestion',
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'management_suggestion',
    });
    await kit.act('ds.reception', petition.id, 'accept');
    await kit.act('ds.head', petition.id, 'draft_reply', {
      request: '建议取消夜班',
      factsAndReasons: '煤矿连续生产，不能取消夜班。',
      decision: '不予采纳。',
      outcome: 'not_adopted',
    });
    await kit.act('ds.head', petition.id, 'approve_reply');
    const issued = await kit.act('ds.head', petition.id, 'issue_reply');
    expect(offered(issued)).not.toContain('record_reward');
    const refused = await kit.refused('ds.head', petition.id, 'record_reward', reward, 'reward.not_adopted');
    expect(refused.article).toBe('Art 29');
  });

  it('the petitioner withdraws while it is handled; afterwards nobody acts on it', async () => {
    const { petition } = await kit.submit(WORKER);
    const id = petition.id;
    await kit.refused('ds.reception', id, 'withdraw', {}, 'auth.role_not_permitted');
    // Someone else's petition does not exist for a petitioner at all.
    expectError(await kit.send(RESIDENT, id, 'withdraw', {}), 404, 'NOT_FOUND');
    await kit.act('ds.reception', id, 'accept');
    const withdrawn = await kit.act(WORKER, id, 'withdraw', { reason: '矿上已经主动解决了' });
    expect(withdrawn.state).toBe('withdrawn');
    expect(withdrawn.clocks.every((c) => c.finishedAt !== null)).toBe(true);
    expect(eventTypes(await kit.detail('ds.reception', id)).at(-1)).toBe('withdrawn');
    await kit.refused(
      'ds.head',
      id,
      'draft_reply',
      {
        request: 'x',
        factsAndReasons: 'y',
        decision: 'z',
        legalBasis: 'w',
        outcome: 'explain',
      },
      'state.closed',
    );
  });
});

describe('the accusation firewall (Art 30)', () => {
  const STRONG = 'Firewall-Pass-2026!';

  it('an accusation about a team is received at the group and cannot go to the team or below', async () => {
    const { petition } = await kit.submit(WORKER, {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS-ZC-1'),
      categoryCode: 'cadre_conduct',
      title: '综采一队副队长收受红包',
    });
    const id = petition.id;
    expect(petition.units.receiving.code).toBe('JA');
    const details = await kit.refused(
      'reception',
      id,
      'assign',
      { unit: kit.unit('JA-DS-ZC-1'), reportBackBy: '2026-04-30' },
      'triage.accusation_to_accused_unit',
    );
    expect(details.article).toBe('Art 30');
    // The mine above the team may handle it, and sees who wrote.
    const assigned = await kit.act('reception', id, 'assign', {
      unit: kit.unit('JA-DS'),
      reportBackBy: '2026-04-30',
    });
    expect(assigned.state).toBe('assigned');
    const mine = await kit.detail('ds.head', id);
    expect(mine).toMatchObject({ identityWithheld: false, petitioner: { realName: '张伟' } });

    // A head appointed in the accused team never sees the case: not in lists, not by its address.
    const created = await kit.http('admin', 'POST', '/api/staff', {
      username: 'zc1.head',
      displayName: '综采一队队长',
      unitId: kit.unit('JA-DS-ZC-1'),
      roles: ['unit_head', 'handler'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const temporary = created.json().temporaryPassword as string;
    kit.sessions.passwords.set('zc1.head', temporary);
    const changed = await kit.http('zc1.head', 'POST', '/api/auth/password', {
      currentPassword: temporary,
      newPassword: STRONG,
    });
    expect(changed.statusCode, changed.body).toBe(200);
    kit.sessions.passwords.set('zc1.head', STRONG);
    kit.sessions.forget('zc1.head');
    await kit.refreshDirectory();

    expectError(await kit.http('zc1.head', 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
    expect((await kit.listAll('zc1.head')).map((p) => p.id)).not.toContain(id);
    expect((await kit.listAll('zc1.head', { search: '13800000001' })).map((p) => p.id)).not.toContain(id);
    expectError(
      await kit.http('zc1.head', 'POST', `/api/petitions/${id}/petitioner/reveal`, { reason: '核实身份' }),
      404,
      'NOT_FOUND',
    );
    expectError(await kit.send('zc1.head', id, 'add_note', { text: '我看看' }), 404, 'NOT_FOUND');
  });

  it('an accusation registered at the accused mine’s own desk goes to the group; the mine sees none of it', async () => {
    // A collective visit registered at the mine's own office, accusing the mine's leadership.
    const registered = await collectiveAccusation('ds.reception', 'JA-DS', '矿领导');
    const id = registered.petition.id;
    expect(registered.petition.units.receiving.code).toBe('JA');
    await attachScan(id, 'ds.reception');

    // The group's reception is outside the accused unit: it sees the accuser, masked, and may reveal.
    const group = await kit.detail('reception', id);
    expect(group.identityWithheld).toBe(false);
    expect(group.petitioner).toMatchObject({ realName: '赵磊', phone: '138****0004' });
    expect(group.attachments).toHaveLength(1);
    expect(group.collective?.representatives).toEqual(['刘大山', '陈小川']);
    const revealed = await kit.http('reception', 'POST', `/api/petitions/${id}/petitioner/reveal`, {
      reason: '需电话联系代表',
    });
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toMatchObject({ realName: '赵磊', phone: '13800000004' });

    // Art 30: the accused mine keeps no materials, not even at the desk that wrote them down.
    for (const who of ['ds.head', 'ds.reception', 'ds.handler']) {
      expectError(await kit.http(who, 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
      expect((await kit.listAll(who)).map((p) => p.id)).not.toContain(id);
    }
    expectError(
      await kit.http('ds.head', 'POST', `/api/petitions/${id}/petitioner/reveal`, { reason: '想知道是谁' }),
      404,
      'NOT_FOUND',
    );
    expect((await kit.listAll('ds.head', { search: '13800000004' })).map((p) => p.id)).not.toContain(id);

    // The mine's own desk cannot name him as a person it knows: he is hidden from it.
    const accuser = group.petitioner?.id as string;
    const byId = await kit.http(
      'ds.reception',
      'POST',
      '/api/petitions/register',
      {
        ...kit.submission(),
        channel: 'visit',
        receivedAt: new Date().toISOString(),
        petitioner: { id: accuser },
      },
      { 'idempotency-key': `k-${randomUUID()}` },
    );
    expect(expectError(byId, 400, 'VALIDATION_FAILED').details).toEqual([
      { path: '/body/petitioner/id', message: 'is not a petitioner' },
    ]);
    // The group's desk, which knows him, registers his request about the same mine for him. It is
    // not linked to the accusation as a repeat, though the words are alike: a link would tell
    // anyone who sees the request who made the accusation.
    const request = await kit.register('reception', {
      kind: 'request',
      channel: 'visit',
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'wages',
      title: '要求补发高温津贴',
      content: '矿领导班子违规给自己发放高温津贴，职工一分没有，要求给职工补发高温津贴。',
      petitioner: { id: accuser },
    });
    const other = request.petition.id;
    expect(request.petition.petitioner?.id).toBe(accuser);
    expect((await kit.detail('reception', other)).links).toEqual([]);
    expect((await kit.detail('reception', id)).links).toEqual([]);
    // Linked by hand by someone who may know both ends, it still stays hidden from the mine's head.
    const linked = await kit.http('reception', 'POST', `/api/petitions/${other}/links`, { petitionId: id });
    expect(linked.statusCode, linked.body).toBe(200);
    const seenByHead = await kit.detail('ds.head', other);
    expect(seenByHead.petitioner?.realName).toBe('赵磊');
    expect(seenByHead.links).toEqual([]);
    expect((await kit.listAll('ds.head', { search: '13800000004' })).map((p) => p.id)).toEqual([other]);
    // Nor may the mine's staff make such a link: for them the accusation does not exist.
    const mineLink = await kit.http('ds.reception', 'POST', `/api/petitions/${other}/links`, {
      petitionId: id,
    });
    expectError(mineLink, 404, 'NOT_FOUND');
  });

  it('staff of an accused group, who hold the case, never see who the accuser is', async () => {
    // Nobody in the organisation stands outside the group: its own office holds the accusation,
    // to pass it to the discipline organ above (Art 22), without learning who made it.
    const registered = await collectiveAccusation('reception', 'JA', '集团领导');
    const id = registered.petition.id;
    expect(registered.petition.units.receiving.code).toBe('JA');
    await attachScan(id, 'reception');

    const head = await kit.detail('head', id);
    expect(head.identityWithheld).toBe(true);
    expect(head.petitioner).toBeNull();
    expect(head.attachments).toEqual([]);
    // The headcount stays; no representative is named, not even masked (刘*山 names him in a team).
    expect(head.collective).toEqual({ headcount: 6, representatives: [] });
    const registeredEvent = head.timeline.find((e) => e.type === 'registered');
    expect(registeredEvent?.data.collective).toEqual({ headcount: 6, representatives: [] });
    const body = JSON.stringify(head);
    for (const secret of [
      '赵磊',
      '刘大山',
      '陈小川',
      '刘*山',
      '陈*川',
      '赵*',
      '13800000004',
      '0004',
      '东山矿区 7 号楼',
    ])
      expect(body, secret).not.toContain(secret);
    const reveal = await kit.http('head', 'POST', `/api/petitions/${id}/petitioner/reveal`, {
      reason: '想知道是谁',
    });
    expectError(reveal, 403, 'FORBIDDEN');
    const denied = (await kit.audit(id)).filter((e) => e.action === 'petitioner.reveal');
    expect(denied.map((e) => e.outcome)).toEqual(['denied']);
    // The list does not give the accuser away either, nor does a search by the accuser's phone.
    expect((await kit.listAll('head', { search: '13800000004' })).map((p) => p.id)).not.toContain(id);

    // The group may not handle an accusation against itself: only the way out is open.
    await kit.refused('reception', id, 'accept', {}, 'triage.accusation_to_accused_unit');
    expect(offered(await kit.detail('reception', id))).not.toContain('accept');
    const forwarded = await kit.act('reception', id, 'forward', {
      recipientOrgan: '市纪委监委',
      reason: '反映集团领导班子问题，按规定报送市纪委监委。',
    });
    expect(forwarded.state).toBe('forwarded');
    expect(forwarded.identityWithheld).toBe(true);
    expect(forwarded.petitioner).toBeNull();
  });

  it('photos the accuser sends with a message (补充材料) reach those who may know him, never the accused', async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#777777' } })
      .png()
      .toBuffer();
    const { petition } = await kit.submit(WORKER, {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'cadre_conduct',
      title: '矿领导克扣安全奖',
    });
    const id = petition.id;
    const payslip = await kit.uploadImage(WORKER, png);
    // Only his own uploads, each used once: another petitioner's photo is refused, nothing written.
    const someoneElses = await kit.uploadImage(XH_WORKER, png);
    const before = await kit.eventCount(id);
    const foreign = { text: '工资条', attachmentIds: [payslip, someoneElses] };
    expectError(await kit.send(WORKER, id, 'petitioner_message', foreign), 400, 'VALIDATION_FAILED');
    expect(await kit.eventCount(id)).toBe(before);
    const text = '三月工资条，安全奖被扣了 800 元';
    const mine = await kit.act(WORKER, id, 'petitioner_message', { text, attachmentIds: [payslip] });
    expect(mine.timeline.find((e) => e.type === 'petitioner_wrote')?.data).toEqual({
      text,
      attachmentIds: [payslip],
    });
    expect(mine.attachments.map((a) => a.id)).toEqual([payslip]);
    expect((await kit.http(WORKER, 'GET', `/api/attachments/${payslip}`)).statusCode).toBe(200);
    const again = { text: '再发一次', attachmentIds: [payslip] };
    expectError(await kit.send(WORKER, id, 'petitioner_message', again), 400, 'VALIDATION_FAILED');
    expect((await kit.audit(id)).map((a) => a.action)).toContain('petition.petitioner_message');

    // The group's reception, outside the accused mine, sees them with the message.
    const group = await kit.detail('reception', id);
    expect(group.attachments.map((a) => a.id)).toEqual([payslip]);
    expect(group.timeline.find((e) => e.type === 'petitioner_wrote')?.data.attachmentIds).toEqual([payslip]);
    expect((await kit.http('reception', 'GET', `/api/attachments/${payslip}`)).statusCode).toBe(200);
    // Art 30: the mine's staff neither list nor open them.
    for (const who of ['ds.head', 'ds.reception', 'ds.handler']) {
      expectError(await kit.http(who, 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
      for (const variant of ['', '/thumbnail'])
        expectError(await kit.http(who, 'GET', `/api/attachments/${payslip}${variant}`), 404, 'NOT_FOUND');
    }

    // Staff of an accused group hold its case, but get neither the photos nor their ids.
    const aboutGroup = (
      await kit.submit(WORKER, {
        kind: 'accusation',
        concernedUnitId: kit.unit('JA'),
        categoryCode: 'cadre_conduct',
        title: '集团领导克扣安全奖',
      })
    ).petition.id;
    const proof = await kit.uploadImage(WORKER, png);
    await kit.act(WORKER, aboutGroup, 'petitioner_message', { text, attachmentIds: [proof] });
    const head = await kit.detail('head', aboutGroup);
    expect(head.attachments).toEqual([]);
    expect(head.timeline.find((e) => e.type === 'petitioner_wrote')?.data).toEqual({
      text,
      attachmentIds: [],
    });
    expect(JSON.stringify(head)).not.toContain(proof);
    expectError(await kit.http('head', 'GET', `/api/attachments/${proof}`), 404, 'NOT_FOUND');
  });

  /** A collective visit registered at `desk` for 赵磊, accusing the `leaders` of a unit. */
  function collectiveAccusation(desk: string, unitCode: string, leaders: string) {
    return kit.register(desk, {
      kind: 'accusation',
      channel: 'visit',
      concernedUnitId: kit.unit(unitCode),
      categoryCode: 'cadre_conduct',
      title: `${leaders}违规发放津贴`,
      content: `${leaders}班子违规给自己发放高温津贴，职工一分没有。`,
      headcount: 6,
      representatives: ['刘大山', '陈小川'],
      petitioner: { realName: '赵磊', phone: '13800000004', address: '东山矿区 7 号楼' },
    });
  }

  /** A scan of the complaint, as the attachments module will store it. */
  async function attachScan(petitionId: string, uploader: string): Promise<void> {
    await kit.app.db
      .insertInto('attachment')
      .values({
        id: randomUUID().replace(/-/g, '').slice(0, 26),
        owner_type: 'staff',
        owner_id: kit.staffId(uploader),
        petition_id: petitionId,
        kind: 'pdf',
        mime: 'application/pdf',
        byte_size: 1234,
        sha256: 'a'.repeat(64),
        storage_key: `test/${randomUUID()}`,
        thumbnail_key: null,
        width: null,
        height: null,
        created_at: new Date().toISOString(),
      })
      .execute();
  }
});

describe('the objection window closes (5 working days)', () => {
  it('after the fifth working day the unit can only accept', async () => {
    kit.setTime(bj('2026-03-09T09:00:00'));
    const { petition } = await kit.submit(WORKER, { categoryCode: 'safety' });
    const id = petition.id;
    const assigned = await kit.act('ds.reception', id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: '2026-05-29',
    });
    // Tue 10 … Mon 16 March.
    expect(clock(assigned, 'objection_window').dueDate).toBe('2026-03-16');
    kit.setTime(bj('2026-03-17T08:00:00'));
    const late = await kit.detail('ds.handler', id);
    expect(offered(late)).not.toContain('object');
    expect(offered(late)).toContain('accept');
    const details = await kit.refused(
      'ds.handler',
      id,
      'object',
      { reasons: '太晚了' },
      'objection.window_closed',
    );
    expect(details.article).toBe('Art 23 ¶3');
    expect((await kit.act('ds.handler', id, 'accept')).state).toBe('handling');
  });
});

describe('oversight: recusal (Art 28) and supervision (Art 40)', () => {
  it('a head recuses a handler, who then no longer sees the case anywhere', async () => {
    kit.setTime(bj('2026-03-18T09:00:00'));
    const { petition } = await kit.submit(RESIDENT, { categoryCode: 'safety' });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-05-29' });
    await kit.act('ds.handler', id, 'accept');
    // A handler recuses only themselves.
    await kit.refused(
      'ds.handler',
      id,
      'recuse',
      { staffId: kit.staffId('ds.head'), reason: '矿长是被反映人的亲属' },
      'recusal.only_self_or_head',
    );
    const countsBefore = (await kit.http('ds.handler', 'GET', '/api/petitions/counts')).json();
    await kit.act('ds.head', id, 'recuse', {
      staffId: kit.staffId('ds.handler'),
      reason: '承办人与信访人有亲属关系',
    });
    expectError(await kit.http('ds.handler', 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
    expect((await kit.listAll('ds.handler')).map((p) => p.id)).not.toContain(id);
    const countsAfter = (await kit.http('ds.handler', 'GET', '/api/petitions/counts')).json();
    expect(countsAfter.all).toBe(countsBefore.all - 1);
    expectError(await kit.send('ds.handler', id, 'add_note', { text: '我还想看看' }), 404, 'NOT_FOUND');
    // Internal: the resident does not learn of it.
    expect(eventTypes(await kit.detail(RESIDENT, id))).not.toContain('recused');
    expect(eventTypes(await kit.detail('ds.head', id))).toContain('recused');
  });

  it('a supervisor supervises the unit holding a case; that unit answers in writing', async () => {
    const { petition, queryCode } = await kit.submit(WORKER, { categoryCode: 'safety' });
    const id = petition.id;
    await kit.act('ds.reception', id, 'assign', { unit: kit.unit('JA-DS-AQK'), reportBackBy: '2026-05-29' });
    await kit.act('ds.handler', id, 'accept');
    await kit.refused(
      'supervisor',
      id,
      'issue_supervision',
      { concern: 'delay', requirements: '请加快办理', dueDate: '2026-03-01' },
      'supervision.due_in_past',
    );
    // Reception is no supervisor.
    await kit.refused(
      'reception',
      id,
      'issue_supervision',
      { concern: 'delay', requirements: '请加快办理', dueDate: '2026-03-25' },
      'auth.role_not_permitted',
    );
    const issued = await kit.act('supervisor', id, 'issue_supervision', {
      concern: 'delay',
      requirements: '请于3月25日前书面报告办理进展。',
      dueDate: '2026-03-25',
    });
    expect(clock(issued, 'supervision_answer')).toMatchObject({ dueDate: '2026-03-25', status: 'running' });
    expect(offered(await kit.detail('ds.handler', id))).toContain('answer_supervision');
    await kit.refused(
      'ds.handler',
      id,
      'answer_supervision',
      { supervisionNo: 2, answer: '没有这张督办单' },
      'supervision.unknown',
    );
    const answered = await kit.act('ds.handler', id, 'answer_supervision', {
      supervisionNo: 1,
      answer: '已完成现场核查，预计3月底出具处理意见。',
    });
    expect(clock(answered, 'supervision_answer')).toMatchObject({ met: true });
    expect(offered(answered)).not.toContain('answer_supervision');
    const mine = await kit.detail(WORKER, id);
    expect(eventTypes(mine)).not.toContain('supervision_issued');
    expect(mine.clocks.map((c) => c.name)).not.toContain('supervision_answer');
    // Nor by number and code, nor in the petitioner's list while the notice is open.
    const second = await kit.act('supervisor', id, 'issue_supervision', {
      concern: 'evasion',
      requirements: '再次督办。',
      dueDate: '2026-03-20',
    });
    expect(clock(second, 'supervision_answer', 'first').dueDate).toBe('2026-03-20');
    const listed = (await kit.list(WORKER)).items.find((p) => p.id === id);
    expect(listed?.nextDue?.name).not.toBe('supervision_answer');
    const looked = await kit.http(null, 'POST', '/api/lookup', { number: petition.number, queryCode });
    expect(looked.json().clocks.map((c: { name: string }) => c.name)).not.toContain('supervision_answer');
    expect(looked.body).not.toContain('再次督办');
  });

  it('包案 (Art 18): a case whose leader has left is taken over, and the step says from whom', async () => {
    const { petition } = await kit.submit(WORKER, { categoryCode: 'safety' });
    const id = petition.id;
    await kit.act('ds.reception', id, 'accept');
    const plan = { plan: '五定：本人包案，两周内化解。' };
    await kit.act('leader', id, 'take_case', plan);
    await kit.detail('ds.head', id);
    await kit.refused('ds.head', id, 'take_case', { plan: '由矿长接手包案' }, 'ownership.taken');
    const leaderId = kit.staffId('leader');
    const off = await kit.http('admin', 'PATCH', `/api/staff/${leaderId}`, { status: 'disabled' });
    expect(off.statusCode, off.body).toBe(200);
    expect(offered(await kit.detail('ds.head', id))).toContain('take_case');
    const taken = await kit.act('ds.head', id, 'take_case', { plan: '由矿长接手包案' });
    expect(taken.responsibleLeader?.id).toBe(kit.staffId('ds.head'));
    expect(taken.timeline.findLast((e) => e.type === 'case_taken')?.data).toEqual({
      plan: '由矿长接手包案',
      previousLeaderId: leaderId,
    });
    // Audited as the head's step; the new owner is active, so nobody takes it from him in turn.
    const steps = (await kit.audit(id)).filter((a) => a.action === 'petition.take_case');
    expect(steps.map((a) => a.actor_id)).toEqual([leaderId, kit.staffId('ds.head')]);
    await kit.detail('head', id);
    await kit.refused('head', id, 'take_case', plan, 'ownership.taken');
  });
});

/** A decision letter (Art 32) for cases whose answer is not the point of the test. */
const LETTER = {
  request: '补发加班费',
  factsAndReasons: '经核实，已按规定调休。',
  decision: '不予补发。',
  legalBasis: '《劳动法》第四十四条',
  outcome: 'explain',
};

describe('referral to a leader (呈阅, Art 18, 22, 30)', () => {
  const refer = (leader: string, note?: string) => ({
    leaderId: kit.staffId(leader),
    ...(note ? { note } : {}),
  });

  it('only to a leader of the receiving unit or above; a refusal names the rule and article', async () => {
    const { petition } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS') });
    const id = petition.id;
    expect(petition.units.receiving.code).toBe('JA-DS');
    const notLeader = await kit.refused(
      'ds.reception',
      id,
      'refer',
      refer('ds.handler'),
      'referral.not_leader',
    );
    expect(notLeader).toMatchObject({ article: 'Art 18', param: 'leaderId' });
    const otherMine = await kit.refused(
      'ds.reception',
      id,
      'refer',
      refer('xh.head'),
      'referral.outside_receiving',
    );
    expect(otherMine).toMatchObject({ article: 'Art 22' });
    const refused = await kit.send('ds.reception', id, 'refer', refer('xh.head'));
    expect(refused.json().error.message).toContain('《信访工作条例》第二十二条');
    // Nothing was written by a refused referral.
    expect((await kit.detail('ds.reception', id)).state).toBe('registered');
    // The mine's own head and the group's leader may be asked, and may instruct.
    await kit.act('ds.reception', id, 'refer', refer('ds.head'));
    expect(offered(await kit.detail('ds.head', id))).toContain('instruct');
  });

  it('an accusation is never referred to a leader of the accused unit (Art 30)', async () => {
    const { petition } = await kit.submit(WORKER, {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'cadre_conduct',
    });
    const id = petition.id;
    expect(petition.units.receiving.code).toBe('JA');
    const error = await kit.refused('reception', id, 'refer', refer('ds.head'), 'referral.accused_unit');
    expect(error).toMatchObject({ article: 'Art 30' });
    const referred = await kit.act('reception', id, 'refer', refer('head'));
    expect(referred.state).toBe('referred');
    expectError(await kit.http('ds.head', 'GET', `/api/petitions/${id}`), 404, 'NOT_FOUND');
  });

  it('a referred case never freezes: the office passes it on, and the first leader is no longer asked', async () => {
    const { petition } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS') });
    const id = petition.id;
    await kit.act('ds.reception', id, 'refer', refer('ds.head', '请矿长阅示'));
    const waiting = await kit.detail('ds.reception', id);
    expect(offered(waiting)).toEqual(expect.arrayContaining(['assign', 'forward', 'refer']));
    await kit.refused('ds.reception', id, 'refer', refer('ds.head'), 'referral.unchanged');
    const passed = await kit.act('ds.reception', id, 'refer', refer('head', '矿长外出，改呈集团'));
    expect(passed).toMatchObject({ state: 'referred' });
    // The step says who is asked now and who no longer is.
    expect(passed.timeline.at(-1)).toMatchObject({
      type: 'referred',
      data: {
        leaderId: kit.staffId('head'),
        leaderName: '马文（集团副总经理）',
        previousLeaderId: kit.staffId('ds.head'),
        previousLeaderName: '孙建国（东山煤矿矿长）',
        note: '矿长外出，改呈集团',
      },
    });
    expect(offered(await kit.detail('ds.head', id))).not.toContain('instruct');
    await kit.refused('ds.head', id, 'instruct', { instruction: '请核实' }, 'auth.not_referred_leader');
    await kit.act('head', id, 'instruct', { instruction: '请安监科核实后答复' });
    expect((await kit.audit(id)).map((a) => a.action)).toEqual(
      expect.arrayContaining(['petition.refer', 'petition.instruct']),
    );

    // Or the office takes a referred case back to routing itself; the clock of Art 22 runs on.
    const second = (await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS-AQK') })).petition;
    const before = clock(second, 'triage');
    await kit.act('ds.reception', second.id, 'refer', refer('ds.head'));
    const assigned = await kit.act('ds.reception', second.id, 'assign', {
      unit: kit.unit('JA-DS-AQK'),
      reportBackBy: kit.beijingDate(20),
    });
    expect(assigned.state).toBe('assigned');
    expect(clock(assigned, 'triage')).toMatchObject({ dueDate: before.dueDate, met: true });
    expect(offered(await kit.detail('ds.head', second.id))).not.toContain('instruct');
  });

  interface Offered {
    id: string;
    displayName: string;
    unit: { code: string; name: string };
    roles: string[];
  }
  const offeredLeaders = async (who: string, id: string): Promise<Offered[]> => {
    const response = await kit.http(who, 'GET', `/api/petitions/${id}/referral-leaders`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items;
  };

  it('the office is offered the leaders of its unit and above it, each of whom refer accepts', async () => {
    await kit.createStaff('aqk.chief', 'JA-DS-AQK', ['unit_head']);
    await kit.createStaff('ja.deputy', 'JA', ['responsible_leader']);
    const { petition } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS') });
    const id = petition.id;
    const offered = await offeredLeaders('ds.reception', id);
    const ids = offered.map((l) => l.id);
    // The mine's head first, then the group's leaders, whom the mine's staff list does not show.
    expect(ids[0]).toBe(kit.staffId('ds.head'));
    expect(ids).toEqual(expect.arrayContaining([kit.staffId('head'), kit.staffId('ja.deputy')]));
    expect(offered.map((l) => l.unit.code)).toEqual(['JA-DS', ...offered.slice(1).map(() => 'JA')]);
    // Not a section head below the office, another mine's head, nor anyone who is no leader.
    for (const other of ['aqk.chief', 'xh.head', 'ds.handler', 'reception'])
      expect(ids).not.toContain(kit.staffId(other));
    await kit.refused('ds.reception', id, 'refer', refer('aqk.chief'), 'referral.outside_receiving');
    // Who and where, nothing more: no phone.
    expect(offered[0]).toEqual({
      id: kit.staffId('ds.head'),
      displayName: '孙建国（东山煤矿矿长）',
      unit: { id: kit.unit('JA-DS'), code: 'JA-DS', name: expect.any(String) },
      roles: ['unit_head'],
    });
    // Everything offered is accepted; the leader asked now is not offered again.
    for (const leader of offered) {
      const referred = await kit.act('ds.reception', id, 'refer', { leaderId: leader.id });
      expect(referred.state).toBe('referred');
      const now = (await offeredLeaders('ds.reception', id)).map((l) => l.id);
      expect(now).toEqual(ids.filter((other) => other !== leader.id));
    }
    // Only for those who may refer it: a handler is answered as the action would answer him.
    const handler = await kit.http('handler', 'GET', `/api/petitions/${id}/referral-leaders`);
    expectError(handler, 422, 'LIFECYCLE_REFUSED');
    expectError(await kit.http('xh.head', 'GET', `/api/petitions/${id}/referral-leaders`), 404, 'NOT_FOUND');
  });

  it('an accusation: no leader of the accused unit is offered (Art 30), and each offered is accepted', async () => {
    const { petition } = await kit.submit(WORKER, {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA-DS'),
      categoryCode: 'cadre_conduct',
    });
    const id = petition.id;
    const offered = await offeredLeaders('reception', id);
    const ids = offered.map((l) => l.id);
    expect(ids).toContain(kit.staffId('head'));
    expect(ids).not.toContain(kit.staffId('ds.head'));
    expect(offered.every((l) => l.unit.code === 'JA')).toBe(true);
    for (const leader of offered)
      expect((await kit.act('reception', id, 'refer', { leaderId: leader.id })).state).toBe('referred');
  });
});

describe('a 包案领导 and the review above his unit (Art 18, 28, 35)', () => {
  it('the mine head who took a case approves nothing in the group’s review of it', async () => {
    const { petition } = await kit.submit(WORKER, { concernedUnitId: kit.unit('JA-DS') });
    const id = petition.id;
    await kit.act('ds.reception', id, 'accept');
    await kit.act('ds.head', id, 'take_case', { plan: '矿长包案，十日内约谈' });
    await kit.act('ds.head', id, 'draft_reply', LETTER);
    // In his own stage he approves as its head and 包案领导.
    await kit.act('ds.head', id, 'approve_reply');
    await kit.act('ds.head', id, 'issue_reply');
    await kit.openAnswer(WORKER, id);
    const review = await kit.act(WORKER, id, 'request_review', { reason: '不服矿上的答复' });
    expect(review).toMatchObject({ stage: 'review', state: 'handling' });
    expect(review.units.handling?.code).toBe('JA');
    await kit.act('handler', id, 'draft_reply', LETTER);

    const owner = await kit.detail('ds.head', id);
    expect(owner.responsibleLeader?.id).toBe(kit.staffId('ds.head'));
    expect(offered(owner)).toEqual([]);
    await kit.refused('ds.head', id, 'approve_reply', {}, 'auth.unit_out_of_scope');
    await kit.refused('ds.head', id, 'return_reply', { reason: '不同意' }, 'auth.unit_out_of_scope');
    // His 包案 list still shows the case he took, under him.
    const list = await kit.http('ds.head', 'GET', '/api/registers/owned');
    expect(list.json().items.map((i: { case: { petitionId: string } }) => i.case.petitionId)).toContain(id);

    // A leader of the group takes the review on; the case moves to his list.
    await kit.act('head', id, 'take_case', { plan: '集团包案复查' });
    const approved = await kit.act('head', id, 'approve_reply');
    expect(approved.state).toBe('reply_approved');
    const mine = await kit.http('ds.head', 'GET', '/api/registers/owned');
    expect(mine.json().items.map((i: { case: { petitionId: string } }) => i.case.petitionId)).not.toContain(
      id,
    );
    const his = await kit.http('head', 'GET', '/api/registers/owned');
    expect(his.json().items.map((i: { case: { petitionId: string } }) => i.case.petitionId)).toContain(id);
  });
});

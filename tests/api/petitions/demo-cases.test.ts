import {
  DEMO_CANCELLED_VISIT_REASON,
  DEMO_CASE_TITLES,
  DEMO_CASES,
  DEMO_CHANGED_DAY,
  DEMO_LINK_REASON,
  DEMO_LINKED_TITLES,
  DEMO_PAST_DAY,
  DEMO_RARE_NAME,
  seedDemoCases,
  withinToday,
} from '@xinfang/server/seed/demo-cases';
import { addDays, beijingDate, startOfBeijingDay } from '@xinfang/shared/clocks';
import type { Figures, LedgerPage } from '@xinfang/shared/schemas/figures';
import type { SupervisionFigures } from '@xinfang/shared/schemas/figures-supervision';
import type { HandOverPlan } from '@xinfang/shared/schemas/hand-over';
import type { UnreachedList } from '@xinfang/shared/schemas/unreached';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../../support/pdf';
import { messageCentre } from '../notifications/support';
import { offered, PetitionKit } from './kit';

/**
 * The demo cases `npm start` adds to the demo organisation: each made through the petition
 * service, so the API shows them in the stage their story names, to the people it names, with
 * their clocks and an audit trail marked as the seed's.
 */

let kit: PetitionKit;
let seededAt: Date;

beforeAll(async () => {
  // A Monday in term time, so that the stories' weeks fall on working days as they would.
  kit = await PetitionKit.start({ at: '2026-11-23T02:00:00.000Z' });
  seededAt = new Date();
  expect(await seedDemoCases(kit.app, seededAt)).toBe(DEMO_CASES.length);
});

afterAll(() => kit?.close());

async function byTitle(who: string, title: string) {
  const found = (await kit.listAll(who)).find((p) => p.title === title);
  expect(found, `${who} sees "${title}"`).toBeDefined();
  return kit.detail(who, found?.id as string);
}

describe('the demo cases', () => {
  it('gives 东山煤矿 reception a suggestion to triage', async () => {
    const counts = (await kit.http('ds.reception', 'GET', '/api/petitions/counts')).json();
    expect(counts.triage).toBe(1);
    const p = await byTitle('ds.reception', '建议运煤车辆夜间绕行矿区路');
    expect(p).toMatchObject({ state: 'registered', kind: 'suggestion', channel: 'online' });
    expect(offered(p)).toEqual(expect.arrayContaining(['accept', 'assign']));
  });

  it('gives 西河煤矿安全科 a letter registered at the group to accept, out of 东山煤矿’s sight', async () => {
    const p = await byTitle('xh.handler', '机电一队配电硐室漏水，请求尽快处理');
    expect(p).toMatchObject({ state: 'assigned', channel: 'letter' });
    expect(offered(p)).toContain('accept');
    expect((await kit.listAll('ds.head')).map((x) => x.title)).not.toContain(p.title);
  });

  it('puts a decision letter, an extension and a re-handling decision before the mine’s head', async () => {
    const counts = (await kit.http('ds.head', 'GET', '/api/petitions/counts')).json();
    expect(counts.approval).toBe(3);
    const letter = await byTitle('ds.head', '综采工作面回风巷照明灯具损坏多处');
    expect(letter.state).toBe('reply_drafted');
    expect(offered(letter)).toContain('approve_reply');
    const visit = await byTitle('ds.head', '掘进一队作业面粉尘大，防尘口罩发放不足');
    expect(visit).toMatchObject({
      state: 'handling',
      channel: 'visit',
      collective: { headcount: 6, representatives: ['赵磊', '孙立'] },
    });
    expect(offered(visit)).toContain('approve_extension');
    // The visit's petitioner was created at the desk, found later by the phone they gave.
    expect(visit.petitioner).toMatchObject({ realName: '赵磊', phone: '138****0004' });
  });

  it('shows 张伟 an answer he may rate and appeal, and 王秀英 hers rated', async () => {
    const answered = await byTitle('13800000001', '夜班补贴少发两个月');
    expect(answered.state).toBe('replied');
    expect(offered(answered)).toEqual(expect.arrayContaining(['rate', 'request_review']));
    const own = (await kit.listAll('13800000001')).map((p) => p.title);
    expect(own).toContain('综采工作面回风巷照明灯具损坏多处');
    const rated = await byTitle('13900000003', '矿区路 21 号门前排水沟堵塞');
    expect(rated.timeline.map((e) => e.type)).toContain('rated');
    expect(offered(rated)).not.toContain('rate');
  });

  it('carries the notices of each case: 张伟’s answer opened in the app, 李娜’s waiting for delivery', async () => {
    const answered = await byTitle('13800000001', '夜班补贴少发两个月');
    const documents = await kit.documents('13800000001', answered.id);
    expect(documents.map((d) => d.type)).toEqual(['acceptance_notice', 'decision']);
    const decision = documents.find((d) => d.type === 'decision');
    expect(decision).toMatchObject({
      number: '东山信复〔2026〕1号',
      delivery: { method: 'app' },
      awaitingDelivery: false,
    });
    const pdf = await kit.http('13800000001', 'GET', `/api/documents/${decision?.id}.pdf`);
    expect(pdf.headers['content-type']).toBe('application/pdf');

    const waiting = await byTitle('13800000002', '工伤认定材料迟迟未报送');
    expect(waiting.state).toBe('replied');
    expect(waiting.clocks.map((c) => c.name)).not.toContain('review_window');
    const pending = (await kit.http('ds.reception', 'GET', '/api/deliveries/pending')).json();
    expect(pending.items.map((p: { petitionId: string }) => p.petitionId)).toEqual([waiting.id]);
    expect(pending.items[0]).toMatchObject({ petitionerName: '李娜', ageDays: 4 });

    const posted = await byTitle('13900000003', '矿区路 21 号门前排水沟堵塞');
    const postedDecision = (await kit.documents('13900000003', posted.id)).find((d) => d.type === 'decision');
    expect(postedDecision?.delivery).toMatchObject({ method: 'post' });
  });

  it('shows an answer 王秀英 contested by letter, recorded at 东山煤矿’s desk as its review (Art 35)', async () => {
    const p = await byTitle('ds.head', '矿区路北侧废弃井口没有围挡');
    expect(p).toMatchObject({ state: 'handling', stage: 'review', units: { handling: { code: 'JA-DS' } } });
    expect(offered(p)).toContain('draft_reply');
    // Recorded five days ago, from a letter that arrived the day before: the 30 days run from then.
    const arrived = addDays(beijingDate(new Date(seededAt.getTime() - 5 * 24 * 3600_000).toISOString()), -1);
    expect(p.timeline.at(-1)).toMatchObject({
      type: 'review_requested',
      actorRole: 'reception',
      data: { channel: 'letter', receivedOn: arrived, unitId: kit.unit('JA-DS') },
    });
    const answer = p.clocks.find((c) => c.name === 'review_answer' && c.finishedAt === null);
    expect(answer?.start).toBe(new Date(`${arrived}T00:00:00+08:00`).toISOString());
    // She is told in her message centre that it arrived, who reviews it and by when.
    const told = (await messageCentre(kit, '13900000003')).items.filter(
      (n) => n.petitionId === p.id && n.event === 'appeal_received',
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.title).toBe('复查请求已收到');
    const [year, month, day] = (answer?.dueDate ?? '').split('-').map(Number);
    expect(told[0]?.body).toContain(`由东山煤矿复查，将在${year}年${month}月${day}日前作出复查意见`);
  });

  it('gives the supervisor an unanswered 督办单 and, once the job has run, an escalated case', async () => {
    await kit.app.jobs.run('escalations');
    const list = (await kit.http('supervisor', 'GET', '/api/supervision?status=overdue')).json();
    expect(list.notices.map((n: { petitionTitle: string }) => n.petitionTitle)).toEqual([
      '井下艰苦岗位津贴标准调整后未执行',
    ]);
    expect(list.notices[0]).toMatchObject({ status: 'overdue', unit: { code: 'JA-DS' } });
    const escalated = list.escalated.map((c: { petitionTitle: string }) => c.petitionTitle);
    expect(escalated).toContain('井下艰苦岗位津贴标准调整后未执行');
    expect(escalated).toContain('再次反映机电一队夜班加班费少算');
  });

  it('shows 王秀英’s unsatisfied suggestion waiting for ds.head’s re-handling decision, overdue', async () => {
    const list = (await kit.http('ds.head', 'GET', '/api/rehandling-decisions?waiting=true')).json();
    const waiting = list.items.find((i: { title: string }) => i.title === '建议井口候车室冬季供暖');
    expect(waiting).toMatchObject({ rehandle: null, overdue: true, unit: { name: '东山煤矿' } });
  });

  it('shows 王秀英 the commendation for her adopted suggestion (Art 29)', async () => {
    const p = await byTitle('13900000003', '建议在井口增设班前安全提示屏');
    expect(p.timeline.find((e) => e.type === 'suggestion_rewarded')?.data).toMatchObject({
      reward: 'commendation',
      outcome: 'adopted',
    });
  });

  it('fills the registers: the overdue case with its plan, 李娜’s matter brought three times', async () => {
    const backlog = (await kit.http('ds.head', 'GET', '/api/registers/backlog')).json();
    const overdue = backlog.items.find(
      (i: { case: { title: string } }) => i.case.title === '井下艰苦岗位津贴标准调整后未执行',
    );
    expect(overdue).toMatchObject({
      reasons: ['overdue'],
      responsibleLeader: { name: '陈国栋（包案领导）' },
      plan: { updatedBy: { name: '陈国栋（包案领导）' } },
    });
    const owned = (await kit.http('leader', 'GET', '/api/registers/owned')).json();
    expect(owned.items.map((i: { case: { title: string } }) => i.case.title)).toEqual([
      '井下艰苦岗位津贴标准调整后未执行',
    ]);
    const repeats = (await kit.http('xh.head', 'GET', '/api/registers/repeat-petitioners')).json();
    expect(repeats.items).toHaveLength(1);
    expect(repeats.items[0]).toMatchObject({ petitionerName: '李*', count: 3, open: true });
    expect(repeats.items[0].plan.plan).toContain('核查组');
  });

  it('shows oversight at work: a 改进建议 adopted in part and one awaited, a held 下访 with its case, a sensitive period ahead', async () => {
    const issued = (await kit.http('supervisor', 'GET', '/api/suggestions?view=issued&status=all')).json()
      .items;
    expect(
      issued.map((s: { status: string; unit: { code: string } }) => [s.status, s.unit.code]).sort(),
    ).toEqual([
      ['decided', 'JA-DS'],
      ['open', 'JA-XH'],
    ]);
    const year = seededAt.toISOString().slice(0, 4);
    const figures = (
      await kit.http('supervisor', 'GET', `/api/figures?from=${year}-01-01&to=${year}-12-31`)
    ).json();
    const count = (metric: string) =>
      figures.counts.find((c: { metric: string }) => c.metric === metric)?.value;
    expect([count('improvement_suggested'), count('improvement_adopted')]).toEqual([2, 1]);
    // The prevention work counts in the same figures: the graded dispute, the two 包案 (one since
    // handed back: a stint taken stays counted), the held 下访 and its case.
    const prevention = (figure: string) =>
      figures.prevention.find((p: { figure: string }) => p.figure === figure)?.value;
    expect(['screening.B', 'owned.taken', 'visits.held', 'visits.cases'].map(prevention)).toEqual([
      2, 2, 1, 1,
    ]);
    // The handed-back case heads 待包案, saying who handed it back and why.
    const unowned = (await kit.http('ds.head', 'GET', '/api/registers/unowned')).json().items;
    expect(unowned[0]).toMatchObject({
      case: { title: DEMO_CASE_TITLES.released },
      reasons: ['released'],
      released: { leader: { name: '陈国栋（包案领导）' }, reason: expect.stringContaining('调任新岗位') },
    });
    const visits = (await kit.http('leader', 'GET', '/api/grassroots-visits?status=all')).json();
    expect([visits.planned, visits.held, visits.cases]).toEqual([1, 1, 1]);
    const periods = (await kit.http('supervisor', 'GET', '/api/screening/sensitive-periods')).json();
    expect(periods.items).toHaveLength(1);
    expect(periods.items[0].from > seededAt.toISOString().slice(0, 10)).toBe(true);
  });

  it('shows prevention at work: a graded dispute this week, an overdue one raised, last week’s nil report, a reception day ahead', async () => {
    const items = (await kit.http('ds.liaison', 'GET', '/api/screening/items')).json().items;
    expect(
      items.map((i: { grade: string; unit: { code: string }; escalation?: unknown }) => [
        i.grade,
        i.unit.code,
        i.escalation ?? null,
      ]),
    ).toEqual([
      ['B', 'JA-DS-ZC-1', null],
      ['B', 'JA-DS-ZC-1', { flag: 'red', level: 1 }],
    ]);
    await kit.app.jobs.run('screeningEscalations');
    const told = await kit.app.db
      .selectFrom('notification')
      .select(['recipient_id', 'title'])
      .where('event', '=', 'escalation')
      .where('petition_id', 'is', null)
      .execute();
    expect(told).toEqual([{ recipient_id: kit.staffId('ds.head'), title: '排查事项超期，已提级督办' }]);
    const days = (await kit.http(null, 'GET', '/api/reception-days')).json().items;
    // The group's day a week ahead, and 东山煤矿's changed day (below).
    expect(days).toHaveLength(2);
    expect(days.find((d: { leader: string }) => d.leader === '陈国栋（包案领导）')).toMatchObject({
      leader: '陈国栋（包案领导）',
      slots: [{ left: 2 }, { left: 2 }, { left: 2 }],
    });
    const period = (items[0] as { period: string }).period;
    const missing = (
      await kit.http('supervisor', 'GET', `/api/screening/reports/missing?period=${period}`)
    ).json();
    expect(missing.missing.map((u: { code: string }) => u.code)).toContain('JA-DS-ZC-1');
  });

  it('shows aftercare: a forwarded case awaiting its organ’s outcome, a booking received as a visit', async () => {
    const forwarded = await byTitle('ds.reception', '劳务派遣期间失业保险未缴纳');
    expect(forwarded.state).toBe('forwarded');
    expect(forwarded.allowedActions.map((a) => a.type)).toContain('record_forward_outcome');
    const bookings = (await kit.http('13800000002', 'GET', '/api/me/bookings')).json().items;
    const received = bookings.find((b: { status: string }) => b.status === 'received');
    expect(received).toMatchObject({ petitionNumber: expect.any(String) });
    const visit = await kit.detail('reception', received.petitionId);
    expect(visit).toMatchObject({
      channel: 'visit',
      state: 'registered',
      title: '矿工新村宿舍屋顶漏雨多次报修未修',
    });
  });

  it('shows a reception day the desk cancelled: off the public list, flagged to the desk, 王秀英 told', async () => {
    const place = '西河煤矿职工之家二楼';
    const open = (await kit.http(null, 'GET', '/api/reception-days')).json().items;
    expect(open.map((d: { place: string }) => d.place)).not.toContain(place);
    const desk = (await kit.http('reception', 'GET', '/api/reception-days/desk')).json().items;
    expect(desk.find((d: { place: string }) => d.place === place)).toMatchObject({
      cancelReason: '陈国栋同志当天要去省里开会，改期后另行公布',
    });
    const bookings = (await kit.http('13900000003', 'GET', '/api/me/bookings')).json().items;
    const cancelled = bookings.filter((b: { day: { place: string } }) => b.day.place === place);
    expect(cancelled.map((b: { status: string }) => b.status)).toEqual(['cancelled']);
    const told = (await kit.http('13900000003', 'GET', '/api/me/notifications')).json().items;
    expect(told.filter((n: { event: string }) => n.event === 'reception_day_cancelled')).toHaveLength(1);
  });

  it('shows a case with its 承办人, co-handled by two units: one part answered, one overdue (Art 24)', async () => {
    const p = await byTitle('ds.head', '借调西河煤矿期间的井下津贴没有发');
    expect(p.handler?.name).toBe('周涛（东山煤矿安全科）');
    expect(p.coHandling.map((part) => [part.unit.code, part.status, part.overdue])).toEqual([
      ['JA-XH-AQK', 'answered', false],
      ['JA-DS-RLK', 'open', true],
    ]);
    // This one and two more of the department: 周涛's three for 一键移交 (below).
    expect((await kit.http('ds.handler', 'GET', '/api/petitions/counts')).json().mine).toBe(3);
    const asked = (await kit.http('ds.head', 'GET', '/api/co-handling')).json().items;
    expect(asked).toMatchObject([{ number: p.number, unit: { code: 'JA-DS-RLK' }, overdue: true }]);
  });

  it('shows 张伟 the payslip photo he sent with a message on that case (补充材料), as its handler sees it', async () => {
    const p = await byTitle('13800000001', '借调西河煤矿期间的井下津贴没有发');
    const wrote = p.timeline.filter((e) => e.type === 'petitioner_wrote');
    expect(wrote).toHaveLength(1);
    expect(wrote[0]?.data.text).toContain('补充工资条照片');
    const ids = wrote[0]?.data.attachmentIds as string[];
    expect(ids).toHaveLength(1);
    const [photo] = ids;
    // Uploaded as his, through the upload path: re-encoded, with a thumbnail, and stored.
    expect(p.attachments).toEqual([
      expect.objectContaining({ id: photo, kind: 'image', hasThumbnail: true }),
    ]);
    for (const variant of ['', '/thumbnail']) {
      const file = await kit.http('13800000001', 'GET', `/api/attachments/${photo}${variant}`);
      expect(file.statusCode, file.body).toBe(200);
      expect(file.rawPayload.length).toBeGreaterThan(0);
    }
    const row = await kit.app.db
      .selectFrom('attachment')
      .select(['owner_type', 'owner_id', 'petition_id'])
      .where('id', '=', photo as string)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      owner_type: 'petitioner',
      owner_id: await kit.petitionerId('13800000001'),
      petition_id: p.id,
    });
    const handler = await kit.detail('ds.handler', p.id);
    expect(handler.attachments.map((a) => a.id)).toEqual([photo]);
  });

  it('hands up to the group an accusation 东山煤矿’s desk wrote down about the mine (Art 30)', async () => {
    const p = await byTitle('reception', '矿领导班子违规发放高温津贴');
    expect(p).toMatchObject({
      state: 'registered',
      kind: 'accusation',
      units: { receiving: { code: 'JA' } },
    });
    expect(p.petitioner).toMatchObject({ realName: '刘大山' });
    expect(offered(p)).toContain('assign');
    for (const who of ['ds.reception', 'ds.head'])
      expect((await kit.listAll(who)).map((x) => x.title)).not.toContain(p.title);
  });

  it('shows this month’s 集体访 and 越级访 to the group’s head, the ledger behind each listing the case', async () => {
    const title = '综采二队检修期间工资按停产标准发放';
    const today = kit.beijingDate(0);
    const response = await kit.http('head', 'GET', `/api/figures?from=${today.slice(0, 8)}01&to=${today}`);
    expect(response.statusCode, response.body).toBe(200);
    const counts = (response.json() as Figures).counts;
    const count = (metric: string) => counts.find((c) => c.metric === metric);
    expect(['collective', 'collective_people', 'level_skipping'].map((m) => count(m)?.value)).toEqual([
      1, 8, 1,
    ]);
    for (const metric of ['collective', 'level_skipping']) {
      const filter = Object.entries(count(metric)?.ledger ?? {}).map(([k, v]): [string, string] => [
        k,
        String(v),
      ]);
      const ledger = await kit.http('head', 'GET', `/api/ledger?${new URLSearchParams(filter)}`);
      expect(ledger.statusCode, ledger.body).toBe(200);
      const rows = (ledger.json() as LedgerPage).items;
      expect(
        rows.map((r) => [r.title, r.channel, r.headcount]),
        metric,
      ).toEqual([[title, 'visit', 8]]);
    }
    // Brought to the group past the mine, and assigned down to the mine to handle first.
    const p = await byTitle('ds.reception', title);
    expect(beijingDate(p.receivedAt)).toBe(beijingDate(seededAt.toISOString()));
    expect(p).toMatchObject({
      state: 'assigned',
      units: { receiving: { code: 'JA' }, concerned: { code: 'JA-DS-ZC-2' } },
      collective: { headcount: 8, representatives: ['马志刚', '韩永胜'] },
    });
  });

  it('shows ds.reception a visit the holder of its phone claimed in the app, with 认领有误 to undo it', async () => {
    const p = await byTitle('ds.reception', DEMO_CASE_TITLES.wrongClaim);
    expect(p).toMatchObject({ state: 'handling', channel: 'visit', units: { receiving: { code: 'JA-DS' } } });
    const claim = await kit.http('ds.reception', 'GET', `/api/petitions/${p.id}/claim`);
    expect(claim.statusCode, claim.body).toBe(200);
    expect(claim.json()).toMatchObject({ status: 'confirmed', mayUndo: true, version: p.version });
    // The phone's holder (not a demo sign-in) has it in his list, with the name the desk took.
    const holder = '13700000078';
    expect((await kit.listAll(holder)).map((x) => x.id)).toContain(p.id);
    const me = (await kit.http(holder, 'GET', '/api/auth/me')).json();
    expect(me).toMatchObject({ realName: '郑春生', address: '东山区矿工路 12 号' });
  });

  it('lists for 东山煤矿’s desk the acceptance notices that reached nobody, not the one it posted', async () => {
    const ids = Object.fromEntries(
      await Promise.all(
        Object.entries(DEMO_CASE_TITLES).map(async ([k, title]) => [
          k,
          (await byTitle('ds.reception', title)).id,
        ]),
      ),
    ) as Record<keyof typeof DEMO_CASE_TITLES, string>;
    const response = await kit.http('ds.reception', 'GET', '/api/notices/unreached');
    expect(response.statusCode, response.body).toBe(200);
    const list = response.json() as UnreachedList;
    const reasons = list.items.map((i) => [i.petitionId, i.event, i.reason]);
    expect(reasons).toEqual(
      expect.arrayContaining([
        [ids.smsDead, 'accepted', 'sms_failed'],
        [ids.disowned, 'accepted', 'phone_disowned'],
      ]),
    );
    expect(list.items.map((i) => i.petitionId)).not.toContain(ids.posted);
    // The inbox's badge counts them all.
    expect(list.total).toBe(list.items.length);
    const posted = await kit.app.db
      .selectFrom('notice_reach')
      .select(['method', 'tracking_no'])
      .where('petition_id', '=', ids.posted)
      .execute();
    expect(posted).toEqual([{ method: 'post', tracking_no: expect.stringMatching(/^XA\d{11}$/) }]);
    // The dead SMS is the outbox's, as its dispatcher leaves one; the desk was told of 「不是我的」.
    const dead = await kit.app.db
      .selectFrom('outbox as o')
      .innerJoin('notification as n', 'n.id', 'o.notification_id')
      .select(['n.petition_id', 'n.event', 'n.read_at'])
      .where('o.status', '=', 'dead')
      .execute();
    expect(dead).toEqual([{ petition_id: ids.smsDead, event: 'accepted', read_at: null }]);
    const desk = (await messageCentre(kit, 'ds.reception')).items;
    expect(desk.filter((n) => n.event === 'registration_disowned').map((n) => n.petitionId)).toEqual([
      ids.disowned,
    ]);
    // Another mine's head sees none of them.
    const other = (await kit.http('xh.head', 'GET', '/api/notices/unreached')).json() as UnreachedList;
    expect(other.items.filter((i) => Object.values(ids).includes(i.petitionId))).toEqual([]);
  });

  it('offers ds.head 一键移交 of 周涛’s three cases: to 冯亮, never to 秦川, recused from one', async () => {
    const handler = kit.staffId('ds.handler');
    const overview = (await kit.http('ds.head', 'GET', '/api/overview')).json();
    expect(overview.handlers.find((h: { staffId: string }) => h.staffId === handler)).toMatchObject({
      openCases: 3,
    });
    const response = await kit.http('ds.head', 'GET', `/api/staff/${handler}/hand-over`);
    expect(response.statusCode, response.body).toBe(200);
    const plan = response.json() as HandOverPlan;
    expect(plan.cases.petitions.map((p) => p.state).sort()).toEqual([
      'handling',
      'handling',
      'reply_drafted',
    ]);
    expect(plan.successors.map((s) => s.displayName)).toEqual(['冯亮（东山煤矿安全科）']);
    const dust = await byTitle('ds.head', '掘进一队作业面粉尘大，防尘口罩发放不足');
    expect(dust.handler?.id).toBe(handler);
    // Made with the demo cases, after the kit learnt the organisation's staff.
    const qin = await kit.app.db
      .selectFrom('staff_account')
      .select('id')
      .where('username', '=', 'ds.qin')
      .executeTakeFirstOrThrow();
    expect(dust.timeline.find((e) => e.type === 'recused')?.data).toMatchObject({ staffId: qin.id });
  });

  it('shows 王秀英 a reception day changed after she booked it: her 09:00–09:30 kept, now the second slot', async () => {
    const bookings = (await kit.http('13900000003', 'GET', '/api/me/bookings')).json().items;
    const kept = bookings.find((b: { day: { place: string } }) => b.day.place === DEMO_CHANGED_DAY.place);
    expect(kept).toMatchObject({ status: 'active', slot: 1, ...DEMO_CHANGED_DAY.booked });
    expect(kept.day.slots.map((s: { from: string }) => s.from)).toEqual(['08:30', '09:00', '10:00']);
    expect(kept.awaitingAnswer).toBe(false);
    const told = (await messageCentre(kit, '13900000003')).items.filter(
      (n) => n.event === 'reception_day_changed',
    );
    expect(told).toHaveLength(1);
    expect(told[0]?.body).toContain(' 09:00-09:30，地点：东山煤矿矿办公楼 105 室');
    // 李娜's 09:30 is gone: moved to 10:00, she is asked whether she comes, the desk sees her.
    const hers = (await kit.http('13800000002', 'GET', '/api/me/bookings')).json().items;
    const moved = hers.find((b: { day: { place: string } }) => b.day.place === DEMO_CHANGED_DAY.place);
    expect(moved).toMatchObject({ status: 'active', awaitingAnswer: true, ...DEMO_CHANGED_DAY.moved });
    const desk = await kit.http('ds.reception', 'GET', `/api/reception-days/${moved.day.id}/bookings`);
    const unanswered = desk.json().items.filter((b: { awaitingAnswer: boolean }) => b.awaitingAnswer);
    expect(unanswered.map((b: { contact?: { realName: string } }) => b.contact?.realName)).toEqual(['李娜']);
  });

  it('shows a reception day three days ago: 王秀英 received by 陈国栋, 张伟’s booking never recorded', async () => {
    const date = beijingDate(new Date(seededAt.getTime() - 3 * 24 * 3600_000).toISOString());
    const desk = (await kit.http('reception', 'GET', '/api/reception-days/desk')).json().items;
    const day = desk.find((d: { date: string; place: string }) => d.date === date);
    expect(day).toMatchObject({ place: DEMO_PAST_DAY.place, leader: '陈国栋（包案领导）' });
    const rows = (await kit.http('reception', 'GET', `/api/reception-days/${day.id}/bookings`)).json().items;
    expect(rows.map((b: { status: string; expired: boolean }) => [b.status, b.expired])).toEqual([
      ['received', false],
      ['active', true],
    ]);
    // 张伟 reads 已过期 and holds no place: he books the group's day a week ahead.
    const his = (await kit.http('13800000001', 'GET', '/api/me/bookings')).json().items;
    expect(his).toMatchObject([{ status: 'active', expired: true, day: { id: day.id } }]);
    const ahead = (await kit.http(null, 'GET', '/api/reception-days'))
      .json()
      .items.find((d: { leader: string }) => d.leader === '陈国栋（包案领导）');
    const again = await kit.http('13800000001', 'POST', `/api/reception-days/${ahead.id}/bookings`, {
      slot: 0,
      version: ahead.version,
      topic: '反映综采一队夜班班车发车太晚',
    });
    expect(again.statusCode, again.body).toBe(201);
    // Her visit, filed by the day's unit, says to staff which leader received her and when.
    const visit = await byTitle('reception', DEMO_PAST_DAY.received);
    expect(visit).toMatchObject({ channel: 'visit', petitioner: { realName: '王秀英' } });
    expect(visit.timeline[0]?.data.receivedByLeader).toMatchObject({
      leaderName: '陈国栋（包案领导）',
      date,
    });
  });

  it('shows a 下访 called off with its reason, out of the counts', async () => {
    const visits = (await kit.http('leader', 'GET', '/api/grassroots-visits?status=all')).json();
    const cancelled = visits.items.filter((v: { status: string }) => v.status === 'cancelled');
    expect(cancelled).toMatchObject([{ unit: { code: 'JA-DS' }, cancelReason: DEMO_CANCELLED_VISIT_REASON }]);
    expect([visits.planned, visits.held]).toEqual([1, 1]);
  });

  it('shows one man’s two desk records linked with the clerk’s reason, on both cases', async () => {
    const letter = await byTitle('reception', DEMO_LINKED_TITLES.letter);
    const visit = await byTitle('reception', DEMO_LINKED_TITLES.visit);
    expect(letter.links).toMatchObject([{ petitionId: visit.id, reason: DEMO_LINK_REASON }]);
    expect(visit.links).toMatchObject([{ petitionId: letter.id, reason: DEMO_LINK_REASON }]);
    expect(letter.petitioner?.id).not.toBe(visit.petitioner?.id);
  });

  it('shows ds.reception the escalated case’s 督办单 on its page, to sign for 东山煤矿', async () => {
    const p = await byTitle('ds.reception', '井下艰苦岗位津贴标准调整后未执行');
    const notices = (await kit.http('ds.reception', 'GET', `/api/supervision/notices/${p.id}`)).json().items;
    expect(notices).toMatchObject([{ unit: { code: 'JA-DS' }, mayAcknowledge: true }]);
  });

  it('shows this month’s 督办通报: 西河煤矿 late, returned and signing late; a yellow at 东山煤矿安全科', async () => {
    const today = beijingDate(seededAt.toISOString());
    const query = new URLSearchParams({ from: `${today.slice(0, 8)}01`, to: today });
    const response = await kit.http('supervisor', 'GET', `/api/figures/supervision?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    const { rows } = response.json() as SupervisionFigures;
    const row = (code: string) => rows.find((r) => r.unitId === kit.unit(code));
    expect(row('JA-XH')).toMatchObject({
      redAcknowledged: 1,
      notices: { issued: 2, answeredOnTime: 1, answeredLate: 1, returned: 1 },
    });
    // Raised on Tuesday the 17th, signed on Friday the 20th: three working days.
    expect(row('JA-XH')?.acknowledgeDays.longest).toBe(3);
    expect(row('JA-DS-AQK')?.yellow).toBe(1);
    expect(rows[0]?.unitId).toBe(kit.unit('JA-XH'));
  });

  it('shows a re-examination awaiting its hearing: its answer’s clock stands still (Art 36)', async () => {
    const p = await byTitle('head', DEMO_CASE_TITLES.hearing);
    for (const who of ['head', '13800000001']) {
      const clocks = (await kit.detail(who, p.id)).clocks;
      expect(clocks.find((c) => c.name === 're_examination_answer')).toMatchObject({
        status: 'paused',
        pausedDays: 6,
      });
    }
  });

  it('prints the rare characters of 王𠮷𡈽’s name whole in his 受理告知书', async () => {
    const p = await byTitle('ds.reception', DEMO_CASE_TITLES.rareName);
    expect(p).toMatchObject({ state: 'handling', petitioner: { realName: DEMO_RARE_NAME } });
    const notice = (await kit.documents('ds.reception', p.id)).find((d) => d.type === 'acceptance_notice');
    const pdf = await kit.http('ds.reception', 'GET', `/api/documents/${notice?.id}.pdf`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    // Every character has a font: the staff are asked to write none in by hand.
    expect(notice?.unprintable).toEqual([]);
    expect((await pdfText(pdf.rawPayload)).replace(/\s+/g, '')).toContain(`${DEMO_RARE_NAME}：`);
  });

  it('dates every step in the past, and marks the audit trail as the seed’s', async () => {
    const visit = await byTitle('ds.head', '掘进一队作业面粉尘大，防尘口罩发放不足');
    const received = new Date(visit.receivedAt).getTime();
    expect(seededAt.getTime() - received).toBe(45 * 24 * 3600_000);
    // Everything before the seeding's "now" is the seed's: one entry per case and per step, the
    // two visits registered from reception bookings, the link on each of 周福来's records…
    const entries = await kit.app.db
      .selectFrom('audit_log')
      .select(['ip', 'action', 'actor_type'])
      .where('at', '<', seededAt.toISOString())
      .execute();
    const steps = DEMO_CASES.reduce((n, c) => n + c.steps.length, 0);
    const claims = DEMO_CASES.filter((c) => c.claim).length;
    // But the escalation job's steps of this month's 督办通报, which the system raised.
    const byJob = entries.filter((e) => e.actor_type === 'system');
    expect(byJob.map((e) => e.action)).toEqual(byJob.map(() => 'petition.escalate'));
    const seeded = entries.filter((e) => e.actor_type !== 'system');
    // And 钱进's 签收 of the red one.
    expect(seeded.filter((e) => e.action.startsWith('petition.')).length).toBe(
      DEMO_CASES.length + steps + claims + 2 + 2 + 1,
    );
    expect(seeded.every((e) => e.ip === 'demo-seed')).toBe(true);
  });
});

// Each starts a fresh database and seeds every case: generous on a busy machine (MySQL's first
// start migrates a new database), never a limit on behaviour.
describe('the demo cases on any first start', { timeout: 90_000 }, () => {
  // Whatever day the product is first started — on a holiday, a Sunday night, in the first days of
  // a year — every step stays inside the lifecycle's rules.
  it.each([
    '2026-02-16T15:30:00.000Z', // 除夕 night, in the Spring Festival holiday
    '2026-10-08T00:30:00.000Z', // the first working morning after National Day
    '2026-11-29T14:00:00.000Z', // a Sunday night
    '2026-01-04T01:00:00.000Z', // the first days of the year: the stories reach back into 2025
  ])('seeds them all when first started at %s', async (at) => {
    const fresh = await PetitionKit.start({ at });
    try {
      expect(await seedDemoCases(fresh.app, new Date())).toBe(DEMO_CASES.length);
      const counts = (await fresh.http('ds.head', 'GET', '/api/petitions/counts')).json();
      expect(counts.approval).toBe(3);
    } finally {
      await fresh.close();
    }
  });
});

// The collective visit of the seeding day stays on that day (Beijing) at any hour of seeding —
// on the first of a month just after midnight too, when two hours back is last month.
describe('the demo’s case of the seeding day', () => {
  const visit = DEMO_CASES.find((c) => c.today) as (typeof DEMO_CASES)[number];

  it('is received on the seeding day, before its steps, and they before the seeding', () => {
    const firstOfMonth = new Date('2026-11-30T16:30:00.000Z'); // 1 December, 00:30 in Beijing
    fc.assert(
      fc.property(
        fc.oneof(
          fc.constant(firstOfMonth),
          fc.date({ min: new Date('2026-01-01'), max: new Date('2027-12-31'), noInvalidDate: true }),
        ),
        (now) => {
          const fitted = withinToday(visit, now);
          const day = beijingDate(now.toISOString());
          const times = [fitted.ago, ...fitted.steps.map((s) => s.ago)].map((ago) => now.getTime() - ago);
          for (const at of times) {
            expect(at).toBeGreaterThanOrEqual(Date.parse(startOfBeijingDay(day)));
            expect(at).toBeLessThanOrEqual(now.getTime());
          }
          expect([...times].sort((a, b) => a - b)).toEqual(times);
        },
      ),
    );
    // Later in the day it keeps its hours as written.
    expect(withinToday(visit, new Date('2026-11-30T20:00:00.000Z'))).toEqual(visit);
  });
});

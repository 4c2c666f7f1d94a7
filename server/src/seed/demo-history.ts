import type { FastifyInstance } from 'fastify';
import { runDeadlineJob } from '../jobs/deadlines';
import { petitionDeps } from '../modules/petitions/petition.deps';
import { seedDemoFollowUps } from './demo-aftercare';
import { caseSeeder, type DemoCase, type Step } from './demo-case-seeder';
import { xhHistoryCases } from './demo-history-xh';

/**
 * A year and more of 东山煤矿's past petitions, so that the figures, their 同比 and 环比, and the
 * ledger have something to show on first start: letters, visits and online petitions, some
 * collective visits (集体访), some visits past the mine to the group (越级访), accepted in time or
 * late, answered in time or late, rated, closed when the petitioner's window lapsed. Made like the
 * demo cases (through the petition service, each step at its time in the past), from a fixed seed,
 * so every demo has the same history.
 */

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const CASES = 120;
const SPAN_DAYS = 420;

const MATTERS: readonly [category: string, title: string][] = [
  ['wages', '加班工资核算有误'],
  ['wages', '绩效工资发放延迟'],
  ['social_insurance', '养老保险缴费年限不符'],
  ['occupational_injury', '工伤认定材料迟迟未报'],
  ['labour_contract', '劳动合同续签岗位调整'],
  ['safety', '井下巷道支护存在隐患'],
  ['safety', '皮带机防护罩缺失'],
  ['housing', '职工宿舍供暖不足'],
  ['community', '矿区道路路灯不亮'],
  ['community', '矿区菜市场占道经营'],
  ['environment', '矸石山扬尘影响居民'],
  ['management_suggestion', '建议优化班组考勤办法'],
];
const PEOPLE = [
  { realName: '刘建华', phone: '13700000011' },
  { realName: '陈秀兰', phone: '13700000012' },
  { realName: '杨志强', phone: '13700000013' },
  { realName: '黄丽', phone: '13700000014' },
  { realName: '周国庆', phone: '13700000015' },
];
/** The demo's petitioners who sign in, and so can open and rate their answers. */
const ONLINE = ['13800000001', '13900000003'];
const UNITS = ['JA-DS', 'JA-DS-AQK'];

/** A small deterministic generator (a linear congruential one): the same history every time. */
function generator(seed: number) {
  let state = seed;
  const next = () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T,
    chance: (p: number) => next() < p,
  };
}

/**
 * The representatives a group visit elected (Art 20: at most five): its petitioner and the next
 * two people of the list, so that the registration names more than one, as groups do.
 */
const representativesOf = (person: (typeof PEOPLE)[number]): string[] => {
  const at = PEOPLE.indexOf(person);
  return [0, 1, 2].map((n) => (PEOPLE[(at + n) % PEOPLE.length] as (typeof PEOPLE)[number]).realName);
};

const letter = (kind: DemoCase['kind'], title: string, satisfied: boolean) => ({
  request: `请求解决${title}问题`,
  factsAndReasons: `经调查核实，${title}的情况${satisfied ? '属实，已督促整改' : '部分属实，已作说明'}。`,
  decision: satisfied ? '已整改到位，相关费用或措施已落实。' : '按现行规定解释说明，后续持续跟踪。',
  legalBasis: '《信访工作条例》第三十二条',
  outcome:
    kind === 'suggestion' ? (satisfied ? 'adopted' : 'partly_adopted') : satisfied ? 'support' : 'explain',
});

export function historyCases(): DemoCase[] {
  const g = generator(14);
  const cases: DemoCase[] = [];
  for (let i = 0; i < CASES; i += 1) {
    const received = g.int(60, SPAN_DAYS) * DAY + g.int(1, 8) * HOUR;
    const [categoryCode, matter] = g.pick(MATTERS);
    const kind: DemoCase['kind'] = categoryCode === 'management_suggestion' ? 'suggestion' : 'request';
    const online = g.chance(0.4);
    const petitioner = online ? g.pick(ONLINE) : null;
    const concerned = g.pick(UNITS);
    const collective = !online && g.chance(0.15);
    // 越级访: some visits about 安全科 went past 东山煤矿 to the group's desk, which assigned them
    // down: every group about it (集体越级访, what the field watches most) and a few lone ones.
    const skipping = !online && concerned === 'JA-DS-AQK' && (collective || i % 24 === 0);
    const desk = skipping ? 'reception' : 'ds.reception';
    const accepted = received - g.int(1, g.chance(0.1) ? 25 : 12) * DAY;
    const answered = accepted - g.int(10, g.chance(0.12) ? 75 : 55) * DAY;
    const answerer = concerned === 'JA-DS' ? 'ds.head' : 'ds.handler';
    const pleased = g.chance(0.8);
    const steps: Step[] = [
      concerned === 'JA-DS'
        ? { ago: accepted, who: 'ds.reception', type: 'accept' }
        : {
            ago: accepted,
            who: desk,
            type: 'assign',
            params: { unit: concerned },
            dates: { reportBackBy: 60 },
          },
      ...(concerned === 'JA-DS' ? [] : [{ ago: accepted - HOUR, who: 'ds.handler', type: 'accept' } as Step]),
      {
        ago: answered,
        who: answerer,
        type: 'draft_reply',
        params: letter(kind, matter, pleased),
      },
      { ago: answered - HOUR, who: 'ds.head', type: 'approve_reply' },
      { ago: answered - 2 * HOUR, who: answerer, type: 'issue_reply' },
    ];
    if (petitioner) {
      steps.push({ ago: answered - 8 * HOUR, who: petitioner, type: 'receive_reply' });
      if (g.chance(0.85)) {
        const rating = pleased ? (g.chance(0.7) ? 'satisfied' : 'basically_satisfied') : 'unsatisfied';
        steps.push({ ago: answered - DAY, who: petitioner, type: 'rate', params: { rating } });
        // An unsatisfied suggestion cannot be appealed: the head decided not to handle it again.
        if (kind === 'suggestion' && rating === 'unsatisfied')
          steps.push({
            ago: answered - 2 * DAY,
            who: 'ds.head',
            type: 'decide_rehandling',
            params: {
              rehandle: false,
              reason: '已按现行规定作出说明，不再重新办理，继续做好解释。',
              toPetitioner: '您的建议已经研究并书面答复，目前暂不具备条件，原答复意见不变。',
            },
          });
      }
    } else {
      steps.push({
        ago: answered - 3 * DAY,
        who: 'ds.reception',
        type: 'record_delivery',
        params: { method: 'post' },
        dates: { postedOn: -2, deliveredOn: 0 },
      });
    }
    const person = g.pick(PEOPLE);
    // Drawn for every case made at a desk, as it always was, so that the rest stays the same. 集体访
    // is a visit of five or more: a group came in person (a joint letter is not one).
    const byLetter = !petitioner && g.chance(0.5);
    const channel = byLetter && !collective && !skipping ? 'letter' : 'visit';
    const headcount = collective ? g.int(5, 30) : 0;
    const who = headcount ? `${person.realName}等${headcount}人来访` : person.realName;
    cases.push({
      story: `history ${i + 1}`,
      ago: received,
      by: petitioner ?? desk,
      ...(petitioner ? {} : { registration: { channel, petitioner: person } }),
      kind,
      concerned,
      categoryCode,
      title: `${matter}（${i + 1}）`,
      content: `${who}反映：${matter}，已持续一段时间，请求单位调查处理并答复。编号${i + 1}。`,
      ...(headcount ? { headcount, representatives: representativesOf(person) } : {}),
      steps: steps.filter((step) => step.ago > 0),
    });
  }
  return cases.sort((a, b) => b.ago - a.ago);
}

/**
 * Seeds the history of both mines (西河煤矿's in demo-history-xh.ts; before the demo cases: time
 * only moves forward), then lets the deadline job run once a week through it, so that answers whose
 * window lapsed were closed then — resolved or concluded on the day it happened — and records the
 * follow-ups of those concluded before the last fortnight.
 */
export async function seedDemoHistory(app: FastifyInstance, now: Date = new Date()): Promise<number> {
  // Both mines' petitions in the order they arrived, so that the numbers run with the dates.
  const cases = [...historyCases(), ...xhHistoryCases()].sort((a, b) => b.ago - a.ago);
  const seeder = await caseSeeder(app, now);
  await seeder.seed(cases, 'demo-history');
  const deps = petitionDeps(app);
  for (let ago = SPAN_DAYS * DAY; ago > 0; ago -= 7 * DAY)
    await runDeadlineJob(deps, new Date(now.getTime() - ago));
  await seedDemoFollowUps(app, seeder, now);
  return cases.length;
}

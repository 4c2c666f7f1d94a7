import { createHmac, randomInt } from 'node:crypto';
import { rollupDeltas } from '@xinfang/server/modules/figures/figures.effect';
import { inboxDelta } from '@xinfang/server/petitions/petition-writer';
import { changeRows, describeChange } from '@xinfang/server/petitions/write-path';
import { defaultCalendar } from '@xinfang/shared/clocks';
import { figureFactsOf } from '@xinfang/shared/figures';
import {
  type Action,
  type Actor,
  type AnyActor,
  decide,
  type PetitionEvent,
  register,
  SYSTEM_ACTOR,
  type UnitRef,
} from '@xinfang/shared/lifecycle';
import { ulid } from './ids';
import { randomHanzi } from './load';

/**
 * One seeded petition, taken as far as its age suggests, and the rows the server's write path
 * would write for it (`describeChange` and `changeRows`, the same functions), with its inbox
 * tallies and its figures' facts and rollup deltas (the figures effect's own functions; no seeded
 * petition is a repeat: the seed links none). The newest wait for triage; older ones are assigned, handled, have a reply awaiting
 * approval; most old ones were answered and closed once the petitioner's window lapsed.
 */
const DAY = 24 * 3600_000;

export interface Actors {
  groupReception: Actor;
  dsReception: Actor;
  ds: { handler: Actor; head: Actor };
  xh: { handler: Actor; head: Actor };
}

/** Where the petitions are about: the mines' departments and teams (not the group's office). */
export const CONCERNED_CODES = [
  'JA-DS-AQK',
  'JA-DS-RLK',
  'JA-DS-ZC-1',
  'JA-DS-ZC-2',
  'JA-DS-JJ-1',
  'JA-XH-AQK',
  'JA-XH-ZC-1',
  'JA-XH-JD-1',
];
const CATEGORIES = [
  'wages',
  'social_insurance',
  'occupational_injury',
  'labour_contract',
  'safety',
  'housing',
  'community',
];
const TOPICS = [
  '工资发放',
  '加班费核算',
  '井下通风',
  '宿舍维修',
  '社保缴纳',
  '食堂卫生',
  '班车安排',
  '劳保用品',
  '工伤认定',
  '住房补贴',
];

export function buildPetition(
  index: number,
  serial: number,
  petitionerId: string,
  unit: (code: string) => UnitRef,
  actors: Actors,
  now: number,
) {
  const concernedCode = CONCERNED_CODES[index % CONCERNED_CODES.length] as string;
  const concerned = unit(concernedCode);
  const dongshan = concernedCode.startsWith('JA-DS');
  const mine = dongshan ? actors.ds : actors.xh;
  const receiving = unit(dongshan ? 'JA-DS' : 'JA-XH');
  const reception = dongshan ? actors.dsReception : actors.groupReception;
  // Ages skewed towards the recent past: half within 60 days, the rest over two years.
  const ageDays = Math.random() < 0.5 ? Math.random() * 60 : 60 + Math.random() * 670;
  const receivedAt = now - ageDays * DAY - randomInt(DAY);
  const topic = TOPICS[index % TOPICS.length] as string;
  const kind = index % 12 === 0 ? 'suggestion' : 'request';
  const category = CATEGORIES[index % CATEGORIES.length] as string;
  const title = `关于${topic}的反映`;
  const content = `${topic}：${randomHanzi(40 + randomInt(120))}`;
  const registered = register(
    {
      id: ulid(receivedAt),
      petitionerId,
      receivingUnit: receiving,
      params: { kind, channel: 'online', concernedUnit: concerned, categoryId: category, title, content },
    },
    { id: petitionerId, roles: ['petitioner'], unit: null },
    iso(receivedAt),
  );
  if (!registered.ok) throw new Error(`register refused: ${registered.refusal.rule}`);
  let petition = registered.petition;
  const events: PetitionEvent[] = [...registered.events];
  let at = receivedAt;

  // New ones wait for triage; within three weeks they are assigned, accepted or drafted; up to 45
  // days drafted, approved or replied (the reply goes out on day 14, the petitioner has 30 days to
  // ask for a review); after that the deadline job has closed them.
  const target = ageDays < 3 ? 0 : ageDays < 20 ? 1 + randomInt(3) : ageDays < 45 ? 2 + randomInt(4) : 6;
  const steps: [AnyActor, Action, number][] = [
    [
      reception,
      {
        type: 'assign',
        params: { unit: mine.handler.unit as UnitRef, reportBackBy: beijingDate(receivedAt + 50 * DAY) },
      } as Action,
      1,
    ],
    [mine.handler, { type: 'accept', params: {} } as Action, 2],
    [
      mine.handler,
      {
        type: 'draft_reply',
        params: {
          request: `请求解决${topic}问题`,
          factsAndReasons: '经调查核实，反映的情况基本属实。',
          decision: '已责成相关部门限期整改，并将整改情况书面告知。',
          legalBasis: '《信访工作条例》第三十二条',
          outcome: kind === 'suggestion' ? 'adopted' : 'support',
        },
      } as Action,
      12,
    ],
    [mine.head, { type: 'approve_reply', params: {} } as Action, 13],
    [mine.handler, { type: 'issue_reply', params: {} } as Action, 14],
    // What the deadline job does once the petitioner's window lapses unused: close the case.
    [SYSTEM_ACTOR, { type: 'close', params: {} } as Action, 75],
  ];
  for (const [actor, action, day] of steps.slice(0, target)) {
    const stepAt = Math.min(now - 60_000, receivedAt + day * DAY + randomInt(8 * 3600_000));
    const decision = decide(petition, action, actor, iso(stepAt), defaultCalendar);
    if (!decision.ok) break;
    petition = decision.petition;
    events.push(...decision.events);
    at = stepAt;
  }
  if (petition.state === 'replied') {
    // The deadline job closes a reply whose window has lapsed; done here, or the real server
    // would spend its first minutes doing it while it is measured.
    const closed = decide(
      petition,
      { type: 'close', params: {} },
      SYSTEM_ACTOR,
      iso(now - 60_000),
      defaultCalendar,
    );
    if (closed.ok) {
      petition = closed.petition;
      events.push(...closed.events);
      at = now - 60_000;
    }
  }

  const input = {
    before: null,
    after: petition,
    events,
    created: {
      number: `XF${new Date(now + 8 * 3600_000).getUTCFullYear()}-${String(serial).padStart(6, '0')}`,
      query_code_hash: createHmac('sha256', 'bench: no one knows this code')
        .update(petition.id)
        .digest('hex'),
      registered_by: null,
      category_code: category,
      title,
      content,
      location: null,
      headcount: null,
    },
    // Not written: the seed writes no audit entries.
    audit: {
      actor: { actorType: 'system', actorId: null, unitPath: null, ip: null, requestId: null },
      action: 'petition.seed',
    } as const,
    now: new Date(at),
  };
  const change = describeChange(input, defaultCalendar);
  const rows = changeRows(change, input);
  const facts = figureFactsOf(petition, { repeat: false }, defaultCalendar);
  return {
    petition: { ...rows.inserted, created_at: iso(receivedAt) },
    events: rows.events,
    units: rows.units ?? [],
    signature: rows.signature,
    tallies: inboxDelta(change),
    facts: facts.map((f) => ({
      petition_id: petition.id,
      metric: f.metric,
      day: f.day,
      unit_id: f.unitId,
      value: f.value,
    })),
    rollups: rollupDeltas({ channel: 'online', kind, categoryCode: category }, [], facts),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

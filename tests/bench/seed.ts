import { createHmac, randomInt } from 'node:crypto';
import { clocksOf, defaultCalendar, nextDue } from '@xinfang/shared/clocks';
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
import type { BenchDriver } from './driver';
import { ulid } from './ids';

/**
 * Bulk seeding for the benchmarks: N petitions in realistic states, written straight into the
 * tables in batched transactions, in the row shapes `savePetition` writes (the lifecycle JSON
 * without its events, the events in their table, the units that may see the petition). Every
 * petition goes through `shared`'s `register` and `decide`, so each row is a state the API could
 * have produced — only faster, and with receipt dates spread over the past two years.
 */
const NO_DUE = '9999-12-31T23:59:59.999Z';
const DAY = 24 * 3600_000;

interface UnitRow {
  id: string;
  code: string;
  path: string;
}

interface StaffRow {
  id: string;
  username: string;
}

export interface SeedWorld {
  units: Map<string, UnitRef & { code: string }>;
  staff: Map<string, string>;
  petitioners: { id: string; phone: string | null }[];
}

export interface SeedPlan {
  size: number;
  /** Petitions of each demo petitioner: a long history, as a frequent petitioner has. */
  perDemoPetitioner: number;
  /** Extra petitioner accounts (no phone), over which the rest of the petitions are spread. */
  otherPetitioners: number;
}

export function planFor(size: number): SeedPlan {
  return {
    size,
    perDemoPetitioner: Math.min(2000, Math.floor(size * 0.02)),
    otherPetitioners: Math.max(1, Math.floor(size / 20)),
  };
}

/** Where the petitions are about: the mines' departments and teams (not the group's office). */
const CONCERNED_CODES = [
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

export async function loadWorld(db: BenchDriver): Promise<SeedWorld> {
  const units = await db.query<UnitRow>('select id, code, path from org_unit');
  const staff = await db.query<StaffRow>('select id, username from staff_account');
  const petitioners = await db.query<{ id: string; phone_hash: string | null }>(
    'select id, phone_hash from petitioner_account order by created_at, id',
  );
  return {
    units: new Map(
      units.map((u) => [u.code, { id: u.id, code: u.code, path: u.path.split('/').filter(Boolean) }]),
    ),
    staff: new Map(staff.map((s) => [s.username, s.id])),
    petitioners: petitioners.map((p) => ({ id: p.id, phone: p.phone_hash })),
  };
}

/** Seeds the plan's petitions; returns how long it took. */
export async function seedPetitions(db: BenchDriver, world: SeedWorld, plan: SeedPlan): Promise<number> {
  const started = Date.now();
  const now = Date.now();
  const demo = world.petitioners;
  const others = await createPetitioners(db, plan.otherPetitioners, now);
  const owners: string[] = [];
  for (const p of demo) for (let i = 0; i < plan.perDemoPetitioner; i += 1) owners.push(p.id);
  while (owners.length < plan.size) owners.push((others[randomInt(others.length)] as string) ?? '');

  const unit = (code: string) => {
    const found = world.units.get(code);
    if (!found) throw new Error(`the demo organisation has no unit ${code}`);
    return { id: found.id, path: found.path };
  };
  const actors = {
    groupReception: staffActor(world, 'reception', ['reception'], unit('JA')),
    dsReception: staffActor(world, 'ds.reception', ['reception'], unit('JA-DS')),
    ds: {
      handler: staffActor(world, 'ds.handler', ['handler'], unit('JA-DS-AQK')),
      head: staffActor(world, 'ds.head', ['unit_head'], unit('JA-DS')),
    },
    xh: {
      handler: staffActor(world, 'xh.handler', ['handler'], unit('JA-XH-AQK')),
      head: staffActor(world, 'xh.head', ['unit_head'], unit('JA-XH')),
    },
  };

  const batchSize = 500;
  let number = 0;
  for (let start = 0; start < plan.size; start += batchSize) {
    const petitions: Row[] = [];
    const events: Row[] = [];
    const visible: Row[] = [];
    for (let i = start; i < Math.min(plan.size, start + batchSize); i += 1) {
      number += 1;
      const built = buildPetition(i, number, owners[i] as string, unit, actors, now);
      petitions.push(built.row);
      events.push(...built.events);
      visible.push(...built.units);
    }
    await db.transaction(async () => {
      await db.insertMany('petition', petitions);
      await db.insertMany('petition_event', events);
      await db.insertMany('petition_unit', visible);
    });
  }
  const year = new Date(now + 8 * 3600_000).getUTCFullYear();
  await db.query('delete from petition_counter where year = ?', [year]);
  await db.query('insert into petition_counter (year, last_number) values (?, ?)', [year, number]);
  return Date.now() - started;
}

type Row = Record<string, string | number | null>;

function staffActor(world: SeedWorld, username: string, roles: Actor['roles'], unit: UnitRef): Actor {
  const id = world.staff.get(username);
  if (!id) throw new Error(`the demo has no staff account ${username}`);
  return { id, roles, unit };
}

async function createPetitioners(db: BenchDriver, count: number, now: number): Promise<string[]> {
  const at = new Date(now - 800 * DAY).toISOString();
  const ids = Array.from({ length: count }, () => ulid(now - 800 * DAY));
  for (let start = 0; start < ids.length; start += 1000) {
    await db.transaction(() =>
      db.insertMany(
        'petitioner_account',
        ids.slice(start, start + 1000).map((id, i) => ({
          id,
          wechat_openid: null,
          wechat_unionid: null,
          phone_cipher: null,
          phone_hash: null,
          real_name: `信访人${start + i + 1}`,
          id_number_cipher: null,
          id_number_hash: null,
          address: null,
          employee_number: null,
          worker_unit_id: null,
          status: 'active',
          created_at: at,
          updated_at: at,
        })),
      ),
    );
  }
  return ids;
}

interface Actors {
  groupReception: Actor;
  dsReception: Actor;
  ds: { handler: Actor; head: Actor };
  xh: { handler: Actor; head: Actor };
}

/**
 * One petition, taken as far as its age suggests: the newest still waiting for triage, older ones
 * assigned, being handled, with a reply awaiting approval, and most of the old ones replied.
 */
function buildPetition(
  index: number,
  serial: number,
  petitionerId: string,
  unit: (code: string) => UnitRef,
  actors: Actors,
  now: number,
) {
  const concernedCode = CONCERNED_CODES[index % CONCERNED_CODES.length] as string;
  const concerned = unit(concernedCode);
  const mine = concernedCode.startsWith('JA-DS') ? actors.ds : actors.xh;
  const receiving = unit(concernedCode.startsWith('JA-DS') ? 'JA-DS' : 'JA-XH');
  const reception = concernedCode.startsWith('JA-DS') ? actors.dsReception : actors.groupReception;
  // Ages skewed towards the recent past: half within 60 days, the rest over two years.
  const ageDays = Math.random() < 0.5 ? Math.random() * 60 : 60 + Math.random() * 670;
  const receivedAt = now - ageDays * DAY - randomInt(DAY);
  const topic = TOPICS[index % TOPICS.length] as string;
  const id = ulid(receivedAt);
  const kind = index % 12 === 0 ? 'suggestion' : 'request';
  const title = `关于${topic}的反映`;
  const content = `${topic}：${randomHanzi(40 + randomInt(120))}`;
  const registered = register(
    {
      id,
      petitionerId,
      receivingUnit: receiving,
      params: {
        kind,
        channel: 'online',
        concernedUnit: concerned,
        categoryId: CATEGORIES[index % CATEGORIES.length] as string,
        title,
        content,
      },
    },
    { id: petitionerId, roles: ['petitioner'], unit: null },
    iso(receivedAt),
  );
  if (!registered.ok) throw new Error(`register refused: ${registered.refusal.rule}`);
  let petition = registered.petition;
  const events: PetitionEvent[] = [...registered.events];

  // How far the case has come: new ones wait for triage; within three weeks they are assigned,
  // accepted or drafted; up to 45 days drafted, approved or replied (the reply goes out on day 14,
  // the petitioner has 30 days to ask for a review); after that the deadline job has closed them.
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
    const at = Math.min(now - 60_000, receivedAt + day * DAY + randomInt(8 * 3600_000));
    const decision = decide(petition, action, actor, iso(at), defaultCalendar);
    if (!decision.ok) break;
    petition = decision.petition;
    events.push(...decision.events);
  }
  if (petition.state === 'replied') {
    // The deadline job closes a reply whose window has lapsed; do it here, or the real server
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
    }
  }

  const { events: _kept, ...lifecycle } = petition;
  const updatedAt = events.at(-1)?.at ?? iso(receivedAt);
  // As `visibleUnitIds` in the server: the units of every stage, and the concerned unit (no
  // accusations are seeded, so Art 30's firewall never applies here).
  const {
    receiving: r,
    concerned: c,
    handling: h,
    answering: a,
    reviewing: v,
    reExamining: x,
  } = petition.units;
  const visibleUnits = [
    ...new Set([r, h, a, v, x, c].filter((u): u is UnitRef => u !== null).map((u) => u.id)),
  ];
  return {
    row: {
      id,
      number: `XF${new Date(now + 8 * 3600_000).getUTCFullYear()}-${String(serial).padStart(6, '0')}`,
      query_code_hash: createHmac('sha256', 'bench: no one knows this code').update(id).digest('hex'),
      petitioner_id: petitionerId,
      registered_by: null,
      kind,
      channel: 'online',
      category_code: CATEGORIES[index % CATEGORIES.length] as string,
      title,
      content,
      location: null,
      state: petition.state,
      stage: petition.stage,
      version: petition.version,
      receiving_unit_id: receiving.id,
      concerned_unit_id: concerned.id,
      handling_unit_id: petition.units.handling?.id ?? null,
      headcount: null,
      awaiting_approval: petition.state === 'reply_drafted' ? 1 : 0,
      received_at: iso(receivedAt),
      next_due_at: nextDue(clocksOf(petition, defaultCalendar, updatedAt))?.due ?? NO_DUE,
      lifecycle: JSON.stringify(lifecycle),
      created_at: iso(receivedAt),
      updated_at: updatedAt,
    } satisfies Row,
    events: events.map((event, i) => ({
      id: ulid(Date.parse(event.at)),
      petition_id: id,
      seq: i + 1,
      type: event.type,
      at: event.at,
      actor_id: event.actorId,
      actor_role: event.actorRole,
      visibility: event.visibility,
      stage: event.stage,
      data: JSON.stringify(event.data),
    })),
    units: visibleUnits.map((unit_id) => ({ unit_id, petition_id: id })),
  };
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function beijingDate(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}

function randomHanzi(length: number): string {
  return Array.from({ length }, () => String.fromCodePoint(0x4e00 + randomInt(0x5000))).join('');
}

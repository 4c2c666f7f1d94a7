import { runDeadlineJob } from '@xinfang/server/jobs/deadlines';
import { petitionDeps } from '@xinfang/server/petitions/deps';
import { keptTallies, recountTallies } from '@xinfang/server/petitions/inbox-tally';
import { hydrate } from '@xinfang/server/petitions/repository';
import { runningClocksOf } from '@xinfang/shared/clocks';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PetitionKit } from './kit';

/**
 * The inbox counts are tallies the write path keeps (inbox-tally.ts). Whatever happens — any
 * sequence of submissions, registrations, actions by anyone, time passing, the deadline job, a unit
 * moving in the tree — the kept tallies equal a full recount from the petitions, and every staff
 * member's counts equal what their inbox lists when asked queue by queue. So do the running clocks
 * kept in each petition's row, from which its list line shows its next date.
 */

const PETITIONERS = ['13800000001', '13800000002', '13900000003'];
const STAFF = ['reception', 'ds.reception', 'ds.handler', 'ds.head', 'xh.handler', 'xh.head', 'supervisor'];
const UNITS = ['JA-DS-AQK', 'JA-DS-ZC-1', 'JA-DS-JJ-1', 'JA-XH-AQK', 'JA-XH-JD-1', 'JA-DS'];
const KINDS = ['request', 'suggestion', 'accusation'] as const;
/** Actions that record something and change no state. */
const RECORDING = [
  'add_note',
  'send_message',
  'petitioner_message',
  'record_investigation',
  'record_mediation',
  'issue_supervision',
  'answer_supervision',
  'take_case',
  'release_case',
  'notify',
  // Co-handling (Art 24) records a part; an open part only holds the reply back.
  'request_assist',
  'answer_assist',
];
/** Actions that end a case before its answer. */
const ENDING = ['withdraw', 'forward', 'decline', 'divert'];
/** A team that moves between its mine and the other mine, and back. */
const MOVING = 'JA-DS-JJ-1';

type Step =
  | { type: 'submit'; who: number; unit: number; kind: number }
  | { type: 'register'; by: number; unit: number; kind: number }
  | { type: 'act'; petition: number; actor: number; choice: number; seed: number }
  | { type: 'tick'; days: number }
  | { type: 'deadlines' }
  | { type: 'move' };

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('submit' as const),
      who: fc.nat(),
      unit: fc.nat(),
      kind: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('register' as const),
      by: fc.nat(),
      unit: fc.nat(),
      kind: fc.nat(),
    }),
  },
  {
    weight: 16,
    arbitrary: fc.record({
      type: fc.constant('act' as const),
      petition: fc.nat(),
      actor: fc.nat(),
      choice: fc.nat(),
      seed: fc.nat(),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('tick' as const), days: fc.integer({ min: 1, max: 40 }) }),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'deadlines' as const }) },
  { weight: 1, arbitrary: fc.constant({ type: 'move' as const }) },
);

let kit: PetitionKit;
const petitions: string[] = [];
const unitPaths = new Map<string, string[]>();
const staffUnits = new Map<string, string>();
let moved = false;
/** What the runs did, so that the test shows it exercised more than submissions. */
const done = { actions: new Set<string>(), moves: 0, closedByJob: 0 };

beforeAll(async () => {
  kit = await PetitionKit.start();
  for (const who of [...STAFF, ...PETITIONERS, 'admin']) await kit.sessions.token(who);
  for (const s of await kit.app.db.selectFrom('staff_account').select(['username', 'unit_id']).execute())
    staffUnits.set(s.username, s.unit_id);
  await readPaths();
});
afterAll(() => kit?.close());

async function readPaths() {
  for (const u of await kit.app.db.selectFrom('org_unit').select(['id', 'path']).orderBy('code').execute())
    unitPaths.set(u.id, u.path.split('/').filter(Boolean));
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length] as T;

async function run(s: Step): Promise<void> {
  switch (s.type) {
    case 'submit': {
      const { petition } = await kit.submit(pick(PETITIONERS, s.who), {
        kind: pick(KINDS, s.kind),
        concernedUnitId: kit.unit(pick(UNITS, s.unit)),
      });
      petitions.push(petition.id);
      return;
    }
    case 'register': {
      const { petition } = await kit.register(pick(['reception', 'ds.reception'], s.by), {
        kind: pick(KINDS, s.kind),
        concernedUnitId: kit.unit(pick(UNITS, s.unit)),
      });
      petitions.push(petition.id);
      return;
    }
    case 'act': {
      if (petitions.length === 0) return;
      // Mostly one of the newest few, so that cases go far; now and then any.
      const id = pick(s.petition % 4 === 0 ? petitions : petitions.slice(-3), s.petition >> 2);
      // Someone who may move the case on (looking from a random person on); now and then, or when
      // nobody may, someone who may do anything — which may end the case or only record something.
      const people = [...STAFF, ...PETITIONERS];
      let chosen: { who: string; detail: PetitionDetail; offered: PetitionDetail['allowedActions'] } | null =
        null;
      for (let i = 0; i < people.length; i += 1) {
        const who = pick(people, s.actor + i);
        const seen = await kit.http(who, 'GET', `/api/petitions/${id}`);
        if (seen.statusCode !== 200) continue;
        const detail = seen.json() as PetitionDetail;
        const moving = detail.allowedActions.filter(
          (a) => !RECORDING.includes(a.type) && !ENDING.includes(a.type),
        );
        const any = s.seed % 5 === 0;
        if (!chosen && detail.allowedActions.length > 0)
          chosen = { who, detail, offered: detail.allowedActions };
        if (!any && moving.length > 0) {
          chosen = { who, detail, offered: moving };
          break;
        }
        if (any && chosen) break;
      }
      if (!chosen) return;
      const action = pick(chosen.offered, s.choice);
      const params = paramsFor(action, s.seed);
      if (!params) return;
      const response = await kit.send(chosen.who, id, action.type, params, chosen.detail.version);
      // A parameter rule may refuse; nothing else may go wrong.
      expect([200, 422], `${chosen.who} ${action.type}: ${response.body}`).toContain(response.statusCode);
      if (response.statusCode === 200) done.actions.add(action.type);
      return;
    }
    case 'tick':
      kit.tick({ days: s.days });
      return;
    case 'deadlines':
      done.closedByJob += (await runDeadlineJob(petitionDeps(kit.app), kit.now())).closed;
      return;
    case 'move': {
      const parent = kit.unit(moved ? 'JA-DS' : 'JA-XH');
      const response = await kit.http('admin', 'PATCH', `/api/org/units/${kit.unit(MOVING)}`, {
        parentId: parent,
      });
      expect(response.statusCode, response.body).toBe(200);
      moved = !moved;
      done.moves += 1;
      await readPaths();
      return;
    }
  }
}

/**
 * Parameters the action's descriptors accept (a parameter rule may still refuse some); null when
 * the organisation has no unit the action may name.
 */
function paramsFor(
  action: PetitionDetail['allowedActions'][number],
  seed: number,
): Record<string, unknown> | null {
  const params: Record<string, unknown> = {};
  for (const descriptor of action.params) {
    const d = descriptor as Record<string, unknown> & { name: string; kind: string };
    // A scanned receipt must be the recorder's own upload; a delivery needs none.
    if (d.name === 'receiptAttachmentId' || d.name === 'attachmentIds') continue;
    switch (d.kind) {
      case 'text':
      case 'long_text':
        params[d.name] = `属性测试${seed % 97}`;
        break;
      case 'date':
        // A delivery's dates lie between the answer's issue and today; other dates ahead.
        params[d.name] =
          typeof d.maxDate === 'string'
            ? d.maxDate
            : typeof d.minDate === 'string'
              ? addDays(d.minDate, 3 + (seed % 20))
              : kit.beijingDate(10);
        break;
      case 'instant':
        // A hearing lies ahead; a delivery has happened.
        params[d.name] = new Date(
          d.name === 'scheduledFor' ? Date.now() + (1 + (seed % 5)) * 86_400_000 : Date.now() - 60_000,
        ).toISOString();
        break;
      case 'unit': {
        const filter = d.unitFilter as { within: string; not: string; notWithin: string | null } | undefined;
        const fits = [...unitPaths].filter(
          ([id, path]) =>
            !filter ||
            (path.includes(filter.within) &&
              id !== filter.not &&
              (filter.notWithin === null || !path.includes(filter.notWithin))),
        );
        if (fits.length === 0) return null;
        params[d.name] = pick(fits, seed)[0];
        break;
      }
      case 'staff': {
        // The 承办人 is one of the handling unit's own staff (Art 24); others, anyone.
        const unitId = d.staffOfUnit as string | undefined;
        const fits = STAFF.filter((who) => unitId === undefined || staffUnits.get(who) === unitId);
        if (fits.length === 0) return null;
        params[d.name] = kit.staffId(pick(fits, seed));
        break;
      }
      case 'enum':
        params[d.name] = pick(d.options as string[], seed);
        break;
      case 'integer': {
        const values = d.values as number[] | undefined;
        params[d.name] = values?.length ? pick(values, seed) : (d.min as number) + (seed % 5);
        break;
      }
      case 'boolean':
        params[d.name] = seed % 2 === 0;
        break;
      case 'list':
        params[d.name] = ['代表甲'];
        break;
    }
  }
  return params;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** What each staff member's inbox lists, queue by queue: the counts as the lists see them. */
async function listedCounts(who: string) {
  const count = async (query: Record<string, string | number>) =>
    (await kit.listAll(who, { limit: 100, ...query })).length;
  return {
    all: await count({}),
    triage: await count({ queue: 'triage' }),
    handling: await count({ queue: 'handling' }),
    approval: await count({ queue: 'approval' }),
    overdue: await count({ queue: 'overdue' }),
    mine: await count({ queue: 'mine' }),
  };
}

/**
 * The heads name a 承办人 for every case they may (Art 24), so that the people's own queues hold
 * cases whatever the random runs reached; the job's closing then takes some out again.
 */
async function nameHandlers(): Promise<number> {
  let named = 0;
  for (const id of petitions) {
    for (const who of ['ds.head', 'xh.head']) {
      const seen = await kit.http(who, 'GET', `/api/petitions/${id}`);
      if (seen.statusCode !== 200) continue;
      const detail = seen.json() as PetitionDetail;
      const action = detail.allowedActions.find((a) => a.type === 'set_handler');
      const params = action && paramsFor(action, named);
      if (!params) continue;
      const response = await kit.send(who, id, 'set_handler', params, detail.version);
      expect([200, 422], response.body).toContain(response.statusCode);
      if (response.statusCode === 200) named += 1;
      break;
    }
  }
  return named;
}

/**
 * Every answer still waiting is delivered, its window lapses and the deadline job runs: the job's
 * close (it closes only a delivered answer, Art 35, 36) is reached whatever the random runs reached.
 */
async function deliverAndLapse(): Promise<void> {
  const replied = await kit.app.db
    .selectFrom('petition')
    .select('id')
    .where('state', '=', 'replied')
    .execute();
  for (const { id } of replied) {
    for (const who of STAFF) {
      const seen = await kit.http(who, 'GET', `/api/petitions/${id}`);
      if (seen.statusCode !== 200) continue;
      const detail = seen.json() as PetitionDetail;
      const action = detail.allowedActions.find((a) => a.type === 'record_delivery');
      if (!action) continue;
      const params = paramsFor(action, 0);
      if (params) await kit.send(who, id, action.type, params, detail.version);
      break;
    }
  }
  kit.tick({ days: 40 });
  done.closedByJob += (await runDeadlineJob(petitionDeps(kit.app), kit.now())).closed;
}

/**
 * What the write path keeps beside the petitions holds: the tallies equal a recount, every inbox
 * counts what it lists, and what a list's line is made of — the row's columns and its running
 * clocks — says what the lifecycle and its events say.
 */
async function expectKeptAsRecounted(): Promise<void> {
  const rows = await kit.app.db.selectFrom('petition').selectAll().execute();
  for (const { row, petition } of await hydrate(kit.app.db, rows))
    expect({
      number: row.number,
      running: JSON.parse(row.running_clocks),
      line: [row.kind, row.channel, row.state, row.stage, row.version, row.received_at],
      units: [row.receiving_unit_id, row.handling_unit_id],
    }).toEqual({
      number: row.number,
      running: runningClocksOf(petition),
      line: [
        petition.kind,
        petition.channel,
        petition.state,
        petition.stage,
        petition.version,
        petition.receivedAt,
      ],
      units: [petition.units.receiving.id, petition.units.handling?.id ?? null],
    });
  expect(await keptTallies(kit.app.db)).toEqual(await recountTallies(kit.app.db));
  for (const who of STAFF) {
    const response = await kit.http(who, 'GET', '/api/petitions/counts');
    expect(response.statusCode, response.body).toBe(200);
    expect({ who, ...response.json() }).toEqual({ who, ...(await listedCounts(who)) });
  }
}

describe('inbox counts', () => {
  it('after any sequence of changes, the tallies and running clocks equal a recount, and every inbox counts what it lists', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 40 }), async (steps) => {
        for (const s of steps) await run(s);
        await expectKeptAsRecounted();
      }),
      // A fixed seed: the same sequences on every run, so that what they reach never varies.
      { numRuns: 20, endOnFailure: true, seed: 20261203 },
    );
    expect(await nameHandlers()).toBeGreaterThan(0);
    await expectKeptAsRecounted();
    await deliverAndLapse();
    await expectKeptAsRecounted();
    // The runs did reach the states that matter.
    const states = await kit.app.db.selectFrom('petition').select('state').distinct().execute();
    console.log(
      `inbox counts: ${petitions.length} petitions in ${states.map((s) => s.state).join(', ')}; actions ${[...done.actions].join(', ')}; ${done.moves} moves; ${done.closedByJob} closed by the deadline job`,
    );
    expect(states.length).toBeGreaterThan(3);
    expect(done.actions.size).toBeGreaterThan(10);
    expect([...done.actions]).toEqual(expect.arrayContaining(['recuse', 'issue_reply', 'approve_extension']));
    expect(done.moves).toBeGreaterThan(0);
    expect(done.closedByJob).toBeGreaterThan(0);
  }, 600_000);
});

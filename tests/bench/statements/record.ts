import { Writable } from 'node:stream';
import { buildApp } from '@xinfang/server/app';
import type { Config } from '@xinfang/server/config';
import type { Database } from '@xinfang/server/db/database';
import { migrateToLatest } from '@xinfang/server/db/migrate';
import { DatabaseMonitor, silentMonitorLog } from '@xinfang/server/db/monitor';
import { mysqlOptions } from '@xinfang/server/db/mysql-pool';
import { CachingSqliteDialect } from '@xinfang/server/db/sqlite-driver';
import { seedDemoIfEmpty } from '@xinfang/server/seed/demo';
import { testConfig } from '@xinfang/server/testing';
import { maskPhone } from '@xinfang/shared/masking';
import SQLite from 'better-sqlite3';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { type Dialect, Kysely, MysqlDialect } from 'kysely';
import { createPool } from 'mysql2';
import { ENDPOINTS, type EndpointName, submitBody } from './endpoints';
import { Recorder, recordingDialect } from './recording-dialect';
import { type EndpointStatements, type StatementFile, templateEvents } from './templates';

/**
 * Records, for every endpoint `pnpm bench` loads, the statements our server runs to answer it —
 * by running the real app on a scratch database of the given dialect behind a recording driver.
 * A fixture like the bench's, small: 张伟 with a history about one unit, one answered case, a
 * petitioner with none. `bench/record.ts` writes the result to `bench/statements/<dialect>.json`,
 * which the baseline replays; a test fails when that file no longer matches the code.
 */
const HISTORY_PHONE = '13800000001';
const NEW_PHONE = '13700000009';
const CONCERNED = 'JA-DS-AQK';

export async function recordStatements(dialect: 'sqlite' | 'mysql', url: string): Promise<StatementFile> {
  const recorder = new Recorder();
  const config = testConfig({ databaseUrl: url, logLevel: 'info', submissionsPerDay: 1_000_000 });
  const db = new Kysely<never>({ dialect: recordingDialect(innerDialect(url, config.db), recorder) });
  const logs = new LogLines();
  const app = await buildApp(config, {
    database: {
      db: db as never,
      dialect,
      // Health is not recorded: nobody asks it whether the database is there.
      monitor: new DatabaseMonitor(silentMonitorLog, async () => 'recording', { probeTimeoutMs: 1000 }),
      // The recording runs one request at a time: nothing conflicts, nothing is retried.
      conflicts: { retried: 0, gaveUp: 0 },
      destroy: () => db.destroy(),
    } satisfies Database,
    logDestination: logs.stream,
  });
  try {
    await migrateToLatest(app.db, dialect);
    await seedDemoIfEmpty(app.db, app.pii);
    const fixture = await prepare(app, logs);
    const endpoints: EndpointStatements[] = [];
    for (const endpoint of ENDPOINTS) {
      const call = fixture.calls[endpoint];
      recorder.start();
      const response = await app.inject(call);
      const events = recorder.stop();
      if (response.statusCode >= 300)
        throw new Error(`recording ${endpoint}: ${response.statusCode} ${response.body}`);
      endpoints.push({ endpoint, events: templateEvents(events, fixture.known) });
    }
    return {
      dialect,
      about:
        'The statements our server runs per endpoint of `pnpm bench`, recorded by `pnpm --filter @xinfang/tests bench:record`; the baseline replays them. Generated: do not edit.',
      endpoints,
    };
  } finally {
    await app.close();
  }
}

function innerDialect(url: string, bounds: Config['db']): Dialect {
  if (url.startsWith('mysql://')) {
    const pool = createPool(mysqlOptions(url, bounds));
    return new MysqlDialect({ pool });
  }
  const file = url.slice('sqlite:'.length);
  const writer = new SQLite(file);
  writer.pragma('journal_mode = WAL');
  writer.pragma('foreign_keys = ON');
  const reader = file === ':memory:' ? null : new SQLite(file);
  return new CachingSqliteDialect({ writer, reader });
}

type Inject = InjectOptions;

interface Fixture {
  calls: Record<EndpointName, Inject>;
  /** Values of this database → the names the replay resolves on another. */
  known: Map<string, string>;
}

/** The fixture, made through the API; and each endpoint's request. */
async function prepare(app: FastifyInstance, logs: LogLines): Promise<Fixture> {
  const known = new Map<string, string>();
  for (const u of await app.db.selectFrom('org_unit').select(['id', 'code']).execute())
    known.set(u.id, `unit:${u.code}`);
  const staffIds = new Map<string, string>();
  for (const s of await app.db.selectFrom('staff_account').select(['id', 'username']).execute()) {
    known.set(s.id, `staff:${s.username}`);
    staffIds.set(s.username, s.id);
  }
  const unitId = async (code: string) =>
    (await app.db.selectFrom('org_unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const concerned = await unitId(CONCERNED);

  const history = await signInPetitioner(app, logs, HISTORY_PHONE);
  const first = await signInPetitioner(app, logs, NEW_PHONE);
  known.set(history.id, 'petitioner:history');
  known.set(first.id, 'petitioner:first');
  const staff = {
    reception: await signInStaff(app, 'ds.reception'),
    handler: await signInStaff(app, 'ds.handler'),
    head: await signInStaff(app, 'ds.head'),
    supervisor: await signInStaff(app, 'supervisor'),
  };

  // A history: more than a page, some about the same unit with the bench's title.
  const submitted: { id: string; number: string; queryCode: string }[] = [];
  for (let i = 0; i < 24; i += 1) {
    const body = submission(concerned, i);
    const answer = await call(app, history.token, 'POST', '/api/petitions', body, `history-${i}`);
    submitted.push({ id: answer.petition.id, number: answer.petition.number, queryCode: answer.queryCode });
  }
  // The detail: the first, taken as far as the bench's; the lookup: the second, just registered.
  const [answered, looked] = submitted;
  if (!answered || !looked) throw new Error('no history');
  const id = answered.id;
  let version = 1;
  const act = async (token: string, type: string, params: Record<string, unknown> = {}) => {
    const detail = await call(app, token, 'POST', `/api/petitions/${id}/actions`, { type, params, version });
    version = detail.version;
  };
  await act(staff.reception, 'assign', { unit: concerned, reportBackBy: beijingDate(50) });
  await act(staff.handler, 'accept');
  await act(staff.handler, 'draft_reply', {
    request: '请求解决井下通风问题',
    factsAndReasons: '经调查核实，反映的情况基本属实。',
    decision: '已责成相关部门限期整改，并将整改情况书面告知。',
    legalBasis: '《信访工作条例》第三十二条',
    outcome: 'support',
  });
  await act(staff.head, 'approve_reply');
  await act(staff.handler, 'issue_reply');

  known.set(id, 'request:id');
  known.set(looked.number, 'request:number');
  known.set('record-submit-first', 'request:key');
  known.set('record-submit-history', 'request:key');
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const submit = (token: string, key: string): Inject => ({
    method: 'POST',
    url: '/api/petitions',
    headers: { ...auth(token), 'content-type': 'application/json', 'idempotency-key': key },
    payload: JSON.stringify(submitBody(concerned)),
  });
  return {
    known,
    calls: {
      'petitioner list': { method: 'GET', url: '/api/petitions', headers: auth(history.token) },
      detail: { method: 'GET', url: `/api/petitions/${id}`, headers: auth(history.token) },
      lookup: {
        method: 'POST',
        url: '/api/lookup',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ number: looked.number, queryCode: looked.queryCode }),
      },
      'inbox (mine)': { method: 'GET', url: '/api/petitions', headers: auth(staff.head) },
      'inbox (group)': { method: 'GET', url: '/api/petitions', headers: auth(staff.supervisor) },
      'inbox counts (mine)': { method: 'GET', url: '/api/petitions/counts', headers: auth(staff.head) },
      'submit (first)': submit(first.token, 'record-submit-first'),
      'submit (2,000 before)': submit(history.token, 'record-submit-history'),
    },
  };
}

function submission(concernedUnitId: string, i: number) {
  const topics = ['井下通风', '工资发放', '宿舍维修', '班车安排'];
  const topic = topics[i % topics.length] as string;
  return {
    kind: 'request',
    concernedUnitId,
    categoryCode: 'safety',
    title: `关于${topic}的反映`,
    content: `${topic}：第${i + 1}次反映，${'情况说明'.repeat(1 + (i % 3))}，请求处理。`,
  };
}

async function call(
  app: FastifyInstance,
  token: string,
  method: 'POST',
  url: string,
  body: unknown,
  key?: string,
) {
  const response = await app.inject({
    method,
    url,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: JSON.stringify(body),
  });
  if (response.statusCode >= 300)
    throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json();
}

async function signInStaff(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/staff/login',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ username, password: 'demo-pass-2026' }),
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${username}: ${response.body}`);
  return response.json().tokens.accessToken;
}

async function signInPetitioner(app: FastifyInstance, logs: LogLines, phone: string) {
  const json = { 'content-type': 'application/json' };
  await app.inject({
    method: 'POST',
    url: '/api/auth/otp',
    headers: json,
    payload: JSON.stringify({ phone }),
  });
  const code = logs.code(phone);
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/otp/login',
    headers: json,
    payload: JSON.stringify({ phone, code }),
  });
  if (response.statusCode !== 200) throw new Error(`sign-in of ${maskPhone(phone)}: ${response.body}`);
  const answer = response.json();
  return { id: answer.me.id as string, token: answer.tokens.accessToken as string };
}

function beijingDate(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** The app's log, for the development SMS sender's one-time codes. */
class LogLines {
  private readonly lines: string[] = [];
  readonly stream = new Writable({
    write: (chunk, _encoding, done) => {
      this.lines.push(...String(chunk).split('\n'));
      done();
    },
  });

  code(phone: string): string {
    const label = `login code for ${maskPhone(phone)}: `;
    const line = this.lines.findLast((l) => l.includes(label));
    const code = line ? /login code for [^:]+: (\d{6})/.exec(line)?.[1] : undefined;
    if (!code) throw new Error(`no code was logged for ${maskPhone(phone)}`);
    return code;
  }
}

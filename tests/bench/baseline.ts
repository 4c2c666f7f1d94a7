import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';
import { mysqlSql, type Sql, sqliteSql } from './baseline-sql';
import { ulid } from './ids';
import { framePages, LOG_PAGES_HEADER } from './log-pages';
import { type ReplayContext, resolve, type StatementFile } from './statements/templates';

/**
 * The two baselines of `pnpm bench`, bare Fastify apps in one process of their own, started like
 * ours — no validation, no authentication, no Kysely, no lifecycle or clocks, no view mapping:
 *
 * - **same SQL** (`/replay/:endpoint`): replays, statement for statement and transaction for
 *   transaction, what our server ran for that endpoint (statements/<dialect>.json, recorded from
 *   our code), with each request's own ids, times and results; rows go out as they come.
 * - **floor** (`/floor/…`): the least each endpoint must do. Submit: one transaction that writes
 *   the idempotency record, bumps the year's counter, inserts the petition and its first event.
 *   Detail and lookup: one indexed read of the row and of its events. Lists: one index range of one
 *   page. Counts: the unit's tallies.
 *
 * Both run their SQL as ours does (baseline-sql.ts).
 *
 * Environment: BASELINE_DATABASE_URL, PORT, BASELINE_CONNECTIONS (MySQL pool, as ours),
 * BASELINE_STATEMENTS (the recording), BASELINE_LIFECYCLE (a lifecycle value for the floor's rows),
 * BASELINE_PETITIONERS (JSON: the placeholder names of petitioners → their ids).
 */
const databaseUrl = process.env.BASELINE_DATABASE_URL ?? '';
const sql = databaseUrl.startsWith('mysql://')
  ? mysqlSql(databaseUrl, Number(process.env.BASELINE_CONNECTIONS ?? 10))
  : sqliteSql(databaseUrl.slice('sqlite:'.length));

// ── same SQL: the recorded statements ─────────────────────────────────────────────────────────

const recording = JSON.parse(readFileSync(process.env.BASELINE_STATEMENTS ?? '', 'utf8')) as StatementFile;
if (recording.dialect !== sql.dialect) throw new Error(`a ${recording.dialect} recording for ${sql.dialect}`);

/** The fixtures the recording names, as they are on this database. */
const fixtures = new Map<string, string>();
for (const u of await sql.run('select id, code from org_unit')) fixtures.set(`unit:${u.code}`, String(u.id));
for (const s of await sql.run('select id, username from staff_account'))
  fixtures.set(`staff:${s.username}`, String(s.id));
for (const [name, id] of Object.entries(
  JSON.parse(process.env.BASELINE_PETITIONERS ?? '{}') as Record<string, string>,
))
  fixtures.set(`petitioner:${name}`, id);

let numbers = 0;
const numberPrefix = `XB${process.pid % 10_000}-`;

async function replay(endpoint: string, request: Record<string, string | undefined>) {
  const recorded = recording.endpoints.find((e) => e.endpoint === endpoint);
  if (!recorded) throw new Error(`nothing recorded for ${endpoint}`);
  const known = new Map(fixtures);
  for (const [name, value] of Object.entries(request)) {
    if (value === undefined) continue;
    // `fixture:<name>` stands in for a fixture per request (a new petitioner for each first submission).
    known.set(name.startsWith('fixture:') ? name.slice('fixture:'.length) : `request:${name}`, value);
  }
  const context: ReplayContext = {
    known,
    results: [],
    fresh: new Map(),
    now: new Date().toISOString(),
    newId: () => ulid(Date.now()),
    newNumber: () => `${numberPrefix}${++numbers}`,
  };
  let trx: Awaited<ReturnType<Sql['begin']>> | null = null;
  try {
    for (const event of recorded.events) {
      if (event.kind === 'query') {
        const params = event.params.map((p) => resolve(p, context));
        context.results.push(await (trx ?? sql).run(event.sql, params));
      } else if (event.kind === 'begin') {
        trx = await sql.begin();
      } else {
        await (event.kind === 'commit' ? trx?.commit() : trx?.rollback());
        trx = null;
      }
    }
  } finally {
    await trx?.rollback();
  }
  return context.results;
}

const app = Fastify({ logger: false });
// A failure is shown once per message, so that a bench that counts 500s says why.
const reported = new Set<string>();
app.setErrorHandler((error, request, reply) => {
  const { message } = error as Error;
  if (!reported.has(message)) {
    reported.add(message);
    process.stderr.write(`baseline: ${request.url}: ${message}\n`);
  }
  return reply.status(500).send({ error: message });
});

app.route<{
  Params: { endpoint: string };
  Querystring: Record<string, string>;
  Body: Record<string, unknown> | undefined;
}>({
  method: ['GET', 'POST'],
  url: '/replay/:endpoint',
  handler: async (request) => {
    const body = request.body ?? {};
    const results = await replay(decodeURIComponent(request.params.endpoint), {
      ...request.query,
      number: typeof body.number === 'string' ? body.number : request.query.number,
      key: request.headers['idempotency-key'] as string | undefined,
    });
    return { results };
  },
});

// ── floor: the least each endpoint must do ────────────────────────────────────────────────────

const lifecycle = JSON.parse(process.env.BASELINE_LIFECYCLE ?? '{}') as Record<string, unknown>;

app.get<{ Params: { id: string } }>('/floor/petitions/:id', async (request) => {
  const [petition] = await sql.run('select * from petition where id = ?', [request.params.id]);
  const events = await sql.run('select * from petition_event where petition_id = ? order by seq', [
    request.params.id,
  ]);
  return { petition, events };
});

app.post<{ Body: { number: string } }>('/floor/lookup', async (request) => {
  const [petition] = await sql.run('select * from petition where number = ?', [request.body.number]);
  const events = await sql.run('select * from petition_event where petition_id = ? order by seq', [
    petition?.id ?? '',
  ]);
  return { petition, events };
});

app.get<{ Params: { petitionerId: string } }>('/floor/mine/:petitionerId', async (request) => ({
  items: await sql.run(
    'select * from petition where petitioner_id = ? order by received_at desc, id desc limit 20',
    [request.params.petitionerId],
  ),
}));

app.get('/floor/inbox', async () => ({
  items: await sql.run('select * from petition order by next_due_at, id limit 20'),
}));

app.get<{ Params: { unitId: string } }>('/floor/counts/:unitId', async (request) => ({
  counts: await sql.run(
    "select queue, sum(n) as n from inbox_tally where unit_id = ? and (queue <> 'due' or due_at < ?) group by queue",
    [request.params.unitId, new Date().toISOString()],
  ),
}));

app.post<{
  Params: { petitionerId: string };
  Body: { concernedUnitId: string; categoryCode: string; title: string; content: string; kind: string };
}>('/floor/submit/:petitionerId', async (request, reply) => {
  const { petitionerId } = request.params;
  const body = request.body;
  const now = new Date();
  const at = now.toISOString();
  const id = ulid(now.getTime());
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  const number = await sql.transaction(async (trx) => {
    await trx.run(
      'insert into idempotency_record (scope, idem_key, request_hash, response_status, response_cipher, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
      [
        `petitioner:${petitionerId}`,
        String(request.headers['idempotency-key']),
        randomBytes(32).toString('hex'),
        201,
        '',
        at,
        new Date(now.getTime() + 48 * 3600_000).toISOString(),
      ],
    );
    await trx.run(
      sql.dialect === 'mysql'
        ? 'insert into petition_counter (year, last_number) values (?, 1) on duplicate key update last_number = last_number + 1'
        : 'insert into petition_counter (year, last_number) values (?, 1) on conflict (year) do update set last_number = last_number + 1',
      [year],
    );
    const [counter] = await trx.run('select last_number from petition_counter where year = ?', [year]);
    const number = `XF${year}-${String(counter?.last_number).padStart(6, '0')}`;
    await trx.run(
      'insert into petition (id, number, query_code_hash, petitioner_id, registered_by, kind, channel, category_code, title, content, location, state, stage, version, receiving_unit_id, concerned_unit_id, handling_unit_id, headcount, awaiting_approval, received_at, next_due_at, lifecycle, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        number,
        randomBytes(32).toString('hex'),
        petitionerId,
        null,
        body.kind,
        'online',
        body.categoryCode,
        body.title,
        body.content,
        null,
        'registered',
        'first',
        1,
        body.concernedUnitId,
        body.concernedUnitId,
        null,
        null,
        0,
        at,
        new Date(now.getTime() + 15 * 86_400_000).toISOString(),
        JSON.stringify({ ...lifecycle, id, petitionerId, receivedAt: at }),
        at,
        at,
      ],
    );
    await trx.run(
      'insert into petition_event (id, petition_id, seq, type, at, actor_id, actor_role, visibility, stage, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [ulid(now.getTime()), id, 1, 'registered', at, petitionerId, 'petitioner', 'petitioner', 'first', '{}'],
    );
    return number;
  });
  return reply.status(201).send({ id, number });
});

// ── SQLite: the log's pages a write request writes (log-pages.ts) ─────────────────────────────

if (sql.dialect === 'sqlite') {
  const file = databaseUrl.slice('sqlite:'.length);
  app.addHook('preHandler', async (request) => {
    if (!request.headers[LOG_PAGES_HEADER]) return;
    const [checkpoint] = await sql.run('pragma wal_checkpoint(TRUNCATE)');
    if (Number(checkpoint?.busy) !== 0)
      throw new Error('the log could not be emptied: is our server still running?');
  });
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.headers[LOG_PAGES_HEADER]) reply.header(LOG_PAGES_HEADER, framePages(file).join(','));
    return payload;
  });
  // Which table or index each page belongs to: dbstat reads every page of the file once.
  app.post<{ Body: { pages: number[] } }>('/log-pages/trees', async (request) => {
    const wanted = new Set(request.body.pages);
    const trees: Record<number, string> = {};
    for (const row of await sql.run('select name, pageno from dbstat'))
      if (wanted.has(Number(row.pageno))) trees[Number(row.pageno)] = String(row.name);
    return trees;
  });
}

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.stdout.write('baseline listening\n');

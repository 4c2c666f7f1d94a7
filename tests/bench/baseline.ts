import { randomBytes } from 'node:crypto';
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import { ulid } from './ids';

/**
 * The baseline of `pnpm bench`: a bare Fastify app that runs, per endpoint, the statements our
 * server runs (as of this writing: see docs/benchmarks.md) straight through the driver — no
 * validation, no authentication, no Kysely, no lifecycle, no view mapping; rows go out as they come.
 * What the real server takes beyond this is our overhead. Started as its own process, like ours.
 *
 * Environment: BASELINE_DATABASE_URL, PORT, BASELINE_CONNECTIONS (MySQL pool size, as ours).
 */
type Params = unknown[];

interface Sql {
  all<T = Record<string, unknown>>(statement: string, params?: Params): Promise<T[]>;
  run(statement: string, params?: Params): Promise<void>;
  transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T>;
  dialect: 'sqlite' | 'mysql';
}

function sqliteSql(file: string): Sql {
  const db = new SQLite(file, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const cache = new Map<string, SQLite.Statement>();
  const prepare = (statement: string) => {
    let prepared = cache.get(statement);
    if (!prepared) {
      prepared = db.prepare(statement);
      cache.set(statement, prepared);
    }
    return prepared;
  };
  // One connection, as Kysely's SQLite dialect has: transactions take turns.
  let queue: Promise<unknown> = Promise.resolve();
  const sql: Sql = {
    dialect: 'sqlite',
    async all<T>(statement: string, params: Params = []) {
      return prepare(statement).all(...params) as T[];
    },
    async run(statement, params = []) {
      prepare(statement).run(...params);
    },
    transaction<T>(work: (sql: Sql) => Promise<T>) {
      const turn = queue.then(async () => {
        db.exec('begin');
        try {
          const result = await work(sql);
          db.exec('commit');
          return result;
        } catch (error) {
          db.exec('rollback');
          throw error;
        }
      });
      queue = turn.catch(() => {});
      return turn;
    },
  };
  return sql;
}

function mysqlSql(url: string, connections: number): Sql {
  const parsed = new URL(url);
  const pool: Pool = createPool({
    host: parsed.hostname,
    port: Number(parsed.port || 3306),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    charset: 'UTF8MB4_UNICODE_CI',
    connectionLimit: connections,
    decimalNumbers: true,
    supportBigNumbers: true,
  });
  const on = (target: Pool | PoolConnection): Sql => ({
    dialect: 'mysql',
    async all<T>(statement: string, params: Params = []) {
      const [rows] = await target.query(statement, params);
      return rows as T[];
    },
    async run(statement, params = []) {
      await target.query(statement, params);
    },
    async transaction<T>(work: (sql: Sql) => Promise<T>) {
      const connection = await pool.getConnection();
      try {
        await connection.beginTransaction();
        const result = await work(on(connection));
        await connection.commit();
        return result;
      } catch (error) {
        await connection.rollback();
        throw error;
      } finally {
        connection.release();
      }
    },
  });
  return on(pool);
}

const marks = (values: readonly unknown[]) => values.map(() => '?').join(', ');

const databaseUrl = process.env.BASELINE_DATABASE_URL ?? '';
const sql = databaseUrl.startsWith('mysql://')
  ? mysqlSql(databaseUrl, Number(process.env.BASELINE_CONNECTIONS ?? 10))
  : sqliteSql(databaseUrl.slice('sqlite:'.length));

type PetitionRow = { id: string; lifecycle: string } & Record<string, unknown>;

/** `hydrate`: the petitions' events and the current paths of their units. */
async function hydrate(db: Sql, rows: PetitionRow[]) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const events = await db.all<{ petition_id: string; actor_role: string; actor_id: string }>(
    `select petition_id, type, at, actor_id, actor_role, visibility, stage, data from petition_event where petition_id in (${marks(ids)}) order by petition_id, seq`,
    ids,
  );
  const unitIds = new Set<string>();
  for (const row of rows) {
    const units = (JSON.parse(row.lifecycle) as { units: Record<string, { id: string } | null> }).units;
    for (const unit of Object.values(units)) if (unit) unitIds.add(unit.id);
  }
  const paths = await db.all(`select id, path from org_unit where id in (${marks([...unitIds])})`, [
    ...unitIds,
  ]);
  return rows.map((row) => ({ row, events: events.filter((e) => e.petition_id === row.id), paths }));
}

/** `viewContext`: unit names, and staff names for staff viewers. */
async function viewContext(db: Sql, loaded: Awaited<ReturnType<typeof hydrate>>, staff: boolean) {
  const unitIds = new Set<string>();
  const staffIds = new Set<string>();
  for (const { row, events } of loaded) {
    const units = (JSON.parse(row.lifecycle) as { units: Record<string, { id: string } | null> }).units;
    for (const unit of Object.values(units)) if (unit) unitIds.add(unit.id);
    for (const event of events)
      if (event.actor_role !== 'petitioner' && event.actor_role !== 'system') staffIds.add(event.actor_id);
  }
  const units = unitIds.size
    ? await db.all(`select id, code, name from org_unit where id in (${marks([...unitIds])})`, [...unitIds])
    : [];
  const names =
    staff && staffIds.size
      ? await db.all(`select id, display_name from staff_account where id in (${marks([...staffIds])})`, [
          ...staffIds,
        ])
      : [];
  return { units, names };
}

const app = Fastify({ logger: false });

app.get<{ Params: { petitionerId: string } }>('/mine/:petitionerId', async (request) => {
  const rows = await sql.all<PetitionRow>(
    'select petition.* from (select petition.id from petition where petition.petitioner_id = ? order by petition.received_at desc, petition.id desc limit ?) as page cross join petition where petition.id = page.id order by petition.received_at desc, petition.id desc',
    [request.params.petitionerId, 21],
  );
  const loaded = await hydrate(sql, rows.slice(0, 20));
  return { items: loaded, view: await viewContext(sql, loaded, false) };
});

const notRecused =
  'petition.id not in (select petition_recusal.petition_id from petition_recusal where petition_recusal.staff_id = ?)';

app.get<{ Querystring: { staff: string; path: string } }>('/inbox', async (request) => {
  const { staff, path } = request.query;
  const subtree = path.split('/').filter(Boolean).length > 1;
  const rows = await sql.all<PetitionRow>(
    `select petition.* from (select petition.id from petition where ${
      subtree
        ? '(select count(*) as n from petition_unit inner join org_unit on org_unit.id = petition_unit.unit_id where petition_unit.petition_id = petition.id and (org_unit.path >= ? and org_unit.path < ?)) > ? and '
        : ''
    }${notRecused} order by petition.next_due_at asc, petition.id asc limit ?) as page cross join petition where petition.id = page.id order by petition.next_due_at asc, petition.id asc`,
    subtree ? [path, `${path.slice(0, -1)}0`, 0, staff, 21] : [staff, 21],
  );
  const loaded = await hydrate(sql, rows.slice(0, 20));
  return { items: loaded, view: await viewContext(sql, loaded, true) };
});

/** The five queue counts of an inbox in one pass, as `counts` asks them. */
app.get<{ Querystring: { staff: string; path: string } }>('/inbox/counts', async (request) => {
  const { staff, path } = request.query;
  const subtree = path.split('/').filter(Boolean).length > 1;
  const scope = subtree
    ? 'petition.id in (select petition_unit.petition_id from petition_unit where petition_unit.unit_id in (select org_unit.id from org_unit where (org_unit.path >= ? and org_unit.path < ?))) and '
    : '';
  const scopeParams = subtree ? [path, `${path.slice(0, -1)}0`] : [];
  const [row] = await sql.all<Record<string, unknown>>(
    `select count(*) as total,
       sum(case when petition.state in (?, ?, ?) then 1 else 0 end) as triage,
       sum(case when petition.state in (?, ?, ?, ?) then 1 else 0 end) as handling,
       sum(case when petition.awaiting_approval = ? then 1 else 0 end) as approval,
       sum(case when petition.next_due_at < ? then 1 else 0 end) as overdue
     from petition where ${scope}${notRecused}`,
    [
      'registered',
      'referred',
      'objected',
      'assigned',
      'handling',
      'reply_drafted',
      'reply_approved',
      1,
      new Date().toISOString(),
      ...scopeParams,
      staff,
    ],
  );
  const n = (value: unknown) => Number(value ?? 0);
  return {
    all: n(row?.total),
    triage: n(row?.triage),
    handling: n(row?.handling),
    approval: n(row?.approval),
    overdue: n(row?.overdue),
  };
});

app.get<{ Params: { id: string } }>('/petitions/:id', async (request) => {
  const { id } = request.params;
  // The access check's target, then the petition, then its view.
  await sql.all('select id, petitioner_id from petition where id = ?', [id]);
  await sql.all(
    'select u.id, u.path from petition_unit as pu inner join org_unit as u on u.id = pu.unit_id where pu.petition_id = ?',
    [id],
  );
  await sql.all('select staff_id from petition_recusal where petition_id = ?', [id]);
  const rows = await sql.all<PetitionRow>('select * from petition where id = ?', [id]);
  const loaded = await hydrate(sql, rows);
  const view = await viewContext(sql, loaded, false);
  const attachments = await sql.all(
    'select id, kind, mime, byte_size, width, height, thumbnail_key, created_at from attachment where petition_id = ? order by created_at',
    [id],
  );
  return { petition: loaded[0], view, attachments };
});

app.post<{ Body: { number: string; queryCode: string } }>('/lookup', async (request) => {
  const number = request.body.number;
  for (const bucket of [`lookup@${request.ip}`, `lookup:${number}`]) {
    await sql.all('select blocked_until from throttle where bucket = ?', [bucket]);
  }
  const rows = await sql.all<PetitionRow>('select * from petition where number = ?', [number]);
  const loaded = await hydrate(sql, rows);
  const now = new Date().toISOString();
  await sql.run(
    'insert into audit_log (id, at, actor_type, actor_id, action, target_type, target_id, outcome, unit_path, ip, request_id, details) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    [
      ulid(Date.now()),
      now,
      'anonymous',
      null,
      'petition.lookup',
      'petition',
      rows[0]?.id ?? null,
      'success',
      null,
      request.ip,
      request.id,
      null,
    ],
  );
  const units = (
    JSON.parse(rows[0]?.lifecycle ?? '{"units":{}}') as { units: { receiving?: { id: string } } }
  ).units;
  const holder = await sql.all('select id, code, name from org_unit where id = ?', [
    units.receiving?.id ?? '',
  ]);
  return { petition: loaded[0], holder };
});

/** A lifecycle value for new rows: the baseline stores it as it is, the way it stores everything. */
const template = JSON.parse(process.env.BASELINE_LIFECYCLE ?? '{}') as Record<string, unknown>;

app.post<{
  Params: { petitionerId: string };
  Body: { concernedUnitId: string; categoryCode: string; title: string; content: string; kind: string };
}>('/submit/:petitionerId', async (request, reply) => {
  const { petitionerId } = request.params;
  const body = request.body;
  const scope = `petitioner:${petitionerId}`;
  const key = String(request.headers['idempotency-key']);
  const findKept = (db: Sql) =>
    db.all(
      'select request_hash, response_status, response_cipher from idempotency_record where scope = ? and idem_key = ?',
      [scope, key],
    );
  await findKept(sql);
  const answer = await sql.transaction(async (trx) => {
    await findKept(trx);
    const now = new Date();
    const at = now.toISOString();
    await trx.run(
      'insert into idempotency_record (scope, idem_key, request_hash, response_status, response_cipher, created_at, expires_at) values (?, ?, ?, ?, ?, ?, ?)',
      [
        scope,
        key,
        randomBytes(32).toString('hex'),
        0,
        '',
        at,
        new Date(now.getTime() + 48 * 3600_000).toISOString(),
      ],
    );
    const [unit] = await trx.all<{ id: string; path: string }>(
      'select id, path, retired_at from org_unit where id = ?',
      [body.concernedUnitId],
    );
    await trx.all('select code from category where code = ? and active = ?', [body.categoryCode, 1]);
    const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
    await trx.run(
      trx.dialect === 'mysql'
        ? 'insert into petition_counter (year, last_number) values (?, ?) on duplicate key update last_number = last_number + 1'
        : 'insert into petition_counter (year, last_number) values (?, ?) on conflict (year) do update set last_number = last_number + 1',
      [year, 1],
    );
    const [{ last_number } = { last_number: 0 }] = await trx.all<{ last_number: number }>(
      'select last_number from petition_counter where year = ?',
      [year],
    );
    const id = ulid(now.getTime());
    const path = (unit?.path ?? '').split('/').filter(Boolean);
    const receiving = path[Math.min(2, path.length) - 1] ?? '';
    const lifecycle = { ...template, id, petitionerId, receivedAt: at };
    await trx.run(
      'insert into petition (id, state, stage, version, handling_unit_id, awaiting_approval, lifecycle, number, query_code_hash, petitioner_id, registered_by, kind, channel, category_code, title, content, location, receiving_unit_id, concerned_unit_id, headcount, received_at, next_due_at, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        id,
        'registered',
        'first',
        1,
        null,
        0,
        JSON.stringify(lifecycle),
        `XF${year}-${String(last_number).padStart(6, '0')}`,
        randomBytes(32).toString('hex'),
        petitionerId,
        null,
        body.kind,
        'online',
        body.categoryCode,
        body.title,
        body.content,
        null,
        receiving,
        body.concernedUnitId,
        null,
        at,
        new Date(now.getTime() + 15 * 86400_000).toISOString(),
        at,
        at,
      ],
    );
    await trx.run(
      'insert into petition_event (id, petition_id, seq, type, at, actor_id, actor_role, visibility, stage, data) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [ulid(now.getTime()), id, 1, 'registered', at, petitionerId, 'petitioner', 'petitioner', 'first', '{}'],
    );
    await trx.run('delete from petition_unit where petition_id = ?', [id]);
    const visible = [...new Set([receiving, body.concernedUnitId])];
    await trx.run(
      `insert into petition_unit (unit_id, petition_id) values ${visible.map(() => '(?, ?)').join(', ')}`,
      visible.flatMap((u) => [u, id]),
    );
    await trx.run(
      'insert into audit_log (id, at, actor_type, actor_id, action, target_type, target_id, outcome, unit_path, ip, request_id, details) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      [
        ulid(now.getTime()),
        at,
        'petitioner',
        petitionerId,
        'petition.submit',
        'petition',
        id,
        'success',
        null,
        request.ip,
        request.id,
        null,
      ],
    );
    // Repeat detection: the same person's petitions about the same unit, with their events.
    const [me] = await trx.all<{ phone_hash: string | null }>(
      'select phone_hash, id_number_hash from petitioner_account where id = ?',
      [petitionerId],
    );
    const people = me?.phone_hash
      ? (
          await trx.all<{ id: string }>('select id from petitioner_account where (phone_hash = ?)', [
            me.phone_hash,
          ])
        ).map((p) => p.id)
      : [petitionerId];
    const candidates = await trx.all<PetitionRow>(
      `select * from petition where petitioner_id in (${marks(people)}) and concerned_unit_id = ? and id <> ? order by received_at desc limit ?`,
      [...people, body.concernedUnitId, id, 200],
    );
    await hydrate(trx, candidates);
    const rows = await trx.all<PetitionRow>('select * from petition where id = ?', [id]);
    const loaded = await hydrate(trx, rows);
    const view = await viewContext(trx, loaded, false);
    await trx.all(
      'select id, kind, mime, byte_size, width, height, thumbnail_key, created_at from attachment where petition_id = ? order by created_at',
      [id],
    );
    const result = { petition: loaded[0], view, queryCode: randomBytes(4).toString('hex') };
    await trx.run(
      'update idempotency_record set response_status = ?, response_cipher = ? where scope = ? and idem_key = ?',
      [201, JSON.stringify(result).slice(0, 2000), scope, key],
    );
    return result;
  });
  return reply.status(201).send(answer);
});

await app.listen({ host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
process.stdout.write('baseline listening\n');

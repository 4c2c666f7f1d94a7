import { type Kysely, SqliteAdapter, sql } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Inbox counts kept as tallies per unit and queue (the write path keeps them from here on), and
// counted once from the petitions already there. The queue definitions below are those of this
// day: a petition counts once for every ancestor-or-self of the units that may see it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('inbox_tally')
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    // all, triage, handling, approval — or due, counted per due instant (overdue: those before now)
    .addColumn('queue', 'varchar(16)', (c) => c.notNull())
    .addColumn('due_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('inbox_tally_pk', ['unit_id', 'queue', 'due_at'])
    // SQLite: the rows in their key's b-tree alone (as InnoDB keeps them), one page less per write.
    .$call((t) => (db.getExecutor().adapter instanceof SqliteAdapter ? t.modifyEnd(sql`without rowid`) : t))
    .execute();

  await sql`
    insert into inbox_tally (unit_id, queue, due_at, n)
    select t.unit_id, t.queue, t.due_at, count(*)
    from (
      select distinct a.id as unit_id, p.id as petition_id, q.queue,
        case when q.queue = 'due' then p.next_due_at else '' end as due_at
      from petition p
      join petition_unit pu on pu.petition_id = p.id
      join org_unit u on u.id = pu.unit_id
      join org_unit a on substr(u.path, 1, length(a.path)) = a.path
      join (
        select 'all' as queue union all select 'triage' union all select 'handling'
        union all select 'approval' union all select 'due'
      ) q on q.queue = 'all'
        or (q.queue = 'triage' and p.state in ('registered', 'referred', 'objected'))
        or (q.queue = 'handling' and p.state in ('assigned', 'handling', 'reply_drafted', 'reply_approved'))
        or (q.queue = 'approval' and p.awaiting_approval = 1)
        or (q.queue = 'due' and p.next_due_at <> '9999-12-31T23:59:59.999Z')
    ) t
    group by t.unit_id, t.queue, t.due_at
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('inbox_tally').execute();
}

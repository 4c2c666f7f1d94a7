import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// Oversight (#15, Art 38–40): each step of a deadline's automatic escalation, recorded once; and the
// supervision notices (督办单) as a list beside the events that issue and answer them, with the
// supervisor's review of the written answer.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('escalation')
    .addColumn('id', 'varchar(26)', (c) => c.primaryKey())
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    // One run of a clock (`name:ref:start`), however its due date moves.
    .addColumn('clock_key', 'varchar(120)', (c) => c.notNull())
    .addColumn('clock_name', 'varchar(32)', (c) => c.notNull())
    // 0 yellow (holder), 1 red (holder's head), n ≥ 2 red (n − 1 levels up).
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('flag', 'varchar(8)', (c) => c.notNull())
    // The unit the step is raised to.
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('reached_at', 'varchar(32)', (c) => c.notNull())
    // A second run, or a second server, inserts nothing: each level of a clock is reached once.
    .addUniqueConstraint('escalation_step_unique', ['petition_id', 'clock_key', 'level'])
    .execute();
  await db.schema
    .createIndex('escalation_unit')
    .on('escalation')
    .columns(['unit_id', 'reached_at'])
    .execute();

  await db.schema
    .createTable('supervision_notice')
    .addColumn('petition_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('no', 'integer', (c) => c.notNull())
    // The unit supervised, which answers in writing.
    .addColumn('unit_id', 'varchar(26)', (c) => c.notNull())
    .addColumn('issued_by', 'varchar(26)', (c) => c.notNull())
    .addColumn('issued_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('concern', 'varchar(32)', (c) => c.notNull())
    .addColumn('due_date', 'varchar(10)', (c) => c.notNull())
    .addColumn('answered_at', 'varchar(32)')
    .addColumn('answered_by', 'varchar(26)')
    // The supervisor's review of the answer: null (waiting), 'approved' or 'returned'.
    .addColumn('review', 'varchar(16)')
    .addColumn('reviewed_by', 'varchar(26)')
    .addColumn('reviewed_at', 'varchar(32)')
    .addColumn('review_note', 'text')
    .addPrimaryKeyConstraint('supervision_notice_pk', ['petition_id', 'no'])
    .execute();
  await db.schema
    .createIndex('supervision_notice_unit')
    .on('supervision_notice')
    .columns(['unit_id', 'due_date'])
    .execute();
  await backfillNotices(db);
}

/** The notices issued before this list existed, read off their events. */
async function backfillNotices(db: Kysely<any>): Promise<void> {
  const events: { petition_id: string; type: string; at: string; actor_id: string; data: string }[] = await db
    .selectFrom('petition_event')
    .select(['petition_id', 'type', 'at', 'actor_id', 'data'])
    .where('type', 'in', ['supervision_issued', 'supervision_answered'])
    .orderBy('petition_id')
    .orderBy('seq')
    .execute();
  for (const event of events) {
    const data = JSON.parse(event.data);
    if (event.type === 'supervision_issued') {
      await db
        .insertInto('supervision_notice')
        .values({
          petition_id: event.petition_id,
          no: data.no,
          unit_id: data.unit.id,
          issued_by: event.actor_id,
          issued_at: event.at,
          concern: data.concern,
          due_date: data.dueDate,
        })
        .execute();
    } else {
      await db
        .updateTable('supervision_notice')
        .set({ answered_at: event.at, answered_by: event.actor_id })
        .where('petition_id', '=', event.petition_id)
        .where('no', '=', data.no)
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_notice').execute();
  await db.schema.dropTable('escalation').execute();
}

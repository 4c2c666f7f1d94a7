import type { Kysely } from 'kysely';

// Frozen: never edit after it has landed; add a new migration instead.
// The desk may undo a confirmation of a registration made by the wrong person (a relative's or a
// shared phone): the petition goes back to the desk's record, and what the confirmation copied
// into the stranger's profile leaves it again (PIPL Art 47). So a confirmation keeps which record
// it came from and which fields it filled, and an undone one when, by whom and why.
export async function up(db: Kysely<any>): Promise<void> {
  // One column per statement: SQLite alters a table one column at a time.
  await db.schema
    .alterTable('registration_claim')
    .addColumn('registered_petitioner_id', 'varchar(26)')
    .execute();
  await db.schema.alterTable('registration_claim').addColumn('copied_fields', 'varchar(64)').execute();
  await db.schema.alterTable('registration_claim').addColumn('undone_at', 'varchar(32)').execute();
  await db.schema.alterTable('registration_claim').addColumn('undone_by', 'varchar(26)').execute();
  await db.schema.alterTable('registration_claim').addColumn('undo_reason', 'varchar(200)').execute();

  // Confirmations made before: the record the desk created for the registration is the one its
  // audit entry names; a field the account holds with the record's very value came from it.
  const confirmed = await db
    .selectFrom('registration_claim as c')
    .innerJoin('audit_log as a', (join) =>
      join
        .onRef('a.petition_id', '=', 'c.petition_id')
        .on('a.action', '=', 'petitioner.create')
        .on('a.outcome', '=', 'success'),
    )
    .select(['c.petition_id', 'c.resolved_by', 'a.target_id'])
    .where('c.status', '=', 'confirmed')
    .execute();
  for (const claim of confirmed) {
    const people = await db
      .selectFrom('petitioner_account')
      .select(['id', 'real_name', 'address'])
      .where('id', 'in', [claim.resolved_by ?? '', claim.target_id ?? ''])
      .execute();
    const account = people.find((p) => p.id === claim.resolved_by);
    const registered = people.find((p) => p.id === claim.target_id);
    if (!account || !registered) continue;
    const copied = (['real_name', 'address'] as const).filter(
      (field) => registered[field] !== null && account[field] === registered[field],
    );
    await db
      .updateTable('registration_claim')
      .set({ registered_petitioner_id: registered.id, copied_fields: copied.join(',') })
      .where('petition_id', '=', claim.petition_id)
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [
    'undo_reason',
    'undone_by',
    'undone_at',
    'copied_fields',
    'registered_petitioner_id',
  ]) {
    await db.schema.alterTable('registration_claim').dropColumn(column).execute();
  }
}

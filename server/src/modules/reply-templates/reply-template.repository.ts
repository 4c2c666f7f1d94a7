import type { PetitionKind } from '@xinfang/shared/lifecycle';
import type { ReplyTemplate } from '@xinfang/shared/schemas/petitions';
import type { Insertable, Kysely, Transaction, Updateable } from 'kysely';
import type { DB, ReplyTemplateTable } from '../../db/schema';
import { pathIds } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

function selectTemplates(db: Db) {
  return db
    .selectFrom('reply_template as t')
    .innerJoin('org_unit as u', 'u.id', 't.unit_id')
    .select([
      't.id',
      't.category_code',
      't.kind',
      't.title',
      't.facts_and_reasons',
      't.decision',
      't.legal_basis',
      't.active',
      'u.id as unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
    ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectTemplates>['executeTakeFirstOrThrow']>>;

function toTemplate(r: Row): ReplyTemplate {
  return {
    id: r.id,
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name },
    categoryCode: r.category_code,
    kind: r.kind as PetitionKind | null,
    title: r.title,
    factsAndReasons: r.facts_and_reasons,
    decision: r.decision,
    legalBasis: r.legal_basis,
    active: r.active === 1,
  };
}

export async function findTemplate(db: Db, id: string): Promise<ReplyTemplate | null> {
  const row = await selectTemplates(db).where('t.id', '=', id).executeTakeFirst();
  return row ? toTemplate(row) : null;
}

/** The templates kept by these units (nearest first), for a category and kind when given. */
export async function listTemplates(
  db: Db,
  filter: { unitIds: readonly string[]; categoryCode?: string; kind?: string; includeRetired?: boolean },
): Promise<ReplyTemplate[]> {
  let select = selectTemplates(db).where('t.unit_id', 'in', [...filter.unitIds]);
  if (!filter.includeRetired) select = select.where('t.active', '=', 1);
  const { categoryCode, kind } = filter;
  if (categoryCode)
    select = select.where((eb) =>
      eb.or([eb('t.category_code', '=', categoryCode), eb('t.category_code', 'is', null)]),
    );
  if (kind) select = select.where((eb) => eb.or([eb('t.kind', '=', kind), eb('t.kind', 'is', null)]));
  return (await select.orderBy('u.depth', 'desc').orderBy('t.title').execute()).map(toTemplate);
}

/** The unit that keeps a template, for the access check. */
export async function templateUnit(db: Db, id: string) {
  const row = await db
    .selectFrom('reply_template as t')
    .innerJoin('org_unit as u', 'u.id', 't.unit_id')
    .select(['u.id', 'u.path'])
    .where('t.id', '=', id)
    .executeTakeFirst();
  return row ? { id: row.id, path: pathIds(row.path) } : null;
}

export async function insertTemplate(
  trx: Transaction<DB>,
  values: Insertable<ReplyTemplateTable>,
): Promise<void> {
  await trx.insertInto('reply_template').values(values).execute();
}

export async function updateTemplate(
  trx: Transaction<DB>,
  id: string,
  values: Updateable<ReplyTemplateTable>,
): Promise<void> {
  await trx.updateTable('reply_template').set(values).where('id', '=', id).execute();
}

import type { Kysely } from 'kysely';
import { newId } from '../db/ids';
import { toInstant } from '../db/instant';
import type { DB } from '../db/schema';
import { DEMO_ORG, type DemoUnit } from './demo-org';

/**
 * Seeds the demo organisation, but only into an empty database: seeding must never mix invented
 * data into real records. The caller decides whether seeding is wanted at all (never in production).
 */
export async function seedDemoIfEmpty(db: Kysely<DB>, now: Date = new Date()): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('org_unit').select('id').limit(1).executeTakeFirst();
    if (existing) return false;
    await insertUnit(trx, DEMO_ORG, null, '/', 0, 0, toInstant(now));
    return true;
  });
}

async function insertUnit(
  trx: Kysely<DB>,
  unit: DemoUnit,
  parentId: string | null,
  parentPath: string,
  depth: number,
  sortOrder: number,
  at: string,
): Promise<void> {
  const id = newId();
  const path = `${parentPath}${id}/`;
  await trx
    .insertInto('org_unit')
    .values({
      id,
      parent_id: parentId,
      path,
      depth,
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      address: unit.address ?? null,
      reception_hours: unit.receptionHours ?? null,
      phone: unit.phone ?? null,
      sort_order: sortOrder,
      retired_at: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
  for (const [index, child] of (unit.children ?? []).entries()) {
    await insertUnit(trx, child, id, path, depth + 1, index, at);
  }
}

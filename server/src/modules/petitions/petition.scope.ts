import type { PetitionKind } from '@xinfang/shared/lifecycle';
import type { Kysely, Transaction } from 'kysely';
import type { TargetScope } from '../../access/policy';
import type { Principal } from '../../access/principal';
import { prepared } from '../../db/prepared';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Who may see a petition, for the access check: its petitioner, and staff whose subtree holds one of
 * the units that may see it (Art 30 keeps an accusation from the accused unit: see
 * `visibleUnitIds`), minus staff recused from it (Art 28) and, for an accusation, staff inside the
 * accused unit, should a unit that holds it have come to lie there (Art 30, `caseFirewall`). Its
 * existence is hidden from everyone else.
 * Shared by every target that lives inside a petition (the petition itself, its attachments).
 * For a petitioner as `viewer` only the owner counts (`decideTarget`): units and recusals go unread.
 */
export async function petitionScope(
  db: Db,
  id: string,
  viewer?: Principal | null,
): Promise<TargetScope | null> {
  const [row] = (await owner(db, id)).rows;
  return row ? scopeOf(db, row, viewer) : null;
}

/** The same for a petition whose row the caller has read. */
export async function scopeOf(
  db: Db,
  row: { id: string; petitioner_id: string; kind: string; concerned_unit_id: string | null },
  viewer?: Principal | null,
): Promise<TargetScope> {
  const { id } = row;
  if (viewer?.kind === 'petitioner') return { ownerId: row.petitioner_id, units: [], hideExistence: true };
  const { rows: units } = await seenBy(db, id);
  const { rows: recused } = await recusedFrom(db, id);
  return {
    ownerId: row.petitioner_id,
    units: units.map((u) => ({ id: u.id, path: pathIds(u.path) })),
    recusedStaffIds: recused.map((r) => r.staff_id),
    hideExistence: true,
    accusation: { kind: row.kind as PetitionKind, concernedUnitId: row.concerned_unit_id },
  };
}

// Prepared: every request about a petition runs them for its access check.
const owner = prepared((db, id: string) =>
  db.selectFrom('petition').select(['id', 'petitioner_id', 'kind', 'concerned_unit_id']).where('id', '=', id),
);
const seenBy = prepared((db, id: string) =>
  db
    .selectFrom('petition_unit as pu')
    .innerJoin('org_unit as u', 'u.id', 'pu.unit_id')
    .select(['u.id', 'u.path'])
    .where('pu.petition_id', '=', id),
);
const recusedFrom = prepared((db, id: string) =>
  db.selectFrom('petition_recusal').select('staff_id').where('petition_id', '=', id),
);

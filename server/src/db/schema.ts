import type { Generated } from 'kysely';
import type { Instant } from './instant';

/**
 * The tables as Kysely sees them. These describe columns, not results: read rows through
 * `Selectable<T>`, write through `Insertable<T>` / `Updateable<T>`.
 */
export interface DB {
  org_unit: OrgUnitTable;
}

export interface OrgUnitTable {
  id: string;
  parent_id: string | null;
  /** `/rootId/…/id/`: every ancestor's id, so a subtree is one indexed prefix range. */
  path: string;
  depth: number;
  code: string;
  name: string;
  kind: string;
  address: string | null;
  reception_hours: string | null;
  phone: string | null;
  retired_at: Instant | null;
  created_at: Instant;
  updated_at: Instant;
  sort_order: Generated<number>;
}

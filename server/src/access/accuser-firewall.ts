import {
  type AccuserFirewall,
  type AccuserViewer,
  accuserFirewall,
  accuserHiddenFrom,
  caseFirewall,
  hidesAccuser,
  type Petition,
} from '@xinfang/shared/lifecycle';
import { type RawBuilder, type SqlBool, sql } from 'kysely';

/**
 * The accuser firewall (信访工作条例 Art 30) on the server: the one file that turns `shared`'s
 * rule (`@xinfang/shared/lifecycle` `accuserFirewall`) into SQL conditions and view decisions.
 *
 * Every surface that can carry an accuser's identity asks it: the petition detail (petitioner,
 * representatives, timeline actor, attachments, repeat links), the petitioner's numbers revealed,
 * searches by phone, the petitioner search, repeat links, the audit log. A new surface — an
 * export, a notification, a generated document — calls the same functions: `accuserShown` to
 * narrow a query to the petitions whose accuser the viewer may learn (or `accuserHidden` to mark
 * the others), `accuserHiddenFor` on a loaded petition or a row. Never restate the rule.
 */

/** The columns of a petition table (or alias) that the rule reads. */
interface PetitionColumns {
  kind: string;
  concernedUnitId: string;
}

const columnsOf = (table: string): PetitionColumns => ({
  kind: `${table}.kind`,
  concernedUnitId: `${table}.concerned_unit_id`,
});

/** SQL: the accuser of the petition in `table` may be named to this viewer. */
export function accuserShown(viewer: AccuserViewer, table = 'petition'): RawBuilder<SqlBool> {
  return outside(accuserFirewall(viewer), table);
}

/**
 * SQL: the petition in `table` is not kept from this viewer altogether (`caseFirewall`: staff
 * inside an accused unit see none of the accusations about it, whichever unit holds them).
 */
export function caseShown(viewer: AccuserViewer, table = 'petition'): RawBuilder<SqlBool> {
  return outside(caseFirewall(viewer), table);
}

/** SQL: the petition in `table` is not one the firewall describes. */
function outside(firewall: AccuserFirewall | null, table: string): RawBuilder<SqlBool> {
  if (!firewall || firewall.concernedUnitIds.length === 0) return sql<SqlBool>`1 = 1`;
  const { kind, concernedUnitId } = columnsOf(table);
  // A petition whose accused unit is not yet named hides its accuser from no one (shared/lifecycle/accuser.ts).
  return sql<SqlBool>`(${sql.ref(kind)} <> ${firewall.kind} or ${sql.ref(concernedUnitId)} is null or ${sql.ref(concernedUnitId)} not in (${sql.join(firewall.concernedUnitIds)}))`;
}

/** SQL: the accuser of the petition in `table` must not be named to this viewer. */
export function accuserHidden(viewer: AccuserViewer, table = 'petition'): RawBuilder<SqlBool> {
  return sql<SqlBool>`not ${accuserShown(viewer, table)}`;
}

/** The view decision on a loaded petition, or on a row with the petition's columns. */
export function accuserHiddenFor(
  petition: Petition | { kind: string; concerned_unit_id: string | null },
  viewer: AccuserViewer,
): boolean {
  if ('units' in petition) return accuserHiddenFrom(petition, viewer);
  return hidesAccuser(accuserFirewall(viewer), {
    kind: petition.kind as Petition['kind'],
    concernedUnitId: petition.concerned_unit_id,
  });
}

import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { pathOf, withinPath } from '../../db/subtree';

/**
 * SQL: staff may see the petition in `table` — a unit of their subtree sees it (`petition_unit`,
 * which already keeps an accusation from the accused unit) and they are not recused from it
 * (Art 28). For the places that show one petition from inside another (repeat links) or a person
 * through their petitions (the petitioner search); the inbox has its own, index-friendly shape.
 */
export function staffSeesPetition(staff: StaffPrincipal, table = 'petition'): RawBuilder<SqlBool> {
  const id = sql.ref(`${table}.id`);
  const notRecused = sql<SqlBool>`not exists (select 1 from petition_recusal r where r.petition_id = ${id} and r.staff_id = ${staff.id})`;
  if (staff.unit.path.length === 1) return notRecused; // the root of the organisation sees every petition
  return sql<SqlBool>`(exists (select 1 from petition_unit pu inner join org_unit u on u.id = pu.unit_id where pu.petition_id = ${id} and ${withinPath('u.path', pathOf(staff.unit.path))}) and ${notRecused})`;
}

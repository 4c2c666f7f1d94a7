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
  const notRecused = staffNotRecused(staff, `${table}.id`);
  if (staff.unit.path.length === 1) return notRecused; // the root of the organisation sees every petition
  return sql<SqlBool>`(exists (select 1 from petition_unit pu inner join org_unit u on u.id = pu.unit_id where pu.petition_id = ${id} and ${withinPath('u.path', pathOf(staff.unit.path))}) and ${notRecused})`;
}

/**
 * SQL: staff are not recused from the petition whose id is in `column` (Art 28: recused staff
 * neither handle nor see it). For the lists that scope by a unit of their own (follow-ups,
 * re-handling decisions, co-handling parts) rather than by the units that see the petition.
 */
export function staffNotRecused(staff: Pick<StaffPrincipal, 'id'>, column: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`not exists (select 1 from petition_recusal r where r.petition_id = ${sql.ref(column)} and r.staff_id = ${staff.id})`;
}

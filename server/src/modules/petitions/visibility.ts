import { type RawBuilder, type SqlBool, sql } from 'kysely';
import { caseShown } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import { pathOf, withinPath } from '../../db/subtree';

/**
 * SQL: staff may see the petition in `table` — a unit of their subtree sees it (`petition_unit`,
 * which already keeps an accusation from the accused unit), they are not recused from it (Art 28),
 * and it is not an accusation about their own unit or one above it, whichever unit holds it
 * (Art 30, `caseShown`). For the places that show one petition from inside another (repeat links)
 * or a person through their petitions (the petitioner search); the inbox has its own shape.
 */
export function staffSeesPetition(staff: StaffPrincipal, table = 'petition'): RawBuilder<SqlBool> {
  const id = sql.ref(`${table}.id`);
  const notRecused = staffNotRecused(staff, `${table}.id`);
  if (staff.unit.path.length === 1) return notRecused; // the root of the organisation sees every petition
  return sql<SqlBool>`(exists (select 1 from petition_unit pu inner join org_unit u on u.id = pu.unit_id where pu.petition_id = ${id} and ${withinPath('u.path', pathOf(staff.unit.path))}) and ${notRecused} and ${caseShown(staff, table)})`;
}

/**
 * SQL: staff are not recused from the petition whose id is in `column` (Art 28: recused staff
 * neither handle nor see it). For the lists that scope by a unit of their own (follow-ups,
 * re-handling decisions, co-handling parts) rather than by the units that see the petition.
 */
export function staffNotRecused(staff: Pick<StaffPrincipal, 'id'>, column: string): RawBuilder<SqlBool> {
  // An alias no caller uses: `r.petition_id` given by a list aliasing its own table `r` named the
  // recusal's own column here, and one recusal hid every row of the list.
  return sql<SqlBool>`not exists (select 1 from petition_recusal recusal where recusal.petition_id = ${sql.ref(column)} and recusal.staff_id = ${staff.id})`;
}

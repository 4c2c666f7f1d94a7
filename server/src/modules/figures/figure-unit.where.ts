import type { ExpressionBuilder } from 'kysely';
import type { DB } from '../../db/schema';

/**
 * SQL: the petition `p`'s figure unit (`figureUnitOf`) is one of these — an accusation's receiving
 * unit, else the unit concerned, else (not yet named) the receiving unit.
 */
export function figureUnitIn(unitIds: readonly string[]) {
  return (eb: ExpressionBuilder<{ p: DB['petition'] }, 'p'>) =>
    eb.or([
      eb.and([eb('p.kind', '=', 'accusation'), eb('p.receiving_unit_id', 'in', unitIds)]),
      eb.and([eb('p.kind', '<>', 'accusation'), eb('p.concerned_unit_id', 'in', unitIds)]),
      eb.and([
        eb('p.kind', '<>', 'accusation'),
        eb('p.concerned_unit_id', 'is', null),
        eb('p.receiving_unit_id', 'in', unitIds),
      ]),
    ]);
}

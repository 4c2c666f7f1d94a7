import { endOfBeijingDay, startOfBeijingDay } from '@xinfang/shared/clocks';
import type { FigurePeriod } from '@xinfang/shared/figures';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { withinPath } from '../../db/subtree';
import type { FigureScope } from '../figures/figures.query';

/**
 * 信访工作条例 Art 29: how many suggestions their answering unit (of the scope) rewarded in the
 * period, on the day of the reward. Counted from the `suggestion_rewarded` events themselves: the
 * figures' rollups keep no such fact, and rewards are few.
 */
export async function rewardedSuggestions(
  db: Kysely<DB>,
  scope: FigureScope,
  period: FigurePeriod,
): Promise<number> {
  const rows = await db
    .selectFrom('petition_event as e')
    .innerJoin('petition as p', 'p.id', 'e.petition_id')
    .select(['e.petition_id as petitionId', 'e.data'])
    .where('p.kind', '=', 'suggestion')
    .where('e.type', '=', 'suggestion_rewarded')
    .where('e.at', '>=', startOfBeijingDay(period.from))
    .where('e.at', '<=', endOfBeijingDay(period.to))
    .execute();
  if (rows.length === 0) return 0;
  const units = scope.subtree
    ? new Set(
        (
          await db.selectFrom('org_unit').select('id').where(withinPath('path', scope.unit.path)).execute()
        ).map((u) => u.id),
      )
    : new Set([scope.unit.id]);
  const rewarded = rows.filter((row) => units.has((JSON.parse(row.data) as { unitId: string }).unitId));
  return new Set(rewarded.map((row) => row.petitionId)).size;
}

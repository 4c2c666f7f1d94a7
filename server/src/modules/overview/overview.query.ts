import type { Calendar } from '@xinfang/shared/clocks';
import { HANDLING_STATES, OPEN_STATES, TRIAGE_STATES } from '@xinfang/shared/lifecycle';
import type { Overview } from '@xinfang/shared/schemas/petitions';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema';
import { withinPath } from '../../db/subtree';
import { dueSoonWindow } from '../petitions/due-soon';

/**
 * A unit's open petitions at a glance, unit by unit down its subtree, and each handler's load (the
 * open cases naming them as 承办人) — so that who is overloaded is visible, not only what is late.
 * A petition counts where it is held now (the receiving unit during triage, the handling unit
 * after), and in every unit above that.
 */
export async function unitOverview(
  db: Kysely<DB>,
  root: { path: string },
  now: Date,
  calendar: Calendar,
): Promise<Overview> {
  const at = now.toISOString();
  const soon = dueSoonWindow(now, calendar).to;
  const units = await db
    .selectFrom('org_unit')
    .select(['id', 'code', 'name', 'parent_id', 'depth', 'path'])
    .where(withinPath('path', root.path))
    .where('retired_at', 'is', null)
    .orderBy('depth')
    .orderBy('sort_order')
    .orderBy('code')
    .execute();
  const unitIds = units.map((u) => u.id);

  const holder = sql<string>`case when state in (${sql.join([...TRIAGE_STATES])}) then receiving_unit_id else coalesce(handling_unit_id, receiving_unit_id) end`;
  const rows = await db
    .selectFrom('petition')
    .select([
      holder.as('holder'),
      'state',
      'awaiting_approval',
      sql<number>`sum(case when next_due_at < ${at} then 1 else 0 end)`.as('overdue'),
      // The inbox's 即将到期 (due-soon.ts): working days; a hearing's paused clock is in no window.
      sql<number>`sum(case when next_due_at >= ${at} and next_due_at <= ${soon}
        then 1 else 0 end)`.as('due_soon'),
      sql<number>`count(*)`.as('n'),
    ])
    .where('state', 'in', [...OPEN_STATES])
    .groupBy([holder, 'state', 'awaiting_approval'])
    .execute();

  const own = new Map(
    unitIds.map((id) => [
      id,
      { triage: 0, handling: 0, awaitingApproval: 0, replied: 0, dueSoon: 0, overdue: 0 },
    ]),
  );
  for (const row of rows) {
    const counts = own.get(row.holder);
    if (!counts) continue;
    const n = Number(row.n);
    if ((TRIAGE_STATES as readonly string[]).includes(row.state)) counts.triage += n;
    else if (row.state === 'assigned' || (HANDLING_STATES as readonly string[]).includes(row.state))
      counts.handling += n;
    else if (row.state === 'replied') counts.replied += n;
    if (Number(row.awaiting_approval) === 1) counts.awaitingApproval += n;
    counts.dueSoon += Number(row.due_soon);
    counts.overdue += Number(row.overdue);
  }
  // Roll every unit's own counts up into each ancestor within the subtree.
  const totals = new Map([...own].map(([id, c]) => [id, { ...c }]));
  for (const unit of units) {
    const counts = own.get(unit.id);
    if (!counts) continue;
    for (const ancestor of unit.path.split('/').filter((id) => id && id !== unit.id)) {
      const total = totals.get(ancestor);
      if (!total) continue;
      for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += counts[key];
    }
  }

  const handlers = await db
    .selectFrom('staff_account as s')
    .innerJoin('staff_role as r', 'r.staff_id', 's.id')
    .innerJoin('org_unit as u', 'u.id', 's.unit_id')
    .select(['s.id', 's.display_name', 'u.id as unit_id', 'u.code as unit_code', 'u.name as unit_name'])
    .where('r.role', '=', 'handler')
    .where('s.status', '=', 'active')
    .where(withinPath('u.path', root.path))
    .orderBy('u.path')
    .orderBy('s.username')
    .execute();
  // A handler's load: the open cases naming them as 承办人 (Art 24), whoever acted on them last.
  const handlerIds = handlers.map((h) => h.id);
  const loads =
    handlerIds.length === 0
      ? []
      : await db
          .selectFrom('petition as p')
          .select([
            'p.handler_id',
            sql<number>`count(*)`.as('open_cases'),
            sql<number>`sum(case when p.next_due_at < ${at} then 1 else 0 end)`.as('overdue'),
          ])
          .where('p.handler_id', 'in', handlerIds)
          .where('p.state', 'in', [...OPEN_STATES])
          .groupBy('p.handler_id')
          .execute();
  const loadOf = new Map(loads.map((l) => [l.handler_id, l]));

  return {
    asOf: at,
    units: units.map((u) => ({
      unit: { id: u.id, code: u.code, name: u.name },
      parentId: u.parent_id,
      depth: u.depth,
      ...(totals.get(u.id) ?? {
        triage: 0,
        handling: 0,
        awaitingApproval: 0,
        replied: 0,
        dueSoon: 0,
        overdue: 0,
      }),
    })),
    handlers: handlers
      .map((h) => ({
        staffId: h.id,
        displayName: h.display_name,
        unit: { id: h.unit_id, code: h.unit_code, name: h.unit_name },
        openCases: Number(loadOf.get(h.id)?.open_cases ?? 0),
        overdue: Number(loadOf.get(h.id)?.overdue ?? 0),
      }))
      .sort((a, b) => b.openCases - a.openCases),
  };
}

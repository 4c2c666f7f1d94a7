import type { AuditExportQuery } from '@xinfang/shared/schemas/audit';

/** The audit log's filters as typed on the page: dates as Beijing days, an area of actions. */
export interface AuditFilters {
  actorId: string;
  area: string;
  targetId: string;
  outcome: '' | 'success' | 'denied' | 'failure';
  from: string;
  to: string;
}

export const NO_FILTERS: AuditFilters = {
  actorId: '',
  area: '',
  targetId: '',
  outcome: '',
  from: '',
  to: '',
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function validDay(day: string): boolean {
  return (
    DAY.test(day) &&
    !Number.isNaN(Date.parse(`${day}T00:00:00+08:00`)) &&
    new Date(`${day}T00:00:00Z`).toISOString().startsWith(day)
  );
}

/** Which date fields cannot be read as a day. */
export function filterProblems(filters: AuditFilters): Partial<Record<'from' | 'to', true>> {
  const problems: Partial<Record<'from' | 'to', true>> = {};
  if (filters.from.trim() && !validDay(filters.from.trim())) problems.from = true;
  if (filters.to.trim() && !validDay(filters.to.trim())) problems.to = true;
  return problems;
}

/** The first instant of a Beijing day. */
function startOf(day: string): string {
  return new Date(`${day}T00:00:00+08:00`).toISOString();
}

/**
 * The API's query: an area as an action prefix (`auth.`), the period from the start of the first
 * day to the start of the day after the last (so "to 3 May" includes all of 3 May, Beijing time).
 */
export function auditQueryOf(filters: AuditFilters): AuditExportQuery {
  const from = filters.from.trim();
  const to = filters.to.trim();
  const dayAfter = to ? new Date(Date.parse(startOf(to)) + 86_400_000).toISOString() : undefined;
  return {
    ...(filters.actorId ? { actorId: filters.actorId } : {}),
    ...(filters.area ? { action: `${filters.area}.` } : {}),
    ...(filters.targetId.trim() ? { targetId: filters.targetId.trim() } : {}),
    ...(filters.outcome ? { outcome: filters.outcome } : {}),
    ...(from ? { from: startOf(from) } : {}),
    ...(dayAfter ? { to: dayAfter } : {}),
  };
}

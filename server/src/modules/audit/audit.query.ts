import type { AuditEntry, AuditPage, AuditQuery } from '@xinfang/shared/schemas/audit';
import type { Kysely } from 'kysely';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import type { DB } from '../../db/schema';
import { withinPath } from '../../db/subtree';

/**
 * Reading the audit log, newest first, for supervisors and admins. An auditor sees the entries of
 * their own subtree; one at the root of the organisation also sees petitioners' and anonymous ones.
 */
export async function queryAudit(
  db: Kysely<DB>,
  scope: { path: string; isRoot: boolean },
  query: AuditQuery,
): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  let select = db
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'actor_type',
      'actor_id',
      'action',
      'target_type',
      'target_id',
      'outcome',
      'ip',
      'request_id',
      'details',
    ]);
  if (!scope.isRoot) select = select.where(withinPath('unit_path', scope.path));
  if (query.actorId) select = select.where('actor_id', '=', query.actorId);
  if (query.action) {
    const action = query.action;
    select = action.endsWith('.')
      ? select.where('action', '>=', action).where('action', '<', `${action.slice(0, -1)}/`)
      : select.where('action', '=', action);
  }
  if (query.targetType) select = select.where('target_type', '=', query.targetType);
  if (query.targetId) select = select.where('target_id', '=', query.targetId);
  if (query.outcome) select = select.where('outcome', '=', query.outcome);
  if (query.from) select = select.where('at', '>=', new Date(query.from).toISOString());
  if (query.to) select = select.where('at', '<', new Date(query.to).toISOString());
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
    select = select.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  const rows = await select
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(
      (row): AuditEntry => ({
        id: row.id,
        at: row.at,
        actorType: row.actor_type,
        actorId: row.actor_id,
        action: row.action,
        targetType: row.target_type,
        targetId: row.target_id,
        outcome: row.outcome,
        ip: row.ip,
        requestId: row.request_id,
        details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
      }),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.id]) : null,
  };
}

/** The retention job's one deletion: entries older than the retention period. */
export async function purgeAuditBefore(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db.deleteFrom('audit_log').where('at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

import type { AuditEntry, AuditPage, AuditQuery } from '@xinfang/shared/schemas/audit';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { accuserHidden } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import type { DB } from '../../db/schema';
import { pathOf, withinPath } from '../../db/subtree';

/**
 * Reading the audit log, newest first, for supervisors and admins. An auditor sees the entries of
 * their own subtree; one at the root of the organisation also sees petitioners' and anonymous ones.
 *
 * Art 30: an entry about a petition whose accuser is hidden from the auditor — the petition
 * itself, one of its attachments, its petitioner revealed or registered for it — does not say
 * who the petitioner is: no petitioner or anonymous actor id, no petitioner target, no address,
 * no request id (which would tie it to the entries of the same request). A filter by actor or
 * target does not find those entries either, so the filter cannot be used to ask.
 */
export async function queryAudit(
  db: Kysely<DB>,
  auditor: StaffPrincipal,
  query: AuditQuery,
): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  const hidden = aboutHiddenAccuser(auditor);
  const personActor = sql<SqlBool>`actor_type in ('petitioner', 'anonymous')`;
  let select = db
    .selectFrom('audit_log')
    .select([
      sql<number>`case when ${hidden} then 1 else 0 end`.as('accuser_hidden'),
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
  if (auditor.unit.path.length > 1) select = select.where(withinPath('unit_path', pathOf(auditor.unit.path)));
  if (query.actorId) {
    select = select
      .where('actor_id', '=', query.actorId)
      .where(sql<SqlBool>`not (${personActor} and ${hidden})`);
  }
  if (query.action) {
    const action = query.action;
    select = action.endsWith('.')
      ? select.where('action', '>=', action).where('action', '<', `${action.slice(0, -1)}/`)
      : select.where('action', '=', action);
  }
  if (query.targetType) select = select.where('target_type', '=', query.targetType);
  if (query.targetId) {
    select = select
      .where('target_id', '=', query.targetId)
      .where(sql<SqlBool>`not (target_type = 'petitioner' and ${hidden})`);
  }
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
    items: page.map((row): AuditEntry => {
      const withheld = Number(row.accuser_hidden) === 1;
      const person = row.actor_type === 'petitioner' || row.actor_type === 'anonymous';
      return {
        id: row.id,
        at: row.at,
        actorType: row.actor_type,
        actorId: withheld && person ? null : row.actor_id,
        action: row.action,
        targetType: row.target_type,
        targetId: withheld && row.target_type === 'petitioner' ? null : row.target_id,
        outcome: row.outcome,
        ip: withheld && person ? null : row.ip,
        requestId: withheld ? null : row.request_id,
        details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
      };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.id]) : null,
  };
}

/**
 * SQL: the entry concerns a petition whose accuser the auditor may not learn. Entries written
 * before `petition_id` existed name their petition as the target; an upload names its attachment,
 * whose petition is known once it is used.
 */
function aboutHiddenAccuser(auditor: StaffPrincipal): RawBuilder<SqlBool> {
  const concerned = sql`coalesce(audit_log.petition_id, case when audit_log.target_type = 'petition' then audit_log.target_id end)`;
  return sql<SqlBool>`(exists (select 1 from petition where petition.id = ${concerned} and ${accuserHidden(auditor)}) or (audit_log.target_type = 'attachment' and exists (select 1 from attachment a inner join petition on petition.id = a.petition_id where a.id = audit_log.target_id and ${accuserHidden(auditor)})))`;
}

/** The retention job's one deletion: entries older than the retention period. */
export async function purgeAuditBefore(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db.deleteFrom('audit_log').where('at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

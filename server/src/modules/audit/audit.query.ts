import { maskIp, maskName } from '@xinfang/shared/masking';
import type { AuditEntry, AuditExportQuery, AuditPage, AuditQuery } from '@xinfang/shared/schemas/audit';
import { type Kysely, type RawBuilder, type SqlBool, sql } from 'kysely';
import { accuserHidden } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import type { DB } from '../../db/schema';
import { pathOf, withinPath } from '../../db/subtree';

/**
 * Reading the audit log, newest first, for supervisors and admins. An auditor sees the entries of
 * their own subtree; one at the root of the organisation also sees petitioners' and anonymous ones.
 * Personal data is masked on the way out (a petitioner's name as 张*, the address's host part):
 * the page and the export read the same rows through the same function.
 *
 * Art 30: an entry about a petition whose accuser is hidden from the auditor — the petition
 * itself, one of its attachments, its petitioner revealed or registered for it — does not say
 * who the petitioner is: no petitioner or anonymous actor id or name, no petitioner target, no
 * address, no request id (which would tie it to the entries of the same request). A filter by
 * actor or target does not find those entries either, so the filter cannot be used to ask.
 */
export async function queryAudit(
  db: Kysely<DB>,
  auditor: StaffPrincipal,
  query: AuditQuery,
): Promise<AuditPage> {
  const limit = query.limit ?? 50;
  let select = filtered(db, auditor, query);
  if (query.cursor) {
    const [at, id] = decodeCursor(query.cursor, 2) as [string, string];
    select = select.where((eb) =>
      eb.or([
        eb('audit_log.at', '<', at),
        eb.and([eb('audit_log.at', '=', at), eb('audit_log.id', '<', id)]),
      ]),
    );
  }
  const rows = await select.limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toEntry),
    nextCursor: rows.length > limit && last ? encodeCursor([last.at, last.id]) : null,
  };
}

/** Every entry the filters find, newest first, up to `max` (one more tells the caller there are more). */
export async function exportAudit(
  db: Kysely<DB>,
  auditor: StaffPrincipal,
  filters: AuditExportQuery,
  max: number,
): Promise<AuditEntry[]> {
  return (
    await filtered(db, auditor, filters)
      .limit(max + 1)
      .execute()
  ).map(toEntry);
}

function filtered(db: Kysely<DB>, auditor: StaffPrincipal, query: AuditExportQuery) {
  const hidden = aboutHiddenAccuser(auditor);
  const personActor = sql<SqlBool>`audit_log.actor_type in ('petitioner', 'anonymous')`;
  let select = db
    .selectFrom('audit_log')
    .leftJoin('staff_account as actor_staff', (join) =>
      join.onRef('actor_staff.id', '=', 'audit_log.actor_id').on('audit_log.actor_type', '=', 'staff'),
    )
    .leftJoin('petitioner_account as actor_petitioner', (join) =>
      join
        .onRef('actor_petitioner.id', '=', 'audit_log.actor_id')
        .on('audit_log.actor_type', '=', 'petitioner'),
    )
    .select([
      sql<number>`case when ${hidden} then 1 else 0 end`.as('accuser_hidden'),
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_type',
      'audit_log.actor_id',
      'actor_staff.display_name as staff_name',
      'actor_petitioner.real_name as petitioner_name',
      'audit_log.action',
      'audit_log.target_type',
      'audit_log.target_id',
      'audit_log.outcome',
      'audit_log.ip',
      'audit_log.request_id',
      'audit_log.details',
    ]);
  if (auditor.unit.path.length > 1)
    select = select.where(withinPath('audit_log.unit_path', pathOf(auditor.unit.path)));
  if (query.actorId) {
    select = select
      .where('audit_log.actor_id', '=', query.actorId)
      .where(sql<SqlBool>`not (${personActor} and ${hidden})`);
  }
  if (query.action) {
    const action = query.action;
    select = action.endsWith('.')
      ? select
          .where('audit_log.action', '>=', action)
          .where('audit_log.action', '<', `${action.slice(0, -1)}/`)
      : select.where('audit_log.action', '=', action);
  }
  if (query.targetType) select = select.where('audit_log.target_type', '=', query.targetType);
  if (query.targetId) {
    select = select
      .where('audit_log.target_id', '=', query.targetId)
      .where(sql<SqlBool>`not (audit_log.target_type = 'petitioner' and ${hidden})`);
  }
  if (query.outcome) select = select.where('audit_log.outcome', '=', query.outcome);
  if (query.from) select = select.where('audit_log.at', '>=', new Date(query.from).toISOString());
  if (query.to) select = select.where('audit_log.at', '<', new Date(query.to).toISOString());
  return select.orderBy('audit_log.at', 'desc').orderBy('audit_log.id', 'desc');
}

type Row = Awaited<ReturnType<ReturnType<typeof filtered>['executeTakeFirstOrThrow']>>;

function toEntry(row: Row): AuditEntry {
  const withheld = Number(row.accuser_hidden) === 1;
  const person = row.actor_type === 'petitioner' || row.actor_type === 'anonymous';
  const hide = withheld && person;
  return {
    id: row.id,
    at: row.at,
    actorType: row.actor_type,
    actorId: hide ? null : row.actor_id,
    actorName: hide ? null : (row.staff_name ?? (row.petitioner_name ? maskName(row.petitioner_name) : null)),
    action: row.action,
    targetType: row.target_type,
    targetId: withheld && row.target_type === 'petitioner' ? null : row.target_id,
    outcome: row.outcome,
    ip: hide || row.ip === null ? null : maskIp(row.ip),
    requestId: withheld ? null : row.request_id,
    details: row.details ? (JSON.parse(row.details) as Record<string, unknown>) : null,
  };
}

/**
 * SQL: the entry concerns a petition whose accuser the auditor may not learn. Entries written
 * before `petition_id` existed name their petition as the target; an upload names its attachment,
 * whose petition is known once it is used. An entry by or about a person who filed such a petition
 * is withheld too, whatever it concerns (Art 30): a sign-in or a profile edit minutes before an
 * anonymous-looking submission would name its accuser by its time alone.
 */
function aboutHiddenAccuser(auditor: StaffPrincipal): RawBuilder<SqlBool> {
  const hidden = accuserHidden(auditor);
  const concerned = sql`coalesce(audit_log.petition_id, case when audit_log.target_type = 'petition' then audit_log.target_id end)`;
  const person = sql`case when audit_log.actor_type = 'petitioner' then audit_log.actor_id when audit_log.target_type = 'petitioner' then audit_log.target_id end`;
  return sql<SqlBool>`(exists (select 1 from petition where petition.id = ${concerned} and ${hidden}) or (audit_log.target_type = 'attachment' and exists (select 1 from attachment a inner join petition on petition.id = a.petition_id where a.id = audit_log.target_id and ${hidden})) or exists (select 1 from petition where petition.petitioner_id = ${person} and ${hidden}))`;
}

/** The retention job's one deletion: entries older than the retention period. */
export async function purgeAuditBefore(db: Kysely<DB>, before: Date): Promise<number> {
  const result = await db.deleteFrom('audit_log').where('at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}

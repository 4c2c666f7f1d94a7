import type { AssistListQuery, AssistRequest } from '@xinfang/shared/schemas/co-handling';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import type { RequestContext } from '../../http/request-context';
import { assistRequests } from './co-handling.query';

/**
 * An assisting unit's list of parts (协办, Art 24), its read audited like every staff list of
 * cases: the parts are what petitioners wrote about, even without their names.
 */
export async function assistList(
  db: Kysely<DB>,
  context: RequestContext,
  staff: StaffPrincipal,
  query: AssistListQuery,
): Promise<AssistRequest[]> {
  const items = await assistRequests(db, staff, query, context.now);
  await recordAudit(
    db,
    context.actor,
    {
      action: 'co_handling.list.read',
      outcome: 'success',
      target: { type: 'unit', id: staff.unit.id },
      details: { status: query.status ?? 'open', parts: items.length },
    },
    context.now,
  );
  return items;
}

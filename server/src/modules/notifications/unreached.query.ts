import type { OutboxStatus } from '@xinfang/shared/schemas/notifications';
import { UNREACHED_EVENTS, type UnreachedEvent } from '@xinfang/shared/schemas/unreached';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { staffSeesPetition } from '../petitions/visibility';
import { type DeliveryState, OWED_NOTICES } from './unreached';

type Db = Kysely<DB>;

// The fact is kept in the lifecycle's JSON, read alike on both databases (pending-deliveries).
const CONTACT_UNCLEAR = JSON.stringify({ contactUnclear: true }).slice(1, -1);

/**
 * The petitioners' statutory notices that reached nobody, of the petitions the viewer sees (the one
 * rule, `staffSeesPetition`: their subtree and its heads up the line, no recusal, Art 30's
 * firewall), as the 待送达的答复 list scopes. Unreached: nothing sent, waiting or being sent by
 * WeChat or SMS (`whyUnreached`); not read in the message centre; its written notice not opened by
 * the petitioner; not delivered another way (`notice_reach`). Not owed where the name or address
 * is unclear (Art 23 ¶2), nor once the petition is withdrawn.
 */
export function unreachedNotices(db: Db, viewer: StaffPrincipal) {
  return db
    .selectFrom('notification as n')
    .innerJoin('petition as p', 'p.id', 'n.petition_id')
    .where('n.statutory', '=', 1)
    .where('n.read_at', 'is', null)
    .where('n.recipient_type', '=', 'petitioner')
    .where('n.event', 'in', UNREACHED_EVENTS)
    .where('p.state', '!=', 'withdrawn')
    .where('p.lifecycle', 'not like', `%${CONTACT_UNCLEAR}%`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('outbox as o')
            .select('o.id')
            .whereRef('o.notification_id', '=', 'n.id')
            .where('o.status', 'in', ['sent', 'pending', 'sending']),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('notice_reach as r')
            .select('r.notification_id')
            .whereRef('r.notification_id', '=', 'n.id'),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('document as d')
            .innerJoin('audit_log as a', 'a.target_id', 'd.id')
            .select('d.id')
            .whereRef('d.petition_id', '=', 'n.petition_id')
            .where('a.target_type', '=', 'document')
            .where('a.action', '=', 'document.view')
            .where('a.actor_type', '=', 'petitioner')
            .whereRef('a.at', '>=', 'n.created_at')
            .where((eb) =>
              eb.or(
                UNREACHED_EVENTS.flatMap((event) => {
                  const type = OWED_NOTICES[event].document;
                  return type ? [eb.and([eb('n.event', '=', event), eb('d.type', '=', type)])] : [];
                }),
              ),
            ),
        ),
      ),
    )
    .where(staffSeesPetition(viewer, 'p'));
}

export interface UnreachedRow {
  id: string;
  event: UnreachedEvent;
  petitionId: string;
  petitionNumber: string;
  createdAt: string;
}

/** One page of them, oldest first, and how many there are in all. */
export async function listUnreached(
  db: Db,
  viewer: StaffPrincipal,
  limit: number,
): Promise<{ rows: UnreachedRow[]; total: number }> {
  const [rows, counted] = await Promise.all([
    unreachedNotices(db, viewer)
      .select(['n.id', 'n.event', 'n.petition_id', 'p.number', 'n.created_at'])
      .orderBy('n.created_at')
      .orderBy('n.id')
      .limit(limit)
      .execute(),
    unreachedNotices(db, viewer)
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .executeTakeFirst(),
  ]);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      event: r.event as UnreachedEvent,
      petitionId: r.petition_id as string,
      petitionNumber: r.number,
      createdAt: r.created_at,
    })),
    total: Number(counted?.n ?? 0),
  };
}

/** The outside deliveries of these notices, by notice. */
export async function deliveriesOfNotices(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, DeliveryState[]>> {
  const found = new Map<string, DeliveryState[]>();
  if (ids.length === 0) return found;
  const rows = await db
    .selectFrom('outbox')
    .select(['notification_id', 'channel', 'status'])
    .where('notification_id', 'in', [...ids])
    .execute();
  for (const row of rows) {
    const id = row.notification_id as string;
    found.set(id, [...(found.get(id) ?? []), { channel: row.channel, status: row.status as OutboxStatus }]);
  }
  return found;
}

/** The written notices of these petitions of the types the notices come with, oldest first. */
export async function noticeDocumentsOf(db: Db, petitionIds: readonly string[]) {
  if (petitionIds.length === 0) return [];
  const types = UNREACHED_EVENTS.flatMap((e) => (OWED_NOTICES[e].document ? [OWED_NOTICES[e].document] : []));
  return db
    .selectFrom('document as d')
    .innerJoin('org_unit as u', 'u.id', 'd.issuing_unit_id')
    .select(['d.petition_id', 'd.type', 'd.issued_at', 'd.issuing_unit_id', 'u.name as unit_name'])
    .where('d.petition_id', 'in', [...new Set(petitionIds)])
    .where('d.type', 'in', types)
    .orderBy('d.issued_at')
    .execute();
}

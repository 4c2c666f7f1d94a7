import {
  ANSWER_TYPES,
  DOCUMENT_TITLES,
  type DocumentType,
  type PendingDeliveryPage,
} from '@xinfang/shared/schemas/documents';
import type { Kysely } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { StaffPrincipal } from '../../access/principal';
import { decodeCursor, encodeCursor } from '../../db/cursor';
import type { DB } from '../../db/schema';
import { staffSeesPetition } from '../petitions/visibility';
import type { NoticeFacts } from './notice-facts';
import { unprintableInNotice } from './unprintable';

const DAY_MS = 24 * 3600_000;
const CONTACT_UNCLEAR = JSON.stringify({ contactUnclear: true }).slice(1, -1);

/**
 * Written answers not yet delivered (Art 35, 36: the petitioner's window waits for delivery). An
 * answer superseded by an appeal the petitioner made anyway is not waiting, nor one followed by a
 * later answer (the case handled again after an unsatisfied rating), nor one to a petitioner whose
 * name or address is unclear: it is kept on file (Art 23 ¶2, `replyDelivery`). The document
 * service's `awaitsDelivery` says the same of one loaded petition.
 */
export function undeliveredAnswers(db: Kysely<DB>) {
  return (
    db
      .selectFrom('document as d')
      .innerJoin('petition as p', 'p.id', 'd.petition_id')
      .where('d.type', 'in', [...ANSWER_TYPES])
      .where('p.state', 'in', ['replied', 'final'])
      .whereRef('p.stage', '=', 'd.stage')
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('document as newer')
              .select('newer.id')
              .whereRef('newer.petition_id', '=', 'd.petition_id')
              .where('newer.type', 'in', [...ANSWER_TYPES])
              .whereRef('newer.event_seq', '>', 'd.event_seq'),
          ),
        ),
      )
      // The fact is kept in the lifecycle's JSON (JSON.stringify: no spaces, and a quote inside a
      // string is escaped), read alike on both databases.
      .where('p.lifecycle', 'not like', `%${CONTACT_UNCLEAR}%`)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('delivery as x').select('x.id').whereRef('x.document_id', '=', 'd.id'))),
      )
  );
}

/**
 * The office's list of undelivered answers: those of the petitions the viewer sees (the one rule,
 * `staffSeesPetition`: their subtree, no recusal, Art 30's case firewall), longest waiting first.
 * Each says which characters print as 「□」 (no font in `fallbackFontDir` has them), as the
 * case's list of documents does: the clerk who prints and posts it writes them in by hand.
 */
export async function pendingDeliveries(
  db: Kysely<DB>,
  viewer: StaffPrincipal,
  now: Date,
  page: { cursor?: string | undefined; limit: number },
  fallbackFontDir: string,
): Promise<PendingDeliveryPage> {
  let query = undeliveredAnswers(db)
    .innerJoin('petitioner_account as a', 'a.id', 'p.petitioner_id')
    .innerJoin('org_unit as u', 'u.id', 'd.issuing_unit_id')
    .select([
      'd.id',
      'd.type',
      'd.number',
      'd.issued_at',
      'd.issuing_unit_id',
      'u.code as unit_code',
      'u.name as unit_name',
      'p.id as petition_id',
      'p.number as petition_number',
      'p.title',
      'p.kind',
      'p.concerned_unit_id',
      'p.version',
      'a.real_name',
      'd.facts',
    ])
    .where(staffSeesPetition(viewer, 'p'));
  if (page.cursor) {
    const [issuedAt, id] = decodeCursor(page.cursor, 2) as [string, string];
    query = query.where((eb) =>
      eb.or([
        eb('d.issued_at', '>', issuedAt),
        eb.and([eb('d.issued_at', '=', issuedAt), eb('d.id', '>', id)]),
      ]),
    );
  }
  const rows = await query
    .orderBy('d.issued_at')
    .orderBy('d.id')
    .limit(page.limit + 1)
    .execute();
  const shown = rows.slice(0, page.limit).map((r) => ({ row: r, withheld: accuserHiddenFor(r, viewer) }));
  const unprintable = await Promise.all(
    shown.map(({ row, withheld }) => unprintableInNotice(row, withheld, fallbackFontDir)),
  );
  const items = shown.map(({ row: r, withheld }, index) => ({
    documentId: r.id,
    title: DOCUMENT_TITLES[r.type as DocumentType],
    number: r.number,
    petitionId: r.petition_id,
    petitionNumber: r.petition_number,
    petitionTitle: r.title,
    // Art 30: an accuser's name never reaches staff of the accused unit.
    petitionerName: withheld ? null : r.real_name,
    issuingUnit: { id: r.issuing_unit_id, code: r.unit_code, name: r.unit_name },
    issuedAt: r.issued_at,
    sealed: (JSON.parse(r.facts) as NoticeFacts).seal !== null,
    // In the copy this viewer prints: the accused unit's names no accuser (Art 30).
    unprintable: unprintable[index] ?? [],
    ageDays: Math.max(0, Math.floor((now.getTime() - Date.parse(r.issued_at)) / DAY_MS)),
    version: r.version,
  }));
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > page.limit && last ? encodeCursor([last.issuedAt, last.documentId]) : null,
  };
}

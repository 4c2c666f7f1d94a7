import { beijingDate, type Calendar } from '@xinfang/shared/clocks';
import { accuses, isWithin, refuse, type UnitRef } from '@xinfang/shared/lifecycle';
import type {
  DecideSuggestion,
  NewSuggestion,
  Suggestion,
  SuggestionQuery,
  SuggestionStatus,
} from '@xinfang/shared/schemas/suggestions';
import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import { lockPetitions } from '../figures/figure.repository';
import { countPetitionById } from '../figures/figures.effect';
import { findUnitRef } from '../org/org.repository';
import { loadPetition } from '../petitions/petition.repository';
import { refused } from '../petitions/petition.support';
import { visiblePetitionIds } from '../petitions/visible-ids';
import {
  answerSuggestion,
  decideSuggestion,
  insertSuggestion,
  listSuggestions,
  type SuggestionRow,
  supervisionNoticeExists,
} from './suggestion.repository';

/** What the suggestion service works with — no more. */
export interface SuggestionServiceDeps {
  db: Kysely<DB>;
  /** Keeps a suggestion's idempotent answer encrypted. */
  pii: PiiCipher;
  /** Counts the case's figures again. */
  calendar: Calendar;
}

/**
 * Suggestions to improve work (改进建议, Art 40): issued from a case to a unit of the issuer's
 * subtree, answered by that unit, their adoption recorded by the issuer. Issuing one and recording
 * its adoption recount the case's figures in the same transaction, so the rollups never disagree:
 * holding the case first (MySQL), so a change of it counting at the same moment waits, or is waited
 * for, rather than meeting the suggestion half written (figure.repository.ts).
 */
export function createSuggestionService(deps: SuggestionServiceDeps) {
  const { db, pii, calendar } = deps;
  const today = (now: Date) => beijingDate(now.toISOString());

  function statusOf(row: SuggestionRow, day: string): SuggestionStatus {
    if (row.adoption !== null) return 'decided';
    if (row.answered_at !== null) return 'answered';
    return row.due_date < day ? 'overdue' : 'open';
  }

  function viewOf(row: SuggestionRow, day: string, visible: Set<string>): Suggestion {
    return {
      id: row.id,
      petition: visible.has(row.petition_id)
        ? { id: row.petition_id, number: row.number, title: row.title }
        : null,
      supervisionNo: row.supervision_no,
      unit: { id: row.unit_id, code: row.unit_code, name: row.unit_name },
      issuedBy: { id: row.issued_by, name: row.issuer_name },
      issuedAt: row.issued_at,
      suggestion: row.suggestion,
      dueDate: row.due_date,
      status: statusOf(row, day),
      answer: row.answer,
      answeredAt: row.answered_at,
      adoption: row.adoption,
      adoptionNote: row.adoption_note,
      decidedAt: row.decided_at,
    };
  }

  async function views(staff: StaffPrincipal, rows: SuggestionRow[], now: Date): Promise<Suggestion[]> {
    const visible = await visiblePetitionIds(
      db,
      staff,
      rows.map((r) => r.petition_id),
    );
    return rows.map((r) => viewOf(r, today(now), visible));
  }

  async function list(staff: StaffPrincipal, query: SuggestionQuery, now: Date): Promise<Suggestion[]> {
    const status = query.status === 'all' ? undefined : query.status;
    if (query.view === 'issued') {
      return views(staff, await listSuggestions(db, { issuedBy: staff.id, status, today: today(now) }), now);
    }
    const unit = await findUnitRef(db, query.unitId ?? staff.unit.id);
    assertWithinScope(staff, unit, query.unitId);
    const unitPath = pathOf((unit ?? staff.unit).path);
    return views(staff, await listSuggestions(db, { unitPath, status, today: today(now) }), now);
  }

  /** One suggestion, when it is to a unit of the caller's subtree or the caller issued it. */
  async function one(staff: StaffPrincipal, id: string, now: Date): Promise<SuggestionRow> {
    const [row] = await listSuggestions(db, { id, today: today(now) });
    const unit = row ? await findUnitRef(db, row.unit_id) : null;
    if (!row || !unit || (row.issued_by !== staff.id && !isWithin(unit, staff.unit))) {
      throw new AppError('NOT_FOUND', '没有找到这条改进建议');
    }
    return row;
  }

  async function issue(
    context: RequestContext,
    staff: StaffPrincipal,
    body: NewSuggestion,
    idem: IdempotencyRequest,
  ) {
    // The checks run only for a new suggestion: a retry after midnight still gets its first answer.
    const check = async () => {
      const unit = await findUnitRef(db, body.unitId);
      assertWithinScope(staff, unit, body.unitId);
      const loaded = await loadPetition(db, body.petitionId);
      if (!loaded) throw new AppError('NOT_FOUND', '没有找到这件信访事项');
      if (accuses(loaded.petition, unit as UnitRef))
        throw refused(refuse('suggestion.to_accused_unit', { param: 'unitId' }));
      if (body.dueDate < today(context.now))
        throw refused(refuse('suggestion.due_in_past', { param: 'dueDate' }));
      if (
        body.supervisionNo !== undefined &&
        !(await supervisionNoticeExists(db, body.petitionId, body.supervisionNo))
      ) {
        throw new AppError('VALIDATION_FAILED', '这件事项没有这个编号的督办单', [
          { path: '/body/supervisionNo', message: 'no such supervision notice on this petition' },
        ]);
      }
    };
    const id = newId(context.now.getTime());
    const at = context.now.toISOString();
    return once(db, pii, idem, context.now, check, async (trx) => {
      await lockPetitions(trx, [body.petitionId]);
      await insertSuggestion(trx, {
        id,
        petition_id: body.petitionId,
        supervision_no: body.supervisionNo ?? null,
        unit_id: body.unitId,
        issued_by: staff.id,
        issued_at: at,
        suggestion: body.suggestion,
        due_date: body.dueDate,
        answer: null,
        answered_by: null,
        answered_at: null,
        adoption: null,
        adoption_note: null,
        decided_by: null,
        decided_at: null,
      });
      await recount(trx, body.petitionId);
      await audit(trx, context, 'suggestion.issue', id, body.petitionId, {
        unitId: body.unitId,
        dueDate: body.dueDate,
      });
      const [row] = await listSuggestions(trx, { id, today: today(context.now) });
      return {
        status: 201,
        body: viewOf(row as SuggestionRow, today(context.now), new Set([body.petitionId])),
      };
    });
  }

  async function answer(context: RequestContext, staff: StaffPrincipal, id: string, text: string) {
    const row = await one(staff, id, context.now);
    const unit = await findUnitRef(db, row.unit_id);
    if (!unit || !isWithin(unit, staff.unit)) throw new AppError('NOT_FOUND', '没有找到这条改进建议');
    await db.transaction().execute(async (trx) => {
      const done = await answerSuggestion(trx, id, {
        answer: text,
        by: staff.id,
        at: context.now.toISOString(),
      });
      if (!done) throw refused(refuse('suggestion.already_answered'));
      await audit(trx, context, 'suggestion.answer', id, row.petition_id);
    });
    return fresh(staff, id, context.now);
  }

  async function decide(context: RequestContext, staff: StaffPrincipal, id: string, body: DecideSuggestion) {
    const row = await one(staff, id, context.now);
    if (row.issued_by !== staff.id) throw refused(refuse('suggestion.issuer_only'));
    if (row.answered_at === null) throw refused(refuse('suggestion.not_answered'));
    await db.transaction().execute(async (trx) => {
      await lockPetitions(trx, [row.petition_id]);
      const done = await decideSuggestion(trx, id, { ...body, by: staff.id, at: context.now.toISOString() });
      if (!done) throw refused(refuse('suggestion.already_decided'));
      await recount(trx, row.petition_id);
      await audit(trx, context, 'suggestion.decide', id, row.petition_id, { adoption: body.adoption });
    });
    return fresh(staff, id, context.now);
  }

  async function fresh(staff: StaffPrincipal, id: string, now: Date): Promise<Suggestion> {
    const [view] = await views(staff, await listSuggestions(db, { id, today: today(now) }), now);
    return view as Suggestion;
  }

  const recount = (trx: Transaction<DB>, petitionId: string) => countPetitionById(trx, petitionId, calendar);

  async function audit(
    trx: Transaction<DB>,
    context: RequestContext,
    action: string,
    id: string,
    petitionId: string,
    details?: Record<string, string | number | boolean | null>,
  ) {
    await recordAudit(
      trx,
      context.actor,
      {
        action,
        outcome: 'success',
        target: { type: 'suggestion', id },
        petitionId,
        ...(details ? { details } : {}),
      },
      context.now,
    );
  }

  return { list, issue, answer, decide };
}

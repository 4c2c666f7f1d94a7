import {
  type Action,
  checkFinality,
  checkPendingElsewhere,
  decide,
  type Petition,
  register,
  SYSTEM_ACTOR,
  type UnitRef,
} from '@xinfang/shared/lifecycle';
import type { CaseActionBody } from '@xinfang/shared/schemas/actions';
import type {
  PetitionDetail,
  RegisterPetitionBody,
  SubmitPetitionBody,
  Submitted,
} from '@xinfang/shared/schemas/petitions';
import type { FastifyInstance } from 'fastify';
import type { Transaction } from 'kysely';
import type { Principal, StaffPrincipal } from '../../access/principal';
import { recordAudit, SYSTEM_AUDIT_ACTOR } from '../../audit/audit-log';
import { dialectOf } from '../../db/dialect';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { type Answer, type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import { createDocumentEffect } from '../documents/document-effects';
import { holdRegistration, registeredHolder } from '../petitioners/registered-person';
import { supervisionEffect } from '../supervision/supervision.effect';
import { nextDueAt } from './next-due';
import { detailOf } from './petition.read';
import { type LoadedPetition, loadPetition, savePetition } from './petition.repository';
import {
  actorOf,
  assertActiveCategory,
  claimAttachments,
  concernedUnitRef,
  refused,
  resolveParams,
  rootUnitRef,
  versionConflict,
} from './petition.support';
import { nextPetitionNumber } from './petition-number';
import { newQueryCode, queryCodeHash } from './query-code';
import { findRepeats, linkRepeats, SAME_MATTER_THRESHOLD, unlink } from './repeats';
import { receivingUnitFor } from './routing';
import { textSimilarity } from './similarity';
import { withinSubmissionLimit } from './submission-limit';

type Trx = Transaction<DB>;

/**
 * Petitions coming in and moving on: online submission, registration by reception, every
 * lifecycle action, repeat links and the audited reveal of a petitioner's numbers. Every change
 * goes through `shared`'s lifecycle and is written with its events and audit entry in one
 * transaction, under an optimistic lock.
 */
export function createPetitionService(app: FastifyInstance) {
  const db = app.db;
  const calendar = app.calendar;
  const dueAt = (petition: Petition, now: Date) => nextDueAt(petition, calendar, now);
  const issueDocuments = createDocumentEffect({ calendar });

  async function submit(
    context: RequestContext,
    petitionerId: string,
    body: SubmitPetitionBody,
    idem: IdempotencyRequest,
  ): Promise<Answer<Submitted> & { replayed: boolean }> {
    const principal: Principal = { kind: 'petitioner', id: petitionerId };
    const perDay = app.config.submissionsPerDay;
    return withinSubmissionLimit({ db, pii: app.pii, idem, petitionerId, now: context.now, perDay }, () =>
      once(db, app.pii, idem, context.now, async (trx) => {
        const concerned = await concernedUnitRef(trx, body.concernedUnitId);
        return create(trx, context, principal, {
          petitionerId,
          receivingUnit: receivingUnitFor(body.kind, concerned, await rootUnitRef(trx)),
          concerned,
          channel: 'online',
          body,
          attachmentOwner: petitionerId,
        });
      }),
    );
  }

  async function registerOffline(
    context: RequestContext,
    staff: StaffPrincipal,
    body: RegisterPetitionBody,
    idem: IdempotencyRequest,
  ): Promise<Answer<Submitted> & { replayed: boolean }> {
    return once(db, app.pii, idem, context.now, async (trx) => {
      const concerned = await concernedUnitRef(trx, body.concernedUnitId);
      const holder = await registeredHolder(trx, app.pii, context, staff, body.petitioner);
      const answer = await create(trx, context, staff, {
        petitionerId: holder.petitionerId,
        receivingUnit: staff.unit,
        concerned,
        channel: body.channel,
        receivedAt: new Date(body.receivedAt).toISOString(),
        contactUnclear: body.contactUnclear,
        body,
        attachmentOwner: staff.id,
        registeredBy: staff.id,
      });
      await holdRegistration(trx, context, answer.body.petition.id, holder);
      return answer;
    });
  }

  interface CreateInput {
    petitionerId: string;
    receivingUnit: UnitRef;
    concerned: UnitRef | null;
    channel: Petition['channel'];
    receivedAt?: string;
    contactUnclear?: boolean;
    body: SubmitPetitionBody;
    attachmentOwner: string;
    registeredBy?: string;
  }

  async function create(
    trx: Trx,
    context: RequestContext,
    principal: Principal,
    input: CreateInput,
  ): Promise<Answer<Submitted>> {
    const { body } = input;
    await assertActiveCategory(trx, body.categoryCode);
    const now = context.now.toISOString();
    const id = newId(context.now.getTime());
    const decision = register(
      {
        id,
        petitionerId: input.petitionerId,
        receivingUnit: input.receivingUnit,
        params: {
          kind: body.kind,
          channel: input.channel,
          ...(input.concerned ? { concernedUnit: input.concerned } : {}),
          categoryId: body.categoryCode,
          title: body.title,
          content: body.content,
          ...(input.receivedAt ? { receivedAt: input.receivedAt } : {}),
          ...(body.location ? { location: body.location } : {}),
          ...(body.attachmentIds?.length ? { attachmentIds: body.attachmentIds } : {}),
          ...(body.headcount !== undefined ? { headcount: body.headcount } : {}),
          ...(body.representatives ? { representatives: body.representatives } : {}),
          ...(input.contactUnclear !== undefined ? { contactUnclear: input.contactUnclear } : {}),
        },
      },
      actorOf(principal),
      now,
    );
    if (!decision.ok) throw refused(decision.refusal);

    const number = await nextPetitionNumber(trx, context.now);
    const queryCode = newQueryCode();
    await savePetition(trx, {
      before: null,
      after: decision.petition,
      events: decision.events,
      columns: {
        number,
        query_code_hash: queryCodeHash(app.config.pii.hashKey, id, queryCode),
        petitioner_id: input.petitionerId,
        registered_by: input.registeredBy ?? null,
        kind: body.kind,
        channel: input.channel,
        category_code: body.categoryCode,
        title: body.title.trim(),
        content: body.content,
        location: body.location?.trim() || null,
        receiving_unit_id: input.receivingUnit.id,
        concerned_unit_id: input.concerned?.id ?? null,
        headcount: body.headcount ?? null,
        received_at: decision.petition.receivedAt,
        next_due_at: dueAt(decision.petition, context.now),
        created_at: now,
        updated_at: now,
      },
    });
    await issueDocuments(trx, {
      before: null,
      after: decision.petition,
      events: decision.events,
      now: context.now,
    });
    await app.notifications.effect(trx, {
      before: null,
      after: decision.petition,
      events: decision.events,
      now: context.now,
      facts: { number },
    });
    await claimAttachments(trx, body.attachmentIds ?? [], input.attachmentOwner, id);
    await recordAudit(
      trx,
      context.actor,
      {
        action: input.channel === 'online' ? 'petition.submit' : 'petition.register',
        outcome: 'success',
        target: { type: 'petition', id },
        details: { number, channel: input.channel },
      },
      context.now,
    );

    await applyRepeatRules(trx, context, decision.petition, `${body.title}\n${body.content}`);
    const loaded = await mustLoad(trx, id);
    return {
      status: 201,
      body: { petition: await detailOf(trx, app.pii, principal, loaded, context.now, calendar), queryCode },
    };
  }

  /**
   * Links the same person's similar petitions about the same unit, and applies the statute when one
   * is the same matter: pending below within its limit (Art 19 ¶3) or already final (Art 36 ¶3)
   * — the new petition stays registered (Art 21) and is declined at once with that reason.
   */
  async function applyRepeatRules(trx: Trx, context: RequestContext, petition: Petition, text: string) {
    const repeats = await findRepeats(trx, petition, text);
    if (repeats.length === 0) return;
    await linkRepeats(
      trx,
      petition.id,
      repeats.map((r) => ({ petitionId: r.loaded.petition.id, similarity: r.similarity })),
      'detected',
      'system',
      context.now,
    );
    const same = repeats.filter((r) => r.similarity >= SAME_MATTER_THRESHOLD);
    const now = context.now.toISOString();
    const matches = same.map((r) => r.loaded.petition);
    const verdict = checkFinality(matches).ok
      ? checkPendingElsewhere(petition.units.receiving, matches, now, calendar)
      : checkFinality(matches);
    if (verdict.ok) return;
    const match = same.find((r) => r.loaded.petition.id === verdict.refusal.matchId);
    const ground =
      verdict.refusal.rule === 'admissibility.already_final' ? 'already_final' : 'pending_elsewhere';
    const reason = `${verdict.refusal.message}（相同事项编号 ${match?.loaded.row.number ?? ''}，依据《信访工作条例》${articleInChinese(verdict.refusal.article)}）`;
    const decision = decide(
      petition,
      { type: 'decline', params: { ground, reason: reason.slice(0, 2000) } },
      SYSTEM_ACTOR,
      now,
      calendar,
    );
    if (!decision.ok) throw refused(decision.refusal);
    await savePetition(trx, {
      before: petition,
      after: decision.petition,
      events: decision.events,
      columns: { next_due_at: dueAt(decision.petition, context.now), updated_at: now },
    });
    await issueDocuments(trx, {
      before: petition,
      after: decision.petition,
      events: decision.events,
      now: context.now,
    });
    await app.notifications.effect(trx, {
      before: petition,
      after: decision.petition,
      events: decision.events,
      now: context.now,
    });
    await recordAudit(
      trx,
      SYSTEM_AUDIT_ACTOR,
      {
        action: 'petition.decline',
        outcome: 'success',
        target: { type: 'petition', id: petition.id },
        details: { ground, matchId: verdict.refusal.matchId },
      },
      context.now,
    );
  }

  async function mustLoad(trx: Trx | FastifyInstance['db'], id: string): Promise<LoadedPetition> {
    const loaded = await loadPetition(trx, id);
    if (!loaded) throw new AppError('NOT_FOUND', '没有找到这件信访事项');
    return loaded;
  }

  /** One lifecycle action, checked by `shared` exactly as the app offered it. */
  async function act(
    context: RequestContext,
    principal: Principal,
    id: string,
    body: CaseActionBody & { version: number },
  ): Promise<PetitionDetail> {
    const loaded = await db.transaction().execute(async (trx) => {
      const current = await mustLoad(trx, id);
      if (body.version !== current.petition.version) throw versionConflict(current.petition);
      const params = await resolveParams(trx, body.type, body.params as Record<string, unknown>);
      const now = context.now.toISOString();
      const decision = decide(
        current.petition,
        { type: body.type, params } as Action,
        actorOf(principal),
        now,
        calendar,
      );
      if (!decision.ok) throw refused(decision.refusal);
      const saved = await savePetition(trx, {
        before: current.petition,
        after: decision.petition,
        events: decision.events,
        columns: { next_due_at: dueAt(decision.petition, context.now), updated_at: now },
      });
      // Someone committed first. Read what they wrote outside this transaction: on MySQL its
      // snapshot still shows the version it started from.
      if (!saved) throw versionConflict((await mustLoad(db, id)).petition);
      await issueDocuments(trx, {
        before: current.petition,
        after: decision.petition,
        events: decision.events,
        now: context.now,
      });
      await app.notifications.effect(trx, {
        before: current.petition,
        after: decision.petition,
        events: decision.events,
        now: context.now,
        facts: current.row,
      });
      await supervisionEffect(trx, { after: decision.petition, events: decision.events });
      await recordAudit(
        trx,
        context.actor,
        {
          action: `petition.${body.type}`,
          outcome: 'success',
          target: { type: 'petition', id },
          details: { version: decision.petition.version, state: decision.petition.state },
        },
        context.now,
      );
      return mustLoad(trx, id);
    });
    return detailOf(db, app.pii, principal, loaded, context.now, calendar);
  }

  /** Staff link two petitions by hand as the same matter, or undo a link. */
  async function setLink(
    context: RequestContext,
    staff: StaffPrincipal,
    id: string,
    otherId: string,
    linked: boolean,
  ) {
    if (id === otherId)
      throw new AppError('VALIDATION_FAILED', '不能关联自己', [
        { path: '/body/petitionId', message: 'is this petition' },
      ]);
    await db.transaction().execute(async (trx) => {
      // One link change per pair at a time: lock both petitions, always in the same order (MySQL;
      // SQLite has a single writer).
      if (dialectOf(trx) === 'mysql') {
        await trx
          .selectFrom('petition')
          .select('id')
          .where('id', 'in', [id, otherId])
          .orderBy('id')
          .forUpdate()
          .execute();
      }
      const [self, other] = [await mustLoad(trx, id), await loadPetition(trx, otherId)];
      if (!other) throw new AppError('NOT_FOUND', '要关联的信访事项不存在');
      if (linked) {
        const similarity = textSimilarity(
          `${self.row.title}\n${self.row.content}`,
          `${other.row.title}\n${other.row.content}`,
        );
        await linkRepeats(trx, id, [{ petitionId: otherId, similarity }], 'staff', staff.id, context.now);
      } else {
        await unlink(trx, id, otherId);
      }
      await recordAudit(
        trx,
        context.actor,
        {
          action: linked ? 'petition.link' : 'petition.unlink',
          outcome: 'success',
          target: { type: 'petition', id },
          details: { otherId },
        },
        context.now,
      );
    });
    return detailOf(db, app.pii, staff, await mustLoad(db, id), context.now, calendar);
  }

  return { submit, registerOffline, act, setLink };
}

function articleInChinese(article: string | null): string {
  if (article === 'Art 19 ¶3') return '第十九条第三款';
  if (article === 'Art 36 ¶3') return '第三十六条第三款';
  return article ?? '';
}

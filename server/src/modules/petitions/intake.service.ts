import type { Calendar } from '@xinfang/shared/clocks';
import {
  type Admissibility,
  checkAppealRoute,
  checkFinality,
  checkPendingElsewhere,
  decide,
  type Petition,
  type PetitionEvent,
  refuse,
  register,
  repeatDecline,
  SYSTEM_ACTOR,
  type UnitRef,
} from '@xinfang/shared/lifecycle';
import type {
  Attachment,
  RegisterPetitionBody,
  SubmitPetitionBody,
  Submitted,
} from '@xinfang/shared/schemas/petitions';
import type { Kysely, Transaction } from 'kysely';
import { accuserHiddenFor } from '../../access/accuser-firewall';
import type { Principal, StaffPrincipal } from '../../access/principal';
import { SYSTEM_AUDIT_ACTOR } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { type Answer, type IdempotencyRequest, once, onceUnkept } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import { lockPetitions } from '../figures/figure.repository';
import { countPetition, petitionsToCount } from '../figures/figures.effect';
import { receivingUnitIds } from '../org/org.repository';
import { holdRegistration, registeredHolder } from '../petitioners/registered-person';
import { attachmentsOf, linksOf, petitionerFacts, viewContext } from './petition.read';
import { type LoadedPetition, loadPetitions } from './petition.repository';
import {
  actorOf,
  assertActiveCategory,
  claimAttachments,
  concernedUnitRef,
  refused,
  rootUnitRef,
} from './petition.support';
import { toDetail, type ViewContext } from './petition.view';
import { nextPetitionNumber } from './petition-number';
import { newQueryCode, queryCodeHash } from './query-code';
import { changedSince, findRepeats, linkRepeats, type Repeat, SAME_MATTER_THRESHOLD } from './repeats';
import { receivingUnitFor } from './routing';
import { madeUnderKey } from './submission-key';
import { withinSubmissionLimit } from './submission-limit';
import type { NewPetitionColumns, WritePath } from './write-path';

type Db = Kysely<DB> | Transaction<DB>;
type Trx = Transaction<DB>;

/** What intake works with — no more. */
export interface IntakeDeps {
  db: Kysely<DB>;
  pii: PiiCipher;
  calendar: Calendar;
  writer: WritePath;
  /** Keys the query codes' hashes. */
  hashKey: Buffer;
  /** The most online submissions a petitioner makes in a day (submission-limit.ts). */
  submissionsPerDay: number;
}

/**
 * Petitions coming in: online submission, registration by reception and a booked visit received
 * by a leader. Each goes through `shared`'s registration and then the write path
 * (write-path.ts), in one transaction, once per idempotency key.
 *
 * A submission does in its transaction only what must be serialised: everything that reads and
 * computes — the unit, the category, the lifecycle's registration, repeat detection and the
 * statute's verdict on it, the answer's names and attachments — happens before; inside, a cheap
 * check that the matched petitions did not change meanwhile, the number taken last, the rows
 * written, the attachments claimed, and the answer built from what is in memory.
 */
export function createIntake(deps: IntakeDeps) {
  const { db, pii, calendar, writer } = deps;

  async function submit(
    context: RequestContext,
    petitionerId: string,
    body: SubmitPetitionBody,
    idem: IdempotencyRequest,
  ): Promise<Answer<Submitted> & { replayed: boolean }> {
    const principal: Principal = { kind: 'petitioner', id: petitionerId };
    const intake: Intake = {
      petitionerId,
      channel: 'online',
      body,
      attachmentOwner: petitionerId,
      submission: idem,
    };
    const limit = { db, pii, idem, petitionerId, now: context.now, perDay: deps.submissionsPerDay };
    return withinSubmissionLimit(
      limit,
      async () =>
        // No answer kept under the key (a first send, or a retry past 48 h): the petition remembers it.
        (await madeUnderKey(deps, petitionerId, idem, context.now)) ??
        onceUnkept(
          db,
          pii,
          idem,
          context.now,
          () => plan(db, context, principal, intake),
          (trx, planned) => create(trx, context, principal, planned),
        ),
    );
  }

  async function registerOffline(
    context: RequestContext,
    staff: StaffPrincipal,
    body: RegisterPetitionBody,
    idem: IdempotencyRequest,
    /** What else the registration records in its transaction (the 下访 it came from). */
    alongside?: (trx: Transaction<DB>, petitionId: string) => Promise<void>,
  ): Promise<Answer<Submitted> & { replayed: boolean }> {
    // Who it is for is settled inside the transaction (a registered person may be created), and so
    // is the rest: registration at a desk is not the path that must be fast.
    const prepare = async () => undefined;
    return once(db, pii, idem, context.now, prepare, async (trx) => {
      const holder = await registeredHolder(trx, pii, context, staff, body.petitioner);
      // Art 23 ¶2 spares the written notice only where the name or address is unclear.
      if (body.contactUnclear && holder.hasAddress)
        throw refused(refuse('register.contact_known', { param: 'contactUnclear' }));
      const planned = await plan(trx, context, staff, {
        petitionerId: holder.petitionerId,
        receivingUnit: staff.unit,
        channel: body.channel,
        receivedAt: new Date(body.receivedAt).toISOString(),
        contactUnclear: body.contactUnclear,
        body,
        attachmentOwner: staff.id,
        registeredBy: staff.id,
      });
      const answer = await create(trx, context, staff, planned);
      await holdRegistration(trx, context, answer.body.petition.id, holder);
      await alongside?.(trx, answer.body.petition.id);
      return answer;
    });
  }

  /**
   * A visit received by a leader on a reception day (Art 18), registered for the person who booked
   * it from their own account — they asked for it themselves, so it joins their account at once —
   * received by the unit that held the day, recording the leader and the day, and `link`ed to the
   * booking in the same transaction.
   */
  async function registerBookedVisit(
    context: RequestContext,
    staff: StaffPrincipal,
    visit: {
      petitionerId: string;
      body: SubmitPetitionBody;
      /** When the leader received the person (a day gone by: the booked slot's start). */
      receivedAt: string;
      day: { id: string; date: string; leaderId: string; leaderName: string; unit: UnitRef };
    },
    idem: IdempotencyRequest,
    link: (trx: Trx, petitionId: string) => Promise<void>,
  ): Promise<Answer<Submitted> & { replayed: boolean }> {
    const { day } = visit;
    return once(
      db,
      pii,
      idem,
      context.now,
      async () => undefined,
      async (trx) => {
        const planned = await plan(trx, context, staff, {
          petitionerId: visit.petitionerId,
          receivingUnit: day.unit,
          channel: 'visit',
          receivedAt: visit.receivedAt,
          body: visit.body,
          attachmentOwner: staff.id,
          registeredBy: staff.id,
          receivedByLeader: {
            leaderId: day.leaderId,
            leaderName: day.leaderName,
            dayId: day.id,
            date: day.date,
          },
        });
        const answer = await create(trx, context, staff, planned);
        await link(trx, answer.body.petition.id);
        return answer;
      },
    );
  }

  /** A petition coming in, as the route gives it. */
  interface Intake {
    petitionerId: string;
    /** The office registering it; an online submission goes where `receivingUnitFor` says. */
    receivingUnit?: UnitRef;
    channel: Petition['channel'];
    receivedAt?: string;
    contactUnclear?: boolean;
    body: SubmitPetitionBody;
    attachmentOwner: string;
    registeredBy?: string;
    /** A visit a leader received on his reception day (Art 18). */
    receivedByLeader?: { leaderId: string; leaderName: string; dayId: string; date: string };
    /** An online submission's key, kept on the petition for good (submission-key.ts). */
    submission?: IdempotencyRequest;
  }

  /** Everything decided about a new petition before its transaction. */
  interface Plan {
    intake: Intake;
    registered: { petition: Petition; events: readonly PetitionEvent[] };
    /** The automatic decline, when the statute refuses it (Art 19 ¶3, 36 ¶3). */
    decline: { petition: Petition; events: readonly PetitionEvent[]; ground: string; matchId: string } | null;
    repeats: Repeat[];
    /** The repeats that are the same matter, as read: their versions are checked again inside. */
    sameMatter: readonly { id: string; version: number }[];
    view: ViewContext;
    attachments: Attachment[];
  }

  async function plan(
    dbOrTrx: Db,
    context: RequestContext,
    principal: Principal,
    intake: Intake,
  ): Promise<Plan> {
    const { body } = intake;
    const concerned = await concernedUnitRef(dbOrTrx, body.concernedUnitId);
    await assertActiveCategory(dbOrTrx, body.categoryCode);
    const receivingUnit =
      intake.receivingUnit ??
      receivingUnitFor(
        body.kind,
        concerned,
        await receivingUnitIds(dbOrTrx, concerned?.path ?? []),
        await rootUnitRef(dbOrTrx),
      );
    const now = context.now.toISOString();
    const decision = register(
      {
        id: newId(context.now.getTime()),
        petitionerId: intake.petitionerId,
        receivingUnit,
        ...(intake.receivedByLeader ? { receivedByLeader: intake.receivedByLeader } : {}),
        params: {
          kind: body.kind,
          channel: intake.channel,
          ...(concerned ? { concernedUnit: concerned } : {}),
          categoryId: body.categoryCode,
          title: body.title,
          content: body.content,
          ...(intake.receivedAt ? { receivedAt: intake.receivedAt } : {}),
          ...(body.location ? { location: body.location } : {}),
          ...(body.attachmentIds?.length ? { attachmentIds: body.attachmentIds } : {}),
          ...(body.headcount !== undefined ? { headcount: body.headcount } : {}),
          ...(body.representatives ? { representatives: body.representatives } : {}),
          ...(intake.contactUnclear !== undefined ? { contactUnclear: intake.contactUnclear } : {}),
        },
      },
      actorOf(principal),
      now,
    );
    if (!decision.ok) throw refused(decision.refusal);
    const repeats = await findRepeats(dbOrTrx, {
      petitionerId: intake.petitionerId,
      concernedUnitId: concerned?.id ?? null,
      kind: body.kind,
      text: `${body.title}\n${body.content}`,
    });
    const same = repeats.filter((r) => r.similarity >= SAME_MATTER_THRESHOLD);
    const matches = await loadPetitions(
      dbOrTrx,
      same.map((r) => r.id),
    );
    const decline = automaticDecline(decision.petition, matches, repeats, now);
    if (!decline && principal.kind === 'staff') appealRoute(decision.petition, same, matches, now);
    const final = decline?.petition ?? decision.petition;
    return {
      intake,
      registered: decision,
      decline,
      repeats,
      sameMatter: same.map((r) => ({ id: r.id, version: r.version })),
      view: await viewContext(dbOrTrx, principal, [final], context.now, calendar),
      attachments: await attachmentsOf(dbOrTrx, { ids: body.attachmentIds ?? [] }),
    };
  }

  /**
   * The statute on the same person's same matter: pending below within its limit (Art 19 ¶3) or
   * already final (Art 36 ¶3). The new petition stays registered (Art 21) and is declined at once
   * by the system, with that reason. After finality only when it brings nothing new: whether new
   * facts and reasons are new is for a person to judge, who sees the final case linked.
   */
  function automaticDecline(
    petition: Petition,
    matches: readonly LoadedPetition[],
    repeats: readonly Repeat[],
    now: string,
  ): Plan['decline'] {
    const petitions = matches.map((m) => m.petition);
    const final = checkFinality(
      petitions.filter((p) => repeats.find((r) => r.id === p.id)?.nothingNew === true),
    );
    const verdict: Admissibility = final.ok
      ? checkPendingElsewhere(petition.units.receiving, petitions, now, calendar)
      : final;
    if (verdict.ok) return null;
    const matchId = verdict.refusal.matchId ?? '';
    const number = repeats.find((r) => r.id === matchId)?.number ?? '';
    const { ground, reason } = repeatDecline(verdict.refusal, number);
    const decision = decide(
      petition,
      { type: 'decline', params: { ground, reason } },
      SYSTEM_ACTOR,
      now,
      calendar,
    );
    if (!decision.ok) throw refused(decision.refusal);
    return { ...decision, ground, matchId };
  }

  /**
   * Art 35, 36: the same matter, answered below and still open to appeal, brought to the desk of
   * the unit that would review it, is a request for review (or re-examination) of that answer. The
   * desk's registration is refused with the way to record it, naming the earlier petition
   * (`record_review_request`, so the 30 days count from its arrival). A petitioner's own submission
   * is never refused for it: it is registered, linked to the earlier case for reception to see.
   */
  function appealRoute(
    petition: Petition,
    same: readonly Repeat[],
    matches: readonly LoadedPetition[],
    now: string,
  ): void {
    const route = checkAppealRoute(
      petition.units.receiving,
      matches.map((m) => m.petition),
      now,
      calendar,
    );
    if (route.ok) return;
    const number = same.find((r) => r.id === route.refusal.matchId)?.number ?? '';
    throw refused(refuse(route.refusal.rule, { message: `原信访事项编号 ${number}` }));
  }

  async function create(
    trx: Trx,
    context: RequestContext,
    principal: Principal,
    planned: Plan,
  ): Promise<Answer<Submitted>> {
    // The statute's verdict rests on the matched petitions as read: if one moved since, decide again.
    const current =
      (await changedSince(trx, planned.sameMatter)).length > 0
        ? await plan(trx, context, principal, planned.intake)
        : planned;
    const { intake, registered } = current;
    const { body } = intake;
    const id = registered.petition.id;
    // The earlier petitions are counted again below: held before anything is written (MySQL), so a
    // change of one waits for this submission or this for it, and neither erases the other's count.
    await lockPetitions(
      trx,
      current.repeats.map((r) => r.id),
    );
    const number = await nextPetitionNumber(trx, context.now);
    const queryCode = newQueryCode();
    const created: NewPetitionColumns = {
      number,
      query_code_hash: queryCodeHash(deps.hashKey, id, queryCode),
      registered_by: intake.registeredBy ?? null,
      category_code: body.categoryCode,
      title: body.title.trim(),
      content: body.content,
      location: body.location?.trim() || null,
      headcount: body.headcount ?? null,
      submission_key: intake.submission?.key ?? null,
      submission_hash: intake.submission?.requestHash ?? null,
    };
    let written = await writer.write(trx, {
      before: null,
      after: registered.petition,
      events: registered.events,
      created,
      audit: {
        actor: context.actor,
        action: intake.channel === 'online' ? 'petition.submit' : 'petition.register',
        details: { number, channel: intake.channel },
      },
      now: context.now,
    });
    if (written && current.decline) {
      written = await writer.write(trx, {
        before: written,
        after: current.decline.petition,
        events: current.decline.events,
        audit: {
          actor: SYSTEM_AUDIT_ACTOR,
          action: 'petition.decline',
          details: { ground: current.decline.ground, matchId: current.decline.matchId },
        },
        now: context.now,
      });
    }
    if (!written) throw new Error(`petition ${id} changed while it was being created`);
    // The petitioner's own materials (also when a desk registers them): theirs to see.
    await claimAttachments(trx, body.attachmentIds ?? [], intake.attachmentOwner, id, 'petitioner');
    if (current.repeats.length > 0) {
      await linkRepeats(
        trx,
        id,
        current.repeats.map((r) => ({ petitionId: r.id, similarity: r.similarity })),
        'detected',
        'system',
        context.now,
      );
      // The new petition counts as a repeat now; an earlier-dated registration can make the others one.
      const others = await petitionsToCount(
        trx,
        current.repeats.map((r) => r.id),
      );
      for (const p of [{ petition: written.petition }, ...others])
        await countPetition(trx, p.petition, calendar, p.known);
    }
    // A petitioner sees no links; staff registering at a desk see those they may (petition.read.ts).
    const staff = principal.kind === 'staff' ? principal : null;
    const detail = toDetail(written.row, written.petition, current.view, {
      petitioner: staff ? await petitionerFacts(trx, pii, written.petition) : null,
      attachments: current.attachments,
      links:
        staff && current.repeats.length > 0 && !accuserHiddenFor(written.petition, staff)
          ? await linksOf(trx, id, staff)
          : [],
    });
    return { status: 201, body: { petition: detail, queryCode } };
  }

  return { submit, registerOffline, registerBookedVisit };
}

import { type Action, decide } from '@xinfang/shared/lifecycle';
import type { CaseActionBody } from '@xinfang/shared/schemas/actions';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import type { Kysely, Transaction } from 'kysely';
import type { Principal, StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import { dialectOf } from '../../db/dialect';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { findKept, type IdempotencyRequest, keepAnswer } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import { countPetition } from '../figures/figures.effect';
import { askHolder } from '../petitioners/registration-claim.repository';
import { assertDeclineBasis } from './decline-basis';
import { assertHandlerInUnit } from './handler';
import { createIntake, type IntakeDeps } from './intake.service';
import { detailOf } from './petition.read';
import { type LoadedPetition, loadPetition } from './petition.repository';
import { actorOf, claimAttachments, refused, resolveParams, versionConflict } from './petition.support';
import { assertRecusalWithinUnit } from './recusal';
import { assertReferralLeader } from './referral';
import { linkRepeats, unlink } from './repeats';
import { type LinkBetween, linkBetween, noteLinkReason, personKeys, signedIn } from './same-person';
import { textSimilarity } from './similarity';
import type { Written } from './write-path';

type Db = Kysely<DB> | Transaction<DB>;

/** What the petition service works with — no more. */
export type PetitionServiceDeps = IntakeDeps;

/** How many times an action is tried again when only the deadline job's due date got in its way. */
const LOCK_RETRIES = 2;

/**
 * Petitions coming in (intake.service.ts) and moving on: every lifecycle action and repeat links.
 * Every lifecycle change goes through `shared`'s lifecycle and then the write path
 * (write-path.ts), in one transaction, under an optimistic lock.
 */
export function createPetitionService(deps: PetitionServiceDeps) {
  const { db, pii, calendar, writer } = deps;

  async function mustLoad(dbOrTrx: Db, id: string): Promise<LoadedPetition> {
    const loaded = await loadPetition(dbOrTrx, id);
    if (!loaded) throw new AppError('NOT_FOUND', '没有找到这件信访事项');
    return loaded;
  }

  /**
   * One lifecycle action, checked by `shared` exactly as the app offered it. The petition is read
   * once, in the transaction; the answer is built from what was written.
   */
  async function act(
    context: RequestContext,
    principal: Principal,
    id: string,
    body: CaseActionBody & { version: number },
  ): Promise<PetitionDetail> {
    const written = await apply(context, principal, id, body);
    return detailOf(db, pii, principal, written, context.now, calendar);
  }

  /**
   * `act` under an Idempotency-Key: a phone that resends an action whose answer it lost (or a
   * second tap) gets the case as it is now, as if the first answer had arrived, instead of a
   * conflict that invites a third tap and a second message (handbook: a retried write never
   * happens twice). The key is kept in the action's transaction.
   */
  async function actOnce(
    context: RequestContext,
    principal: Principal,
    id: string,
    body: CaseActionBody & { version: number },
    idem: IdempotencyRequest,
  ): Promise<{ detail: PetitionDetail; replayed: boolean }> {
    const taken = async () => ({
      detail: await detailOf(db, pii, principal, await mustLoad(db, id), context.now, calendar),
      replayed: true,
    });
    if (await findKept(db, pii, idem)) return taken();
    try {
      const written = await apply(context, principal, id, body, idem);
      return { detail: await detailOf(db, pii, principal, written, context.now, calendar), replayed: false };
    } catch (error) {
      // The same request sent twice at once: the one that lost answers as the one that won.
      if (await findKept(db, pii, idem).catch(() => null)) return taken();
      throw error;
    }
  }

  /** An action taken and written, for callers that answer with less than the whole case. */
  async function apply(
    context: RequestContext,
    principal: Principal,
    id: string,
    body: CaseActionBody & { version: number },
    idem: IdempotencyRequest | null = null,
  ): Promise<Written> {
    for (let attempt = 0; ; attempt += 1) {
      const written = await db.transaction().execute(async (trx) => {
        const current = await mustLoad(trx, id);
        if (body.version !== current.petition.version) throw versionConflict(current.petition);
        const params = await resolveParams(trx, body.type, body.params as Record<string, unknown>);
        const action = { type: body.type, params } as Action;
        const decision = decide(
          current.petition,
          action,
          actorOf(principal),
          context.now.toISOString(),
          calendar,
        );
        if (!decision.ok) throw refused(decision.refusal);
        await assertHandlerInUnit(trx, current.petition, action);
        await assertRecusalWithinUnit(trx, action, actorOf(principal));
        await assertReferralLeader(trx, current.petition, action);
        if (action.type === 'decline' && principal.kind === 'staff')
          await assertDeclineBasis(trx, principal, current, action.params, context.now, calendar);
        const done = await writer.write(trx, {
          before: current,
          after: decision.petition,
          events: decision.events,
          audit: { actor: context.actor, action: `petition.${body.type}` },
          now: context.now,
        });
        // An assisting unit's answer (Art 24) or a petitioner's message (补充材料) brings its
        // sender's own uploads to the case, seen by whom the event is seen: an assisting unit's by
        // staff only, as its answer is internal; the petitioner's by him and staff (Art 30 still
        // keeps them from an accused unit, attachmentScope).
        for (const event of done ? decision.events : []) {
          if (!('attachmentIds' in event.data)) continue;
          await claimAttachments(trx, event.data.attachmentIds ?? [], principal.id, id, event.visibility);
        }
        if (done && idem)
          await keepAnswer(trx, pii, idem, { status: 200, body: { petitionId: id } }, context.now);
        return done;
      });
      if (written) return written;
      // Someone committed first. Read what they wrote outside this transaction: on MySQL its
      // snapshot still shows the version it started from. When the version is still the one the
      // caller saw, only the deadline job moved the due date: try again.
      const current = await mustLoad(db, id);
      if (current.petition.version !== body.version || attempt >= LOCK_RETRIES)
        throw versionConflict(current.petition);
    }
  }

  /**
   * Staff link two petitions by hand as the same matter, or undo a link. 重复信访 is the same
   * person on the same matter, and who is one person is not the clerk's to decide alone
   * (same-person.ts): a link across records whose ID numbers or phones differ is refused, two
   * accounts are two people, and a desk's record is joined to someone's account only by its holder
   * saying the registration is theirs: the link asks them (`asked`, nothing linked yet). Two desk
   * records are linked with the clerk's reason, kept on the link and audited on both cases.
   */
  async function setLink(
    context: RequestContext,
    staff: StaffPrincipal,
    id: string,
    otherId: string,
    link: { linked: boolean; reason?: string },
  ): Promise<{ asked: boolean; detail: PetitionDetail }> {
    const { linked } = link;
    const reason = link.reason?.trim() || null;
    if (id === otherId)
      throw new AppError('VALIDATION_FAILED', '不能关联自己', [
        { path: '/body/petitionId', message: 'is this petition' },
      ]);
    const { self, asked } = await db.transaction().execute(async (trx) => {
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
      const audit = (action: 'petition.link' | 'petition.unlink' | 'petition.link_asked', target: string) =>
        recordAudit(
          trx,
          context.actor,
          {
            action,
            outcome: 'success',
            target: { type: 'petition', id: target },
            details: { otherId: target === id ? otherId : id, ...(reason ? { reason } : {}) },
          },
          context.now,
        );
      if (!linked) {
        await unlink(trx, id, otherId);
      } else {
        const between = await linkPeople(trx, self.row.petitioner_id, other.row.petitioner_id);
        if (between === 'ask_account') {
          await askAccountHolder(trx, context, self, other);
          await audit('petition.link_asked', id);
          return { self, asked: true };
        }
        if (between === 'registered' && reason === null)
          throw new AppError('VALIDATION_FAILED', '两位都是窗口登记的信访人，请写明为什么是同一个人', [
            { path: '/body/reason', message: 'is required to join two registered people' },
          ]);
        const similarity = textSimilarity(
          `${self.row.title}\n${self.row.content}`,
          `${other.row.title}\n${other.row.content}`,
        );
        await linkRepeats(trx, id, [{ petitionId: otherId, similarity }], 'staff', staff.id, context.now);
        if (between === 'registered' && reason) await noteLinkReason(trx, id, otherId, reason);
      }
      for (const p of [self.petition, other.petition]) await countPetition(trx, p, calendar);
      // On both cases: each one's record shows who joined it to the other, and why.
      for (const target of [id, otherId]) await audit(linked ? 'petition.link' : 'petition.unlink', target);
      return { self, asked: false };
    });
    return { asked, detail: await detailOf(db, pii, staff, self, context.now, calendar) };
  }

  /** How the two petitioners stand to each other, refusing a link between two people. */
  async function linkPeople(trx: Db, a: string, b: string): Promise<LinkBetween> {
    const keys = await personKeys(trx, [a, b]);
    const [pa, pb] = [keys.get(a), keys.get(b)];
    if (!pa || !pb) throw new AppError('NOT_FOUND', '要关联的信访事项不存在');
    const between = linkBetween(pa, pb);
    if (between === 'conflict')
      throw new AppError(
        'VALIDATION_FAILED',
        '两件事项登记的手机号或身份证号不一样，不是同一个人，不能关联',
        [{ path: '/body/petitionId', message: 'its petitioner’s phone or ID number differs' }],
      );
    if (between === 'two_accounts')
      throw new AppError('VALIDATION_FAILED', '只能关联同一信访人的信访事项', [
        { path: '/body/petitionId', message: 'is another petitioner’s petition' },
      ]);
    return between;
  }

  /**
   * A desk's registration and someone's account: the account's holder is asked whether the
   * registration is theirs, in their 待确认的登记, as when the desk types their phone
   * (registration-claims.ts). Refused when they cannot be asked: no proven phone, or they answered.
   */
  async function askAccountHolder(
    trx: Db,
    context: RequestContext,
    self: LoadedPetition,
    other: LoadedPetition,
  ): Promise<void> {
    const keys = await personKeys(trx, [self.row.petitioner_id, other.row.petitioner_id]);
    const [a, b] = [keys.get(self.row.petitioner_id), keys.get(other.row.petitioner_id)];
    const [registered, account] = a && signedIn(a) ? [other, a] : [self, b];
    const asked = account?.phone_hash
      ? await askHolder(trx, {
          petitionId: registered.petition.id,
          phoneHash: account.phone_hash,
          at: context.now.toISOString(),
        })
      : 'answered';
    if (asked === 'answered')
      throw new AppError(
        'VALIDATION_FAILED',
        '无法请对方确认这件登记是不是他的：对方没有验证手机号，或已经答复过',
        [
          {
            path: '/body/petitionId',
            message: 'its account holder cannot be asked to claim the registration',
          },
        ],
      );
  }

  return { ...createIntake(deps), act, actOnce, apply, setLink };
}

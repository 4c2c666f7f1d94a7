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
import { findPetitionerBy } from '../petitioners/petitioner.repository';
import { assertDeclineBasis } from './decline-basis';
import { assertHandlerInUnit } from './handler';
import { createIntake, type IntakeDeps } from './intake.service';
import { detailOf } from './petition.read';
import { type LoadedPetition, loadPetition } from './petition.repository';
import { actorOf, claimAttachments, refused, resolveParams, versionConflict } from './petition.support';
import { assertRecusalWithinUnit } from './recusal';
import { assertReferralLeader } from './referral';
import { linkRepeats, samePersonIds, unlink } from './repeats';
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
   * 重复信访 is the same person on the same matter: a link by hand joins two petitions of one
   * petitioner, as repeats.ts finds them (a desk registration and the account that proved its
   * phone are one person), whichever of the two is linked from. Two people who each proved who
   * they are by signing in are two people. A person registered at a desk proved nothing: staff
   * who know them may say a registration is theirs (a letter written with a relative's phone),
   * and the 重信重访 register follows that link.
   */
  async function samePerson(trx: Db, a: string, b: string): Promise<boolean> {
    if ((await samePersonIds(trx, a)).includes(b) || (await samePersonIds(trx, b)).includes(a)) return true;
    const signedIn = async (id: string) => {
      const person = await findPetitionerBy(trx, { id });
      return person?.phone_hash != null || person?.wechat_openid != null;
    };
    return !((await signedIn(a)) && (await signedIn(b)));
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
    const self = await db.transaction().execute(async (trx) => {
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
      if (linked && !(await samePerson(trx, self.row.petitioner_id, other.row.petitioner_id)))
        throw new AppError('VALIDATION_FAILED', '只能关联同一信访人的信访事项', [
          { path: '/body/petitionId', message: 'is another petitioner’s petition' },
        ]);
      if (linked) {
        const similarity = textSimilarity(
          `${self.row.title}\n${self.row.content}`,
          `${other.row.title}\n${other.row.content}`,
        );
        await linkRepeats(trx, id, [{ petitionId: otherId, similarity }], 'staff', staff.id, context.now);
      } else {
        await unlink(trx, id, otherId);
      }
      for (const p of [self.petition, other.petition]) await countPetition(trx, p, calendar);
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
      return self;
    });
    return detailOf(db, pii, staff, self, context.now, calendar);
  }

  return { ...createIntake(deps), act, actOnce, apply, setLink };
}

import type { Calendar } from '@xinfang/shared/clocks';
import { decide, type RuleId, refuse } from '@xinfang/shared/lifecycle';
import type { HeldPetitions } from '@xinfang/shared/schemas/admin';
import type { HandOverBody, HandOverPlan, HandOverResult } from '@xinfang/shared/schemas/hand-over';
import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { RequestContext } from '../../http/request-context';
import type { PiiCipher } from '../../security/pii';
import type { Notifier } from '../notifications/notifier';
import { assertHandlerInUnit, HANDLER_ROLES } from '../petitions/handler';
import { type LoadedPetition, loadPetitions } from '../petitions/petition.repository';
import { actorOf, refused } from '../petitions/petition.support';
import type { WritePath } from '../petitions/write-path';
import { findActiveStaffOfUnits, getStaff, openPetitionsHandledBy } from '../staff/staff.repository';
import { assertCaseWorkerOf } from './case-worker';
import {
  blockedWhy,
  type CaseRefusal,
  caseRefusals,
  handOverRefusal,
  planVersion,
  setHandler,
} from './hand-over.plan';

type Db = Kysely<DB> | Transaction<DB>;

export interface HandOverDeps {
  db: Kysely<DB>;
  pii: PiiCipher;
  calendar: Calendar;
  writer: WritePath;
  notifier: Pick<Notifier, 'notify'>;
}

const held = (cases: readonly LoadedPetition[]): HeldPetitions => ({
  total: cases.length,
  petitions: cases.map(({ row }) => ({ number: row.number, state: row.state })),
});

/**
 * 一键移交 (Art 24): a unit head hands every open case a 承办人 answers for to one successor, in
 * one transaction, each through the one write path as the lifecycle's change of 承办人 with the
 * hand-over named in its audit entry. Any case refused refuses them all, with the numbers.
 */
export function createHandOverService(deps: HandOverDeps) {
  const { db, pii, calendar, writer, notifier } = deps;

  async function mustFind(dbOrTrx: Db, id: string) {
    const account = await getStaff(dbOrTrx, id);
    if (!account) throw new AppError('NOT_FOUND', '没有找到这个工作人员');
    return account;
  }

  /** The open cases he answers for, oldest first, as the lifecycle knows them. */
  async function casesOf(dbOrTrx: Db, staffId: string): Promise<LoadedPetition[]> {
    const ids = (await openPetitionsHandledBy(dbOrTrx, staffId)).map((p) => p.id);
    const loaded = new Map((await loadPetitions(dbOrTrx, ids)).map((l) => [l.petition.id, l]));
    return ids.flatMap((id) => {
      const found = loaded.get(id);
      return found && found.petition.handlerId === staffId ? [found] : [];
    });
  }

  const asHeld = (cases: readonly LoadedPetition[]) =>
    cases.map(({ row, petition }) => ({ number: row.number, petition }));

  /** His cases split: those a unit head may hand on now, and those he may not, with why. */
  function split(cases: readonly LoadedPetition[]) {
    const moving: LoadedPetition[] = [];
    const blocked: HandOverPlan['blocked'] = [];
    for (const c of cases) {
      const why = blockedWhy(c.petition.state);
      if (why === null) moving.push(c);
      else blocked.push({ number: c.row.number, state: c.row.state, why });
    }
    return { moving, blocked, version: planVersion(cases.map((c) => c.petition)) };
  }

  /** What a hand-over would move, and who may lawfully take all of it from this unit head. */
  async function plan(context: RequestContext, head: StaffPrincipal, id: string): Promise<HandOverPlan> {
    const account = await mustFind(db, id);
    const { moving, blocked, version } = split(await casesOf(db, id));
    const now = context.now.toISOString();
    const units = [...new Set(moving.map((c) => c.petition.units.handling?.id ?? account.unit.id))];
    const candidates =
      moving.length === 0
        ? []
        : (await findActiveStaffOfUnits(db, units))
            .filter((s) => s.id !== id && s.roles.some((r) => HANDLER_ROLES.includes(r)))
            // One successor takes every case: he must be a case worker of each one's handling unit.
            .filter((s) => moving.every((c) => c.petition.units.handling?.id === s.unit.id))
            .filter(
              (s) =>
                caseRefusals(
                  asHeld(moving),
                  { successorId: s.id, reason: '移交' },
                  actorOf(head),
                  now,
                  calendar,
                ).length === 0,
            )
            .sort((a, b) => a.displayName.localeCompare(b.displayName, 'zh-CN'));
    return {
      person: { id: account.id, displayName: account.displayName, unit: account.unit },
      cases: held(moving),
      blocked,
      successors: candidates.map((s) => ({ id: s.id, displayName: s.displayName })),
      planVersion: version,
    };
  }

  /** The cases the server's own check refuses (the successor no case worker of the unit, Art 24). */
  async function outsideUnit(
    trx: Transaction<DB>,
    cases: readonly LoadedPetition[],
    body: HandOverBody,
  ): Promise<CaseRefusal[]> {
    const refusals: CaseRefusal[] = [];
    for (const { row, petition } of cases) {
      try {
        await assertHandlerInUnit(trx, petition, setHandler(body.successorId, body.reason));
      } catch (error) {
        const rule = error instanceof AppError && (error.details as { rule?: RuleId } | undefined)?.rule;
        if (!rule) throw error;
        refusals.push({ number: row.number, refusal: refuse(rule, { param: 'staffId' }) });
      }
    }
    return refusals;
  }

  /**
   * One case, as `petitions.apply` writes an action: the lifecycle decides, the write path saves
   * it under the optimistic lock; the audit entry names the hand-over and whose cases it moved.
   */
  async function moveOne(
    trx: Transaction<DB>,
    before: LoadedPetition,
    head: StaffPrincipal,
    change: HandOverBody & { from: string },
    context: RequestContext,
  ): Promise<void> {
    const action = setHandler(change.successorId, change.reason);
    const decision = decide(before.petition, action, actorOf(head), context.now.toISOString(), calendar);
    if (!decision.ok) throw refused(decision.refusal);
    const written = await writer.write(trx, {
      before,
      after: decision.petition,
      events: decision.events,
      audit: {
        actor: context.actor,
        action: 'petition.hand_over',
        details: { fromStaffId: change.from, toStaffId: change.successorId, reason: change.reason },
      },
      now: context.now,
    });
    if (!written)
      throw new AppError('VERSION_CONFLICT', '其中有信访事项刚刚有了变化，全部未移交，请再移交一次');
  }

  async function handOver(
    context: RequestContext,
    head: StaffPrincipal,
    id: string,
    body: HandOverBody,
    idem: IdempotencyRequest,
  ) {
    const now = context.now;
    return once(
      db,
      pii,
      idem,
      now,
      async () => {
        const account = await mustFind(db, id);
        const successor = await getStaff(db, body.successorId);
        if (!successor)
          throw new AppError('VALIDATION_FAILED', '所选的接手人员不存在', [
            { path: '/body/successorId', message: 'is no staff account' },
          ]);
        return { account, successor };
      },
      async (trx, { account, successor }) => {
        const { moving: cases, version } = split(await casesOf(trx, id));
        // Bound to the plan the head read: a case assigned, gone or changed since is his to see.
        if (version !== body.planVersion)
          throw new AppError('VERSION_CONFLICT', '又有新的变化，请再看一下', { planVersion: version });
        // Nothing to move: no hand-over to record, and no successor to name (the page, reloading
        // the plan on this code, shows that there is nothing to hand over).
        if (cases.length === 0)
          throw new AppError('VERSION_CONFLICT', '他没有需要移交的事项', { planVersion: version });
        const refusals = [
          ...caseRefusals(asHeld(cases), body, actorOf(head), now.toISOString(), calendar),
          ...(await outsideUnit(trx, cases, body)),
        ];
        if (refusals.length > 0) throw refused(handOverRefusal(refusals));
        await assertCaseWorkerOf(trx, account.unit.id, successor.id);
        for (const before of cases) await moveOne(trx, before, head, { from: id, ...body }, context);
        await notifier.notify(
          trx,
          cases.map(({ row, petition }) => ({
            recipient: { type: 'staff', id },
            event: 'case_handed_over',
            facts: { number: row.number, petitionId: petition.id, at: now.toISOString(), text: body.reason },
          })),
          now,
        );
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'staff.hand_over',
            outcome: 'success',
            target: { type: 'staff', id },
            details: { successorId: successor.id, cases: cases.length, reason: body.reason },
          },
          now,
        );
        const answer: HandOverResult = {
          successor: { id: successor.id, displayName: successor.displayName },
          cases: held(cases),
        };
        return { status: 200, body: answer };
      },
    );
  }

  return { plan, handOver };
}

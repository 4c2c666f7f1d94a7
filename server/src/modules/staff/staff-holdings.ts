import {
  accuses,
  holderUnit,
  isWithin,
  ownedByActiveLeader,
  type Petition,
  type UnitRef,
} from '@xinfang/shared/lifecycle';
import type { HeldPetitions, StaffHoldings, StaffInUse } from '@xinfang/shared/schemas/admin';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Kysely, Transaction } from 'kysely';
import type { AuditActor } from '../../audit/audit-log';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import { AppError } from '../../errors';
import type { Notifier } from '../notifications/notifier';
import { staffAudience } from '../notifications/staff-audience';
import { findUnit } from '../org/org.repository';
import { HANDLER_ROLES } from '../petitions/handler';
import { hydrate, loadPetition } from '../petitions/petition.repository';
import type { WritePath } from '../petitions/write-path';
import {
  openPetitionsHandledBy,
  openPetitionsOwnedBy,
  otherReception,
  type StaffRow,
} from './staff.repository';

type Db = Kysely<DB> | Transaction<DB>;

/** How many cases a refusal or the account page names; the rest are counted. */
const LISTED = 20;

/** The roles a 包案领导 acts in (Art 18: the lifecycle's leaders). */
const LEADER_ROLES: readonly StaffRole[] = ['unit_head', 'responsible_leader'];

/** Why a 承办人 whose account is disabled no longer answers for the case (the petition's audit). */
const HANDLER_DISABLED_REASON = '承办人账号已停用';

interface Held {
  handling: { id: string; number: string; state: string }[];
  leading: { number: string; state: string; petition: Petition }[];
}

/** An account as its holdings depend on it: where it is, what it may do, whether in use. */
type Placement = Pick<StaffRow, 'id' | 'status' | 'roles'> & { unit: UnitRef };

/** A change to an account's placement; what is left out stays. */
interface PlacementChange {
  unit?: UnitRef;
  roles?: readonly StaffRole[];
  status?: StaffRow['status'];
}

export function placementOf(row: StaffRow): Placement {
  return { ...row, unit: { id: row.unit.id, path: pathIds(row.unit.path) } };
}

/**
 * The open cases a person answers for (承办人) and still owns (包案领导: his ownership counts while
 * he may act on the case, `hydrate`'s `inactiveStaffIds`, and in the stage he took it in: a review
 * above needs a leader of its own, who takes it without him, Art 28, 35, 36).
 */
async function heldBy(db: Db, staffId: string): Promise<Held> {
  const handling = await openPetitionsHandledBy(db, staffId);
  const leading = (await hydrate(db, await openPetitionsOwnedBy(db, staffId)))
    .filter(({ petition }) => petition.responsibleLeaderId === staffId && ownedByActiveLeader(petition))
    .map(({ row, petition }) => ({ number: row.number, state: row.state, petition }));
  return { handling, leading };
}

function listed(items: readonly { number: string; state: string }[]): HeldPetitions {
  return {
    total: items.length,
    petitions: items.slice(0, LISTED).map(({ number, state }) => ({ number, state })),
  };
}

/**
 * The petition office whose desk the change empties: the account's unit receives petitions, he
 * is its reception (接待员) now and would not be after the change, and nobody else active is.
 */
async function deskEmptiedBy(
  db: Db,
  account: Placement,
  change: PlacementChange,
): Promise<StaffHoldings['onlyReceptionOf']> {
  if (account.status !== 'active' || !account.roles.includes('reception')) return null;
  const stays =
    (change.status ?? account.status) === 'active' &&
    (change.unit?.id ?? account.unit.id) === account.unit.id &&
    (change.roles ?? account.roles).includes('reception');
  if (stays) return null;
  const unit = await findUnit(db, { id: account.unit.id });
  if (!unit || unit.retired_at || unit.receives_petitions !== 1) return null;
  if ((await otherReception(db, unit.id, account.id)).length > 0) return null;
  return { id: unit.id, code: unit.code, name: unit.name };
}

/** What the account holds now, for its page. */
export async function holdingsOf(db: Db, account: Placement): Promise<StaffHoldings> {
  const held = await heldBy(db, account.id);
  return {
    handling: listed(held.handling),
    leading: listed(held.leading),
    onlyReceptionOf: await deskEmptiedBy(db, account, { status: 'disabled' }),
  };
}

/**
 * Refuses a change that would orphan what the account holds (IN_USE, with the numbers, as a unit's
 * retirement is refused):
 * - a 承办人 is one of the handling unit's case workers (Art 24): he is not moved out of it, nor
 *   loses the roles, while he answers for an open case;
 * - a 包案领导 owns cases of his own unit's line (Art 18): he is not moved where he could no longer
 *   act on them (the case's unit outside his new subtree, or an accusation about it, Art 30), nor
 *   loses the leader's roles.
 * The unit head reassigns the 承办人's cases first (set_handler); the leader hands his 包案 back
 * himself (release_case), after which any lawful leader takes it. Disabling is never refused on
 * this ground: a person who leaves must lose access at once; his cases are released
 * (`releaseHandledCases`) and a disabled leader's case may be taken over.
 *
 * A change emptying a petition office's desk (its last active 接待员) is refused unless the
 * administrator confirms it (`leaveDeskEmpty`): new cases and their 15-day clocks (Art 22) would
 * wait on a desk nobody watches, and the administrator must know before, not after.
 */
export async function assertNothingOrphaned(
  trx: Transaction<DB>,
  account: Placement,
  change: PlacementChange,
  leaveDeskEmpty: boolean,
): Promise<void> {
  const active = (change.status ?? account.status) === 'active';
  const unit = change.unit ?? account.unit;
  const roles = change.roles ?? account.roles;
  if (active) {
    const held = await heldBy(trx, account.id);
    const keepsHandling = unit.id === account.unit.id && roles.some((r) => HANDLER_ROLES.includes(r));
    const leads = roles.some((r) => LEADER_ROLES.includes(r));
    const handling = keepsHandling ? [] : held.handling;
    const leading = held.leading.filter(
      ({ petition }) => !leads || !isWithin(holderUnit(petition), unit) || accuses(petition, unit),
    );
    if (handling.length > 0 || leading.length > 0) {
      const numbers = (items: readonly { number: string }[]) =>
        `（${items
          .slice(0, 3)
          .map((p) => p.number)
          .join('、')}${items.length > 3 ? ' 等' : ''}）`;
      const what = [
        handling.length > 0 ? `仍承办 ${handling.length} 件信访事项${numbers(handling)}` : null,
        leading.length > 0 ? `是 ${leading.length} 件信访事项的包案领导${numbers(leading)}` : null,
      ].filter((line) => line !== null);
      // The unit head hands a 承办人's cases over in one step (hand-over/, 一键移交); a 包案领导
      // hands his own back (release_case, Art 18): nobody else ends his 包案 while he is in office.
      // Under objection nobody may change the 承办人 (the sending office decides, Art 23 ¶3):
      // 一键移交 leaves such a case out, so the refusal names it and says what it waits for.
      const objected = handling.filter((p) => p.state === 'objected');
      const first = [
        handling.length > objected.length
          ? '承办的事项请先由单位负责人改派（可在工作台“本单位概况”里一键移交）'
          : null,
        objected.length > 0
          ? `其中 ${objected.length} 件${numbers(objected)}本单位提出了异议，要等信访部门处理异议后才能改派`
          : null,
        leading.length > 0 ? '包案的事项请他本人先在事项页“交出包案”' : null,
      ].filter((line) => line !== null);
      throw new AppError(
        'IN_USE',
        `该工作人员${what.join('，')}。${first.join('；')}，然后再调动或取消角色`,
        {
          reason: 'holds_cases',
          handling: listed(handling),
          leading: listed(leading),
          onlyReceptionOf: null,
        } satisfies StaffInUse,
      );
    }
  }
  const desk = leaveDeskEmpty ? null : await deskEmptiedBy(trx, account, change);
  if (desk) {
    throw new AppError(
      'IN_USE',
      `${desk.name}将没有在岗的接待员：新的信访事项无人接收，15 日的期限照常计算。确需如此，请确认后再保存`,
      {
        reason: 'last_reception',
        handling: listed([]),
        leading: listed([]),
        onlyReceptionOf: desk,
      } satisfies StaffInUse,
    );
  }
}

/**
 * A disabled 承办人 answers for nothing (Art 24): each open case he handles is released, through
 * the one write path, with the reason in the petition's audit entry; the unit head names another
 * (set_handler, no reason needed for a case without one) and is told so, case by case, in the same
 * transaction — the head of the nearest unit up when the handling unit has none, never one
 * recused from the case or in an accused unit's line (`staffAudience`, Art 28, 30).
 */
export async function releaseHandledCases(
  trx: Transaction<DB>,
  deps: { writer: WritePath; notifier: Pick<Notifier, 'notify'> },
  staffId: string,
  context: { actor: AuditActor; now: Date },
): Promise<number> {
  let released = 0;
  for (const { id } of await openPetitionsHandledBy(trx, staffId)) {
    const loaded = await loadPetition(trx, id);
    if (!loaded || loaded.petition.handlerId !== staffId) continue;
    const { petition, row } = loaded;
    const written = await deps.writer.write(trx, {
      before: loaded,
      after: { ...petition, handlerId: null, version: petition.version + 1 },
      events: [],
      audit: {
        actor: context.actor,
        action: 'petition.handler_released',
        details: { staffId, reason: HANDLER_DISABLED_REASON, version: petition.version + 1 },
      },
      now: context.now,
    });
    if (!written) throw new AppError('VERSION_CONFLICT', '他承办的信访事项刚刚有了变化，请再停用一次');
    await tellHeads(trx, deps.notifier, { petition, number: row.number }, staffId, context.now);
    released += 1;
  }
  return released;
}

/** The handling unit's head(s), told that the case waits for a new 承办人. */
async function tellHeads(
  trx: Transaction<DB>,
  notifier: Pick<Notifier, 'notify'>,
  released: { petition: Petition; number: string },
  staffId: string,
  now: Date,
): Promise<void> {
  const unitId = released.petition.units.handling?.id;
  if (!unitId) return;
  const heads = await staffAudience(trx, released.petition, [{ unitId, roles: ['unit_head'] }], [staffId]);
  await notifier.notify(
    trx,
    heads.map((id) => ({
      recipient: { type: 'staff', id },
      event: 'handler_released',
      facts: { number: released.number, petitionId: released.petition.id, at: now.toISOString() },
    })),
    now,
  );
}

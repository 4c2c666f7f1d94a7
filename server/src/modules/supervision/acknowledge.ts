import { beijingDate, type Calendar, workingDaysAfter } from '@xinfang/shared/clocks';
import type { Petition } from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { Acknowledgement } from '@xinfang/shared/schemas/supervision';
import type { Kysely, Transaction } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import { redRung } from '../../jobs/escalation-targets';
import { loadStaff, pickAudience } from '../notifications/staff-audience';
import { loadPetitions } from '../petitions/petition.repository';

type Db = Kysely<DB> | Transaction<DB>;

/**
 * 签收 (Art 38–40): a red step, or a 督办单, is acknowledged by the unit it reached, once — the
 * first of the people it was meant for signs for the unit. It is not the answer, and it moves no
 * deadline: the statute's clock and its ladder run as they did.
 */

/** What a step's 签收 is decided on. */
export interface StepForReceipt {
  id: string;
  petition_id: string;
  level: number;
  flag: string;
  unit_id: string;
  unit_path: string;
  withdrawn_at: string | null;
  acknowledged_at?: string | null;
}

/** A red step still standing awaits its 签收 until acknowledged; a yellow asks for none. */
export const stepAwaitsReceipt = (row: Pick<StepForReceipt, 'flag' | 'withdrawn_at'>): boolean =>
  row.flag === 'red' && row.withdrawn_at === null;

/**
 * Who a red step was meant for, as the escalation job told them (escalation-targets.ts): level 1,
 * recorded at the holder, the nearest head up the holder's line; a higher level, the heads and
 * supervisors of the unit it was raised to — active, not recused (Art 28), not in the accused
 * unit's line (Art 30). Only they sign: the 信访 staff below them were not told, and a clerk's
 * 签收 would hide whether the one who must act has it.
 */
const ABOVE: readonly StaffRole[] = ['unit_head', 'supervisor'];

/**
 * The ids of these steps (red, standing) that were meant for the viewer, acknowledged or not: one
 * read of petitions and staff.
 */
export async function stepsMeantFor(
  db: Db,
  viewer: StaffPrincipal,
  rows: readonly StepForReceipt[],
): Promise<Set<string>> {
  // Level 1: a head on the holder's line; above: a head or supervisor of the unit it was raised
  // to. Nobody else can be one of its people, so nothing more is read for them.
  const candidates = rows.filter(
    (r) =>
      stepAwaitsReceipt(r) &&
      (r.level <= 1
        ? viewer.roles.includes('unit_head') && pathIds(r.unit_path).includes(viewer.unit.id)
        : viewer.unit.id === r.unit_id && viewer.roles.some((role) => ABOVE.includes(role))),
  );
  const found = new Set<string>();
  if (candidates.length === 0) return found;
  const petitions = new Map(
    (await loadPetitions(db, [...new Set(candidates.map((r) => r.petition_id))])).map((l) => [
      l.petition.id,
      l.petition,
    ]),
  );
  const staff = await loadStaff(db, { unitIds: candidates.flatMap((r) => pathIds(r.unit_path)) });
  for (const row of candidates) {
    const petition = petitions.get(row.petition_id);
    if (petition && recipientsOf(row, petition, staff).includes(viewer.id)) found.add(row.id);
  }
  return found;
}

function recipientsOf(
  row: StepForReceipt,
  petition: Petition,
  staff: Awaited<ReturnType<typeof loadStaff>>,
): string[] {
  const mayTell = (unitId: string, roles: readonly StaffRole[]) =>
    pickAudience(staff, petition, [{ unitId, roles }]);
  if (row.level <= 1)
    return redRung(1, { id: row.unit_id, path: pathIds(row.unit_path) }, mayTell)?.recipients ?? [];
  return mayTell(row.unit_id, ABOVE);
}

/**
 * Acknowledges a step and the steps told with it in one message (the same level, unit and
 * moment: triage and the written notice together); the number newly acknowledged — 0 on a
 * double tap, which changes nothing.
 */
export async function acknowledgeStep(
  trx: Transaction<DB>,
  row: Pick<StepForReceipt, 'petition_id' | 'level' | 'unit_id'> & { reached_at: string },
  staffId: string,
  now: Date,
): Promise<number> {
  const result = await trx
    .updateTable('escalation')
    .set({ acknowledged_at: now.toISOString(), acknowledged_by: staffId })
    .where('petition_id', '=', row.petition_id)
    .where('level', '=', row.level)
    .where('unit_id', '=', row.unit_id)
    .where('reached_at', '=', row.reached_at)
    .where('flag', '=', 'red')
    .where('withdrawn_at', 'is', null)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The supervised unit's people who acknowledge a 督办单: those who answer it (the lifecycle's
 * `answer_supervision`: its reception, handlers and head), while it awaits the answer.
 */
const NOTICE_ROLES: readonly StaffRole[] = ['reception', 'handler', 'unit_head'];

export interface NoticeForReceipt {
  unit_id: string;
  answered_at: string | null;
  ended_at?: string | null;
  acknowledged_at?: string | null;
}

export const noticeAwaitsReceipt = (row: NoticeForReceipt): boolean =>
  row.answered_at === null && !row.ended_at;

export const acknowledgesNotice = (viewer: StaffPrincipal, row: NoticeForReceipt): boolean =>
  viewer.unit.id === row.unit_id && viewer.roles.some((role) => NOTICE_ROLES.includes(role));

/**
 * Whether the viewer's 签收 would be taken now — the gate's own two rules (`acknowledgeSupervision`),
 * on a notice not yet acknowledged: the lists' `mayAcknowledge`, so the button shows for exactly
 * those the API lets sign.
 */
export const mayAcknowledgeNotice = (viewer: StaffPrincipal, row: NoticeForReceipt): boolean =>
  !row.acknowledged_at && noticeAwaitsReceipt(row) && acknowledgesNotice(viewer, row);

/** Acknowledges a 督办单; 1 when newly acknowledged, 0 on a double tap. */
export async function acknowledgeNotice(
  trx: Transaction<DB>,
  petitionId: string,
  no: number,
  staffId: string,
  now: Date,
): Promise<number> {
  const result = await trx
    .updateTable('supervision_notice')
    .set({ acknowledged_at: now.toISOString(), acknowledged_by: staffId })
    .where('petition_id', '=', petitionId)
    .where('no', '=', no)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A row's 签收 as the lists show it: who and when, or how many working days it has waited. */
export function receiptOf(
  row: { acknowledged_at?: string | null; acknowledged_name?: string | null },
  awaits: { since: string } | null,
  calendar: Calendar,
  now: Date,
): { acknowledged: Acknowledgement | null; unacknowledgedDays: number | null } {
  if (row.acknowledged_at)
    return {
      acknowledged: { at: row.acknowledged_at, by: row.acknowledged_name ?? '（已停用的账号）' },
      unacknowledgedDays: null,
    };
  return {
    acknowledged: null,
    unacknowledgedDays: awaits
      ? workingDaysAfter(beijingDate(awaits.since), beijingDate(now.toISOString()), calendar)
      : null,
  };
}

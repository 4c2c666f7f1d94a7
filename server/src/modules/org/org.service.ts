import { caseFirewall, refusalErrorBody, refuse } from '@xinfang/shared/lifecycle';
import type { AdminUnit, UnitInUse } from '@xinfang/shared/schemas/admin';
import type { OrgUnit, UnitKind } from '@xinfang/shared/schemas/identity';
import type { Kysely, Transaction } from 'kysely';
import type { Principal, StaffPrincipal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { pathIds, pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import { rebuildTallies } from '../petitions/inbox-tally.repository';
import { toOrgUnit } from './org.mapper';
import {
  accusationsHeldAgainst,
  findUnit,
  hasActiveChildren,
  insertUnit,
  listUnits,
  lockEveryUnit,
  type OrgUnitRow,
  openPetitionsHeldBy,
  subtreeOf,
  unitCommitments,
  unitLoads,
  updateUnit,
} from './org.repository';
import { parseUnitCsv, type UnitCsvLine } from './unit-csv';

export interface OrgContext {
  principal: Principal | null;
  actor: AuditActor;
  now: Date;
}

export interface UnitFields {
  name?: string;
  kind?: UnitKind;
  sortOrder?: number;
  address?: string | null;
  receptionHours?: string | null;
  phone?: string | null;
  receivesPetitions?: boolean;
  letterAddress?: string | null;
  email?: string | null;
  fax?: string | null;
  onlineAddress?: string | null;
  aliases?: string[];
}

/** The columns of the fields given (a field left out is left as it is; a blank one is cleared). */
function unitColumns(input: UnitFields): Partial<OrgUnitRow> {
  // The validator turns a JSON null into "" for a string field: both mean "not published".
  const text = (value: string | null | undefined) =>
    value === undefined ? undefined : value?.trim() || null;
  const columns: Partial<OrgUnitRow> = {
    name: input.name?.trim(),
    kind: input.kind,
    sort_order: input.sortOrder,
    receives_petitions: input.receivesPetitions === undefined ? undefined : Number(input.receivesPetitions),
    address: text(input.address),
    reception_hours: text(input.receptionHours),
    phone: text(input.phone),
    letter_address: text(input.letterAddress),
    email: text(input.email),
    fax: text(input.fax),
    online_address: text(input.onlineAddress),
    aliases: input.aliases?.join(' '),
  };
  return Object.fromEntries(Object.entries(columns).filter(([, value]) => value !== undefined));
}

/** A value an audit entry's details may hold. */
type AuditValue = string | number | boolean | null;

/** How many open petitions (or accusations) are named when a unit cannot be retired (or moved). */
const HELD_LISTED = 20;

/**
 * The deepest a unit may sit (the top unit is depth 0: sixteen levels). A unit's path names every
 * ancestor's id, 27 characters a level, in `org_unit.path` and `audit_log.unit_path`, both
 * varchar(600): 22 levels filled them, and MySQL refused the 23rd with a 500. A group's tree is
 * six or seven levels (集团 → 公司 → 矿 → 科室 → 区队 → 班组); sixteen leave room with the columns
 * not three-quarters full (433 characters).
 */
const MAX_UNIT_DEPTH = 15;
const TOO_DEEP = `单位最多 ${MAX_UNIT_DEPTH + 1} 级，不能再往下加`;

/** What the organisation service works with — no more. */
export interface OrgServiceDeps {
  db: Kysely<DB>;
}

/**
 * The organisation tree (group → company/mine → department/section → team, any depth). Units are
 * never deleted, only retired, because petitions and the audit log keep pointing at them.
 */
export function createOrgService({ db }: OrgServiceDeps) {
  async function list(): Promise<OrgUnit[]> {
    return (await listUnits(db, { includeRetired: false })).map(toOrgUnit);
  }

  async function get(id: string): Promise<OrgUnit> {
    const row = await findUnit(db, { id });
    if (!row) throw new AppError('NOT_FOUND', '没有这个单位');
    return toOrgUnit(row);
  }

  async function create(
    context: OrgContext,
    input: UnitFields & { parentId: string; code: string; name: string; kind: UnitKind },
  ): Promise<OrgUnit> {
    return db.transaction().execute(async (trx) => {
      const row = await createIn(trx, context, input);
      await audit(trx, context, 'org.create_unit', row);
      return toOrgUnit(row);
    });
  }

  async function createIn(
    trx: Transaction<DB>,
    context: OrgContext,
    input: UnitFields & { parentId: string; code: string; name: string; kind: UnitKind },
  ): Promise<OrgUnitRow> {
    const parent = await findUnit(trx, { id: input.parentId });
    if (!parent || parent.retired_at) throw new AppError('NOT_FOUND', '上级单位不存在或已撤销');
    if (parent.depth >= MAX_UNIT_DEPTH) {
      throw new AppError('VALIDATION_FAILED', TOO_DEEP, [
        { path: '/body/parentId', message: `the unit would be below depth ${MAX_UNIT_DEPTH}` },
      ]);
    }
    if (await findUnit(trx, { code: input.code }))
      throw new AppError('ALREADY_EXISTS', `单位编码 ${input.code} 已存在`);
    const at = context.now.toISOString();
    const id = newId(context.now.getTime());
    const row: OrgUnitRow = {
      id,
      parent_id: parent.id,
      path: `${parent.path}${id}/`,
      depth: parent.depth + 1,
      code: input.code,
      name: input.name.trim(),
      kind: input.kind,
      address: null,
      reception_hours: null,
      phone: null,
      sort_order: 0,
      receives_petitions: 0,
      letter_address: null,
      email: null,
      fax: null,
      online_address: null,
      aliases: '',
      ...unitColumns(input),
      retired_at: null,
      created_at: at,
      updated_at: at,
    };
    await insertUnit(trx, row);
    return row;
  }

  async function update(
    context: OrgContext,
    id: string,
    input: UnitFields & { parentId?: string; code?: string },
  ): Promise<OrgUnit> {
    // A move recounts every inbox tally (see `move`), so no change may count in one meanwhile: each
    // that does locks the units it counts under first (petition-writer.ts, `countInInboxes`). The
    // move locks every unit before it reads anything, waiting for those changes to commit and
    // holding off the next; read committed, its reads see them, not a snapshot from before.
    const moving = input.parentId !== undefined;
    const transaction = moving ? db.transaction().setIsolationLevel('read committed') : db.transaction();
    return transaction.execute(async (trx) => {
      if (moving) await lockEveryUnit(trx);
      const unit = await findUnit(trx, { id });
      if (!unit) throw new AppError('NOT_FOUND', '没有这个单位');
      if (input.parentId !== undefined && input.parentId !== unit.parent_id)
        await move(trx, context, unit, input.parentId);
      if (input.code !== undefined && input.code !== unit.code && (await findUnit(trx, { code: input.code })))
        throw new AppError('ALREADY_EXISTS', `单位编码 ${input.code} 已存在`);
      await updateUnit(trx, id, {
        ...unitColumns(input),
        ...(input.code !== undefined ? { code: input.code } : {}),
        updated_at: context.now.toISOString(),
      });
      const updated = await findUnit(trx, { id });
      if (!updated) throw new AppError('NOT_FOUND', '没有这个单位');
      const details = {
        fields: Object.keys(input).sort().join(','),
        ...(await changesOf(trx, unit, updated)),
      };
      await audit(trx, context, 'org.update_unit', updated, details);
      // Auditors read their own subtree only: the subtree a unit leaves sees the move too, from an
      // entry under the old parent (as a member of staff who moves away, staff.service.ts).
      const oldParent = unit.parent_id ? await findUnit(trx, { id: unit.parent_id }) : undefined;
      if (oldParent && !updated.path.startsWith(oldParent.path))
        await audit(trx, context, 'org.update_unit', { ...updated, path: oldParent.path }, details);
      return toOrgUnit(updated);
    });
  }

  /**
   * Re-roots a subtree under a new parent, refusing cycles (a unit cannot move below itself). The
   * caller holds every unit (`lockEveryUnit`): two moves at once cannot make a cycle either.
   */
  async function move(
    trx: Transaction<DB>,
    context: OrgContext,
    unit: OrgUnitRow,
    parentId: string,
  ): Promise<void> {
    const parent = await findUnit(trx, { id: parentId });
    if (!parent || parent.retired_at) throw new AppError('NOT_FOUND', '新的上级单位不存在或已撤销');
    assertWithinScope(context.principal, { id: parent.id, path: pathIds(parent.path) });
    if (parent.path.startsWith(unit.path)) {
      throw new AppError('VALIDATION_FAILED', '不能把单位移到它自己的下级之下', [
        { path: '/body/parentId', message: 'would create a cycle' },
      ]);
    }
    await assertNoAccusationMovesUnderAccused(trx, unit, parent);
    const newPath = `${parent.path}${unit.id}/`;
    const depthChange = parent.depth + 1 - unit.depth;
    const members = await subtreeOf(trx, unit.path);
    if (
      members.reduce((deepest, m) => Math.max(deepest, m.depth), unit.depth) + depthChange >
      MAX_UNIT_DEPTH
    ) {
      throw new AppError('VALIDATION_FAILED', `移到这里后，它的下级将超过 ${MAX_UNIT_DEPTH + 1} 级`, [
        { path: '/body/parentId', message: `the subtree would go below depth ${MAX_UNIT_DEPTH}` },
      ]);
    }
    for (const member of members) {
      await updateUnit(trx, member.id, {
        path: newPath + member.path.slice(unit.path.length),
        depth: member.depth + depthChange,
        ...(member.id === unit.id ? { parent_id: parent.id } : {}),
      });
    }
    // The inbox tallies count each petition under every ancestor of the units that see it: with the
    // ancestors changed, count them again (a move is rare; a recount is seconds at most, and holds
    // off the changes that count in the tallies until then).
    await rebuildTallies(trx);
  }

  /**
   * Art 30: an accusation is never held or handled by the accused unit or a unit below it. After
   * the move every unit of the subtree lies within the new parent, so the move is refused when the
   * subtree holds, handles or assists with an accusation that the new parent may not see
   * (`caseFirewall`: it accuses the new parent or a unit above it, the top left aside). Staff may
   * know the cases' numbers; nothing more is said of them.
   */
  async function assertNoAccusationMovesUnderAccused(
    trx: Transaction<DB>,
    unit: OrgUnitRow,
    parent: OrgUnitRow,
  ): Promise<void> {
    const firewall = caseFirewall({ kind: 'staff', unit: { id: parent.id, path: pathIds(parent.path) } });
    const held = await accusationsHeldAgainst(trx, unit.path, firewall?.concernedUnitIds ?? [], HELD_LISTED);
    if (held.total === 0) return;
    const more = held.total > held.numbers.length ? ` 等 ${held.total} 件` : '';
    const refusal = refuse('org.move_under_accused_unit', {
      param: 'parentId',
      message: `检举控告 ${held.numbers.join('、')}${more} 由该单位或其下级单位受理、办理或协办，移过去就等于交由被检举控告的单位办理；请先将这些事项交由其他单位办理`,
    });
    const body = refusalErrorBody(refusal);
    throw new AppError('LIFECYCLE_REFUSED', body.error.message, {
      ...(body.error.details as object),
      total: held.total,
      petitions: held.numbers,
    });
  }

  async function retire(context: OrgContext, id: string): Promise<OrgUnit> {
    return db.transaction().execute(async (trx) => {
      const unit = await findUnit(trx, { id });
      if (!unit) throw new AppError('NOT_FOUND', '没有这个单位');
      if (unit.parent_id === null) throw new AppError('VALIDATION_FAILED', '不能撤销最上级单位');
      if (await hasActiveChildren(trx, id))
        throw new AppError('VALIDATION_FAILED', '请先撤销或移走它的下级单位');
      // Every case must keep a unit that answers for it (Art 22): hand open cases over first. So
      // must what else is owed (回访, 督办, 协办, re-handling), and nobody may go on working in a
      // unit that is gone: list every one of them at once.
      const held = await openPetitionsHeldBy(trx, id, HELD_LISTED);
      const owed = await unitCommitments(trx, id);
      const blocking = [
        held.total > 0 ? `${held.total} 件未办结的信访事项` : null,
        owed.staff > 0 ? `${owed.staff} 名在岗工作人员` : null,
        owed.followUps > 0 ? `${owed.followUps} 项未完成的回访` : null,
        owed.supervision > 0 ? `${owed.supervision} 件未答复的督办` : null,
        owed.assistParts > 0 ? `${owed.assistParts} 项未答复的协办事项` : null,
        owed.rehandling > 0 ? `${owed.rehandling} 件待决定是否重新办理的事项` : null,
      ].filter((line) => line !== null);
      if (blocking.length > 0) {
        throw new AppError('IN_USE', `该单位仍有${blocking.join('、')}，请先移交、调离或办完后再撤销`, {
          ...held,
          ...owed,
        } satisfies UnitInUse);
      }
      const at = context.now.toISOString();
      await updateUnit(trx, id, { retired_at: unit.retired_at ?? at, updated_at: at });
      const retired = { ...unit, retired_at: unit.retired_at ?? at };
      await audit(trx, context, 'org.retire_unit', retired);
      return toOrgUnit(retired);
    });
  }

  /** Brings a retired unit back, under a parent that is itself in use. */
  async function reinstate(context: OrgContext, id: string): Promise<OrgUnit> {
    return db.transaction().execute(async (trx) => {
      const unit = await findUnit(trx, { id });
      if (!unit) throw new AppError('NOT_FOUND', '没有这个单位');
      const parent = unit.parent_id ? await findUnit(trx, { id: unit.parent_id }) : undefined;
      if (parent?.retired_at) throw new AppError('VALIDATION_FAILED', '上级单位已撤销，请先恢复上级单位');
      if (!unit.retired_at) return toOrgUnit(unit);
      await updateUnit(trx, id, { retired_at: null, updated_at: context.now.toISOString() });
      const reinstated = { ...unit, retired_at: null };
      await audit(trx, context, 'org.reinstate_unit', reinstated);
      return toOrgUnit(reinstated);
    });
  }

  /** Every unit of the administrator's subtree, retired ones too, with what each holds. */
  async function adminList(principal: StaffPrincipal): Promise<AdminUnit[]> {
    const path = pathOf(principal.unit.path);
    const loads = await unitLoads(db, path);
    return (await listUnits(db, { includeRetired: true, withinPath: path })).map((row) => ({
      ...toOrgUnit(row),
      openPetitions: loads.get(row.id)?.openPetitions ?? 0,
      activeStaff: loads.get(row.id)?.activeStaff ?? 0,
    }));
  }

  /**
   * A whole tree from CSV (`code,name,kind,parent_code,address,reception_hours,phone`; the last
   * three may be left out, and then an existing unit keeps its own). Parents may be existing units
   * or earlier lines. Existing codes are updated in place, each changed unit audited with its
   * values before and after, each new one with its creation. All or nothing: every
   * line is checked against the tree before anything is written, and every bad line is reported at
   * once. A parent outside the admin's subtree refuses the whole file.
   */
  async function importCsv(context: OrgContext, csv: string): Promise<{ created: number; updated: number }> {
    const { lines, issues } = parseUnitCsv(csv);
    return db.transaction().execute(async (trx) => {
      const problem = (line: number, message: string) => issues.push({ path: `/body/line/${line}`, message });
      const plan: { line: UnitCsvLine; existing: OrgUnitRow | undefined }[] = [];
      /** The depth of each unit an earlier line creates. */
      const createdDepths = new Map<string, number>();
      for (const line of lines) {
        const parent = await findUnit(trx, { code: line.parentCode });
        const existing = await findUnit(trx, { code: line.code });
        const parentDepth = parent?.depth ?? createdDepths.get(line.parentCode);
        if (parent) {
          assertWithinScope(context.principal, { id: parent.id, path: pathIds(parent.path) });
          if (parent.retired_at) problem(line.line, `上级单位 ${line.parentCode} 已撤销`);
        } else if (parentDepth === undefined) {
          problem(line.line, `上级单位编码 ${line.parentCode} 不存在（上级须已存在或在前面的行中）`);
        }
        if (existing && existing.parent_id !== parent?.id) {
          problem(line.line, `单位 ${line.code} 已在别处，移动单位请使用编辑功能`);
        }
        if (!existing && parentDepth !== undefined && parentDepth >= MAX_UNIT_DEPTH) {
          problem(line.line, `单位 ${line.code} 在第 ${parentDepth + 2} 级：${TOO_DEEP}`);
        }
        if (!existing) createdDepths.set(line.code, (parentDepth ?? 0) + 1);
        plan.push({ line, existing });
      }
      if (issues.length > 0) {
        issues.sort((a, b) => Number(a.path.split('/').pop()) - Number(b.path.split('/').pop()));
        throw new AppError('VALIDATION_FAILED', 'CSV 中有不符合要求的行', issues);
      }

      let created = 0;
      let updated = 0;
      for (const { line, existing } of plan) {
        // A column the file has not got leaves the field as it is (unitColumns): an import of the
        // required columns alone does not wipe the contact details a unit publishes (Art 18).
        const fields = {
          name: line.name,
          kind: line.kind,
          address: line.address,
          receptionHours: line.receptionHours,
          phone: line.phone,
        };
        if (existing) {
          await updateUnit(trx, existing.id, {
            ...unitColumns(fields),
            updated_at: context.now.toISOString(),
          });
          const after = await findUnit(trx, { id: existing.id });
          if (!after) throw new Error(`import: unit ${line.code} vanished while updating`);
          const changes = await changesOf(trx, existing, after);
          // Each changed unit's own entry, with what changed, where its subtree's auditors read it.
          if (Object.keys(changes).length > 0)
            await audit(trx, context, 'org.update_unit', after, {
              via: 'import',
              line: line.line,
              ...changes,
            });
          updated += 1;
          continue;
        }
        const parent = await findUnit(trx, { code: line.parentCode });
        if (!parent) throw new Error(`import: parent ${line.parentCode} vanished after checking`);
        const row = await createIn(trx, context, { ...fields, parentId: parent.id, code: line.code });
        await audit(trx, context, 'org.create_unit', row, { via: 'import', line: line.line });
        created += 1;
      }
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'org.import_units',
          outcome: 'success',
          details: { created, updated },
        },
        context.now,
      );
      return { created, updated };
    });
  }

  /**
   * What an update changed, for its audit entry: each field's value before and after, and for a
   * move the old and new parent by id and by name.
   */
  async function changesOf(
    trx: Transaction<DB>,
    before: OrgUnitRow,
    after: OrgUnitRow,
  ): Promise<Record<string, AuditValue>> {
    const was = toOrgUnit(before);
    const now = toOrgUnit(after);
    const changes: Record<string, AuditValue> = {};
    for (const field of Object.keys(now) as (keyof OrgUnit)[]) {
      const value = (unit: OrgUnit) => {
        const v = unit[field];
        return Array.isArray(v) ? v.join(' ') : v;
      };
      if (field === 'depth' || value(was) === value(now)) continue;
      changes[`${field}.before`] = value(was);
      changes[`${field}.after`] = value(now);
    }
    if (before.parent_id !== after.parent_id) {
      const name = async (unitId: string | null) =>
        unitId ? ((await findUnit(trx, { id: unitId }))?.name ?? null) : null;
      changes['parentName.before'] = await name(before.parent_id);
      changes['parentName.after'] = await name(after.parent_id);
    }
    return changes;
  }

  async function audit(
    trx: Transaction<DB>,
    context: OrgContext,
    action: string,
    unit: OrgUnitRow,
    details?: Record<string, AuditValue>,
  ): Promise<void> {
    await recordAudit(
      trx,
      context.actor,
      {
        action,
        outcome: 'success',
        target: { type: 'unit', id: unit.id },
        unitPath: unit.path,
        details,
      },
      context.now,
    );
  }

  return { list, get, create, update, retire, reinstate, adminList, importCsv };
}

import type {
  LineIssue,
  RosterImport,
  RosterImportReport,
  RosterPreview,
  RosterRow,
} from '@xinfang/shared/schemas/admin';
import type { Insertable, Kysely } from 'kysely';
import type { Principal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB, EmployeeRosterTable, RosterImportRowTable } from '../../db/schema';
import { pathIds, pathOf } from '../../db/subtree';
import { AppError } from '../../errors';
import { type IdempotencyRequest, once } from '../../http/idempotency';
import type { PiiCipher } from '../../security/pii';
import { findUnit, type OrgUnitRow } from '../org/org.repository';
import {
  deleteRosterEntries,
  findImport,
  findRosterEntries,
  importRows,
  insertImport,
  latestLiveImport,
  listImports,
  markUndone,
  type RosterImportRow,
  upsertRosterEntries,
} from './roster.repository';
import { readRosterCsv, retiredUnit, unknownUnit } from './roster-csv';

export interface RosterContext {
  principal: Principal | null;
  actor: AuditActor;
  now: Date;
}

/** How many changed lines a preview lists (the counts cover them all). */
const PREVIEW_ROWS = 500;
const HISTORY = 20;

interface Plan {
  rows: number;
  /** Added and changed lines, as they will be stored, and what each replaces. */
  writes: { entry: Insertable<EmployeeRosterTable>; before: Insertable<RosterImportRowTable> }[];
  changes: RosterRow[];
  unchanged: number;
  issues: LineIssue[];
}

/** What the roster service works with — no more. */
export interface RosterServiceDeps {
  db: Kysely<DB>;
  /** Hashes the roster's phones (kept only as lookup hashes); keeps an import's answer for its retries. */
  pii: PiiCipher;
}

/**
 * The employee roster (CSV: employee_number,name,phone,unit_code), which workers prove they are
 * workers against. An administrator previews what a file would change, imports it all or nothing,
 * and can undo the newest import. Phones are kept only as lookup hashes; an import remembers what
 * each line replaced (hashes too), which is what an undo puts back. Every unit a file names — and
 * every unit an employee it moves comes from — must lie in the administrator's subtree.
 */
export function createRosterService({ db, pii }: RosterServiceDeps) {
  async function plan(context: RosterContext, csv: string): Promise<Plan> {
    const { lines, issues } = readRosterCsv(csv);
    const units = new Map<string, OrgUnitRow | undefined>();
    const unitOf = async (code: string) => {
      if (!units.has(code)) units.set(code, await findUnit(db, { code }));
      return units.get(code);
    };
    const existing = new Map(
      (await findRosterEntries(db, [...new Set(lines.map((l) => l.employeeNumber))])).map((e) => [
        e.employee_number,
        e,
      ]),
    );
    const result: Plan = { rows: lines.length, writes: [], changes: [], unchanged: 0, issues };
    for (const line of lines) {
      const unit = line.unitCode ? await unitOf(line.unitCode) : undefined;
      if (line.unitCode && !unit) issues.push(unknownUnit(line.line, line.unitCode));
      if (!unit) continue;
      assertWithinScope(context.principal, { id: unit.id, path: pathIds(unit.path) });
      if (unit.retired_at) issues.push(retiredUnit(line.line, line.unitCode));
      const before = existing.get(line.employeeNumber);
      // Nobody takes another subtree's employee by naming them in a file of their own.
      if (before)
        assertWithinScope(context.principal, { id: before.unit_id, path: pathIds(before.unit_path) });
      const phoneHash = pii.lookupHash('phone', line.phone);
      const same =
        before !== undefined &&
        before.name === line.name &&
        before.phone_hash === phoneHash &&
        before.unit_id === unit.id;
      if (same) {
        result.unchanged += 1;
        continue;
      }
      result.changes.push({
        line: line.line,
        employeeNumber: line.employeeNumber,
        change: before ? 'changed' : 'added',
        name: line.name,
        unitName: unit.name,
        before: before ? { name: before.name, unitName: before.unit_name } : null,
        phoneChanged: before !== undefined && before.phone_hash !== phoneHash,
      });
      result.writes.push({
        entry: {
          employee_number: line.employeeNumber,
          name: line.name,
          phone_hash: phoneHash,
          unit_id: unit.id,
          imported_at: context.now.toISOString(),
        },
        before: {
          import_id: '',
          employee_number: line.employeeNumber,
          before_name: before?.name ?? null,
          before_phone_hash: before?.phone_hash ?? null,
          before_unit_id: before?.unit_id ?? null,
          before_imported_at: before?.imported_at ?? null,
        },
      });
    }
    issues.sort((a, b) => a.line - b.line);
    return result;
  }

  const counts = (p: Plan) => ({
    added: p.changes.filter((c) => c.change === 'added').length,
    changed: p.changes.filter((c) => c.change === 'changed').length,
    unchanged: p.unchanged,
  });

  async function preview(context: RosterContext, csv: string): Promise<RosterPreview> {
    const planned = await plan(context, csv);
    return {
      ...counts(planned),
      rows: planned.rows,
      changes: planned.changes.slice(0, PREVIEW_ROWS),
      issues: planned.issues,
    };
  }

  /** The plan of a file to import, refused unless every line is right (all or nothing). */
  async function planImport(context: RosterContext, csv: string): Promise<Plan> {
    const planned = await plan(context, csv);
    if (planned.issues.length > 0) {
      throw new AppError(
        'VALIDATION_FAILED',
        `文件中有 ${new Set(planned.issues.map((i) => i.line)).size} 行不符合要求，没有导入任何一行`,
        planned.issues.map((i) => ({ path: `/body/line/${i.line}`, message: i.message })),
      );
    }
    return planned;
  }

  /**
   * Imports a file once per Idempotency-Key: a retry is answered with the first report. A second,
   * empty import would become the newest, and only the newest can be undone.
   */
  async function importCsv(context: RosterContext, csv: string, idem: IdempotencyRequest) {
    const importId = newId(context.now.getTime());
    return once(
      db,
      pii,
      idem,
      context.now,
      () => planImport(context, csv),
      async (trx, planned) => {
        const summary = counts(planned);
        await upsertRosterEntries(
          trx,
          planned.writes.map((w) => w.entry),
        );
        await insertImport(
          trx,
          {
            id: importId,
            unit_path: scopeOf(context),
            imported_by: context.actor.actorId ?? '',
            imported_at: context.now.toISOString(),
            ...summary,
            undone_at: null,
            undone_by: null,
          },
          planned.writes.map((w) => ({ ...w.before, import_id: importId })),
        );
        await recordAudit(
          trx,
          context.actor,
          {
            action: 'roster.import',
            outcome: 'success',
            target: { type: 'roster_import', id: importId },
            details: { imported: planned.rows, ...summary },
          },
          context.now,
        );
        const report: RosterImportReport = { imported: planned.rows, importId, ...summary };
        return { status: 200, body: report };
      },
    );
  }

  async function history(context: RosterContext): Promise<RosterImport[]> {
    const latest = await latestLiveImport(db);
    return (await listImports(db, scopeOf(context), HISTORY)).map((row) => ({
      ...toImport(row, latest),
      by: row.imported_by_name,
    }));
  }

  /** Puts back what the newest import replaced, and removes whom it added. */
  async function undo(context: RosterContext, id: string): Promise<RosterImport> {
    const target = await findImport(db, id);
    if (!target) throw new AppError('NOT_FOUND', '没有这次导入');
    assertWithinScope(context.principal, {
      id: pathIds(target.unit_path).at(-1) ?? '',
      path: pathIds(target.unit_path),
    });
    return db.transaction().execute(async (trx) => {
      const latest = await latestLiveImport(trx);
      if (target.undone_at || latest?.id !== target.id) {
        throw new AppError('VALIDATION_FAILED', '只能撤销最近一次、尚未撤销的导入');
      }
      const rows = await importRows(trx, id);
      await deleteRosterEntries(
        trx,
        rows.map((r) => r.employee_number),
      );
      await upsertRosterEntries(
        trx,
        rows.flatMap((r) =>
          r.before_name !== null && r.before_phone_hash && r.before_unit_id && r.before_imported_at
            ? [
                {
                  employee_number: r.employee_number,
                  name: r.before_name,
                  phone_hash: r.before_phone_hash,
                  unit_id: r.before_unit_id,
                  imported_at: r.before_imported_at,
                },
              ]
            : [],
        ),
      );
      const at = context.now.toISOString();
      if (!(await markUndone(trx, id, context.actor.actorId ?? '', at)))
        throw new AppError('VALIDATION_FAILED', '这次导入刚刚已被撤销');
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'roster.undo_import',
          outcome: 'success',
          target: { type: 'roster_import', id },
          details: {
            restored: rows.filter((r) => r.before_name !== null).length,
            removed: rows.filter((r) => r.before_name === null).length,
          },
        },
        context.now,
      );
      return { ...toImport({ ...target, undone_at: at }, undefined), by: null };
    });
  }

  return { preview, importCsv, history, undo };
}

function scopeOf(context: RosterContext): string {
  if (context.principal?.kind !== 'staff') throw new AppError('FORBIDDEN', '仅限工作人员使用');
  return pathOf(context.principal.unit.path);
}

function toImport(row: RosterImportRow, latest: RosterImportRow | undefined): Omit<RosterImport, 'by'> {
  return {
    id: row.id,
    at: row.imported_at,
    added: row.added,
    changed: row.changed,
    unchanged: row.unchanged,
    undoneAt: row.undone_at,
    undoable: row.undone_at === null && latest?.id === row.id,
  };
}

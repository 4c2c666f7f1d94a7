import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import type { Insertable } from 'kysely';
import type { Principal } from '../../access/principal';
import { assertWithinScope } from '../../access/scope';
import { type AuditActor, recordAudit } from '../../audit/audit-log';
import type { EmployeeRosterTable } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import { AppError } from '../../errors';
import { findUnit } from '../org/org.repository';
import { upsertRosterEntries } from './roster.repository';

const MAINLAND_MOBILE = /^(?:\+?86)?1[3-9]\d{9}$/;
const MAX_LINES = 50_000;

/**
 * The employee roster (CSV: employee_number,name,phone,unit_code), imported by an admin, against
 * which workers prove they are workers. Phones are kept only as lookup hashes.
 */
export function createRosterService(app: FastifyInstance) {
  async function importCsv(
    context: { principal: Principal | null; actor: AuditActor; now: Date },
    csv: string,
  ): Promise<{ imported: number }> {
    let records: Record<string, string>[];
    try {
      records = parse(csv, { bom: true, columns: true, skip_empty_lines: true, trim: true });
    } catch (error) {
      throw new AppError('VALIDATION_FAILED', `CSV 无法解析：${(error as Error).message}`);
    }
    if (
      records.length === 0 ||
      !['employee_number', 'name', 'phone', 'unit_code'].every((c) => c in (records[0] ?? {}))
    ) {
      throw new AppError(
        'VALIDATION_FAILED',
        'CSV 需要表头 employee_number,name,phone,unit_code 和至少一行数据',
      );
    }
    if (records.length > MAX_LINES) throw new AppError('VALIDATION_FAILED', `一次最多导入 ${MAX_LINES} 行`);

    const issues: { path: string; message: string }[] = [];
    const units = new Map<string, string>();
    const at = context.now.toISOString();
    const entries: Insertable<EmployeeRosterTable>[] = [];
    for (const [index, record] of records.entries()) {
      const line = index + 2;
      const employeeNumber = record.employee_number ?? '';
      const name = record.name ?? '';
      const phone = (record.phone ?? '').replace(/[\s-]/g, '');
      const unitCode = record.unit_code ?? '';
      if (!/^[\w-]{1,32}$/.test(employeeNumber))
        issues.push({
          path: `/body/line/${line}`,
          message: 'employee_number must be 1–32 letters or digits',
        });
      if (!name || name.length > 64)
        issues.push({ path: `/body/line/${line}`, message: 'name must be 1–64 characters' });
      if (!MAINLAND_MOBILE.test(phone))
        issues.push({ path: `/body/line/${line}`, message: 'phone must be a mainland mobile number' });
      let unitId = units.get(unitCode);
      if (unitId === undefined) {
        const unit = await findUnit(app.db, { code: unitCode });
        if (unit) {
          assertWithinScope(context.principal, { id: unit.id, path: pathIds(unit.path) });
          unitId = unit.id;
          units.set(unitCode, unit.id);
        }
      }
      if (!unitId)
        issues.push({ path: `/body/line/${line}`, message: `unit_code ${unitCode} does not exist` });
      entries.push({
        employee_number: employeeNumber,
        name,
        phone_hash: app.pii.lookupHash('phone', phone),
        unit_id: unitId ?? '',
        imported_at: at,
      });
    }
    if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'CSV 中有不符合要求的行', issues);

    await app.db.transaction().execute(async (trx) => {
      await upsertRosterEntries(trx, entries);
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'roster.import',
          outcome: 'success',
          details: { imported: entries.length },
        },
        context.now,
      );
    });
    return { imported: entries.length };
  }

  return { importCsv };
}

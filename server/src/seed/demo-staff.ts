import type { FastifyInstance } from 'fastify';
import { hashPassword } from '../security/passwords';
import { insertDemoStaff } from './demo';
import { DEMO_CASE_STAFF, DEMO_STAFF_PASSWORD } from './demo-people';

/**
 * The staff only the demo cases' stories need (DEMO_CASE_STAFF), made before the cases, with the
 * demo's one password, so that the people of 一键移交 exist when the cases name them.
 */
export async function seedDemoCaseStaff(app: FastifyInstance, now: Date): Promise<void> {
  const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
  const units = new Map(
    (await app.db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  await app.db.transaction().execute(async (trx) => {
    for (const staff of DEMO_CASE_STAFF) {
      const unitId = units.get(staff.unitCode);
      if (!unitId) throw new Error(`demo staff name an unknown unit ${staff.unitCode}`);
      await insertDemoStaff(trx, app.pii, staff, unitId, passwordHash, now);
    }
  });
}

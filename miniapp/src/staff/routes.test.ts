import type { StaffCapability } from '@xinfang/shared/schemas/identity';
import { describe, expect, it } from 'vitest';
import { staffHome, staffNext, staffRoutes } from './routes';

const person = (...capabilities: StaffCapability[]) => ({ roles: [], capabilities });

describe('where a member of staff starts', () => {
  it('sends those who work cases to the inbox, an administrator to administration, an auditor to the log', () => {
    expect(staffHome(person('read_cases', 'administer'))).toBe(staffRoutes.inbox);
    expect(staffHome(person('administer', 'read_audit'))).toBe('/admin/home/index');
    expect(staffHome(person('read_audit'))).toBe('/admin/audit/index');
    expect(staffHome(null)).toBe(staffRoutes.inbox);
  });

  it('goes back where the person was going, within the workbench and administration only', () => {
    const admin = person('administer');
    expect(staffNext(encodeURIComponent('/admin/units/index'), admin)).toBe('/admin/units/index');
    expect(staffNext(encodeURIComponent('/staff/approvals/index'), admin)).toBe('/staff/approvals/index');
    expect(staffNext(encodeURIComponent(staffRoutes.password), admin)).toBe('/admin/home/index');
    expect(staffNext(encodeURIComponent('/pages/me/index'), admin)).toBe('/admin/home/index');
    expect(staffNext(undefined, null)).toBe(staffRoutes.inbox);
  });
});

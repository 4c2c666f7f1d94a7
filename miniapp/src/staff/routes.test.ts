import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { StaffCapability } from '@xinfang/shared/schemas/identity';
import { describe, expect, it } from 'vitest';
import { petitionAction, registerForVisit, staffHome, staffNext, staffRoutes } from './routes';

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

describe('the workbench’s pages', () => {
  it('are each listed in the staff subpackage of app.config.ts', () => {
    const config = readFileSync(fileURLToPath(new URL('../app.config.ts', import.meta.url)), 'utf8');
    const pages = Object.values(staffRoutes).map((route) =>
      (typeof route === 'function' ? route('x') : route).replace(/^\/staff\//, '').replace(/\?.*$/, ''),
    );
    for (const page of pages) expect(config).toContain(`'${page}'`);
  });

  it('open a held 下访’s registration and a case with one action’s form, the ids escaped', () => {
    expect(registerForVisit('v/1')).toBe('/staff/register/index?visitId=v%2F1');
    expect(petitionAction('p&1', 'take_case')).toBe('/staff/petition/index?id=p%261&action=take_case');
    expect(staffRoutes.person('a b')).toBe('/staff/person/index?id=a%20b');
  });
});

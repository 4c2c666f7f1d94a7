import type { AuditPage } from '@xinfang/shared/schemas/audit';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * Units and names as administrators change them (audit 32): an import of the required columns
 * alone leaves the contact details a unit publishes (Art 18), and each unit it creates or changes
 * has its own audit entry with the values before and after (D2); a blank name is no name (D5); a
 * unit moved out of a mine is still seen moving by that mine's auditors (D8).
 */
describe('unit changes, kept and audited', () => {
  let kit: PetitionKit;
  const unit = async (code: string) =>
    ((await kit.http(null, 'GET', '/api/org/units')).json() as OrgUnit[]).find((u) => u.code === code);
  const importCsv = (csv: string) =>
    kit.http('admin', 'POST', '/api/org/units/import', csv, { 'content-type': 'text/csv' });

  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit?.close());

  it('imports the required columns alone without wiping what a unit publishes, each unit audited', async () => {
    const before = await unit('JA-DS');
    expect(before?.address).toBeTruthy();
    const imported = await importCsv(
      [
        'code,name,kind,parent_code',
        'JA-DS,东山煤矿（本部）,mine,JA',
        'JA-DS-NEW,新设科室,department,JA-DS',
      ].join('\n'),
    );
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ created: 1, updated: 1 });
    expect(await unit('JA-DS')).toEqual({ ...before, name: '东山煤矿（本部）' });

    const changed = (await kit.audit(kit.unit('JA-DS'))).filter((a) => a.action === 'org.update_unit');
    expect(changed).toHaveLength(1);
    expect(JSON.parse(changed[0]?.details ?? '{}')).toEqual({
      via: 'import',
      line: 2,
      'name.before': '东山煤矿',
      'name.after': '东山煤矿（本部）',
    });
    const created = await unit('JA-DS-NEW');
    expect((await kit.audit(created?.id ?? '')).map((a) => a.action)).toEqual(['org.create_unit']);

    // A column that is there and empty does clear it.
    const cleared = await importCsv('code,name,kind,parent_code,phone\nJA-DS,东山煤矿,mine,JA,\n');
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(await unit('JA-DS')).toEqual({ ...before, phone: null });
    const last = (await kit.audit(kit.unit('JA-DS'))).at(-1);
    expect(JSON.parse(last?.details ?? '{}')).toMatchObject({
      'name.before': '东山煤矿（本部）',
      'name.after': '东山煤矿',
      'phone.before': before?.phone,
      'phone.after': null,
    });
  });

  it('refuses a blank name for a unit, an account or a category', async () => {
    const blanks = ['   ', ' \u3000 ', '\t'];
    for (const name of blanks) {
      expectError(
        await kit.http('admin', 'POST', '/api/org/units', {
          parentId: kit.unit('JA-DS'),
          code: 'JA-DS-BLANK',
          name,
          kind: 'department',
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await kit.http('admin', 'PATCH', `/api/org/units/${kit.unit('JA-DS-AQK')}`, { name }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await kit.http('admin', 'POST', '/api/staff', {
          username: 'blank.name',
          displayName: name,
          unitId: kit.unit('JA-DS'),
          roles: ['handler'],
        }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await kit.http('admin', 'PATCH', `/api/staff/${kit.staffId('ds.liaison')}`, { displayName: name }),
        400,
        'VALIDATION_FAILED',
      );
      expectError(
        await kit.http('admin', 'PUT', '/api/categories/safety', { name }),
        400,
        'VALIDATION_FAILED',
      );
    }
    expect((await unit('JA-DS-AQK'))?.name).toBe('东山煤矿安全科');
  });

  it("writes a moved unit's entry under the parent it left too, for that subtree's auditors", async () => {
    const rlk = kit.unit('JA-DS-RLK');
    const moved = await kit.http('admin', 'PATCH', `/api/org/units/${rlk}`, { parentId: kit.unit('JA-XH') });
    expect(moved.statusCode, moved.body).toBe(200);
    const seen = async (who: string) => {
      const response = await kit.http(who, 'GET', `/api/audit?targetId=${rlk}`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json() as AuditPage).items.map((e) => [e.action, e.details?.['parentName.after']]);
    };
    expect(await seen('ds.sysadmin')).toEqual([['org.update_unit', '西河煤矿']]);
    expect(await seen('admin')).toHaveLength(2);
    // Moved within the mine, one entry: its auditors see it where it now is.
    const within = await kit.http('admin', 'PATCH', `/api/org/units/${kit.unit('JA-DS-JJ')}`, {
      parentId: kit.unit('JA-DS-ZC'),
    });
    expect(within.statusCode, within.body).toBe(200);
    const entries = (await kit.audit(kit.unit('JA-DS-JJ'))).filter((a) => a.action === 'org.update_unit');
    expect(entries).toHaveLength(1);
  });
});

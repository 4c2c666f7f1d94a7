import { randomUUID } from 'node:crypto';
import type { RosterImport, RosterImportReport, RosterPreview } from '@xinfang/shared/schemas/admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The employee roster as administrators keep it (issue 17): a preview of what a file would change
 * with every bad line in Chinese, an import that is all or nothing, and an undo of the newest
 * import that puts back exactly what it replaced. A mine's administrator keeps his own mine's people.
 */
describe('the employee roster, kept by its administrators', () => {
  let kit: PetitionKit;
  const roster = async () =>
    new Map(
      (
        await kit.app.db
          .selectFrom('employee_roster')
          .select(['employee_number', 'name', 'phone_hash', 'unit_id'])
          .execute()
      ).map((r) => [r.employee_number, r]),
    );
  const csv = (...lines: string[]) => ['employee_number,name,phone,unit_code', ...lines].join('\n');
  const importFile = (who: string, file: string, key = `roster-${randomUUID()}`) =>
    kit.http(who, 'POST', '/api/roster/import', { csv: file }, { 'idempotency-key': key });

  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit?.close());

  it('previews what a file would change, and writes nothing', async () => {
    const before = await roster();
    const response = await kit.http('ds.sysadmin', 'POST', '/api/roster/preview', {
      csv: csv(
        'DS1001,张伟,13800000001,JA-DS-ZC-1', // as it is
        'DS1002,赵磊,13800000004,JA-DS-ZC-2', // moves team
        'DS1003,孙丽,13800000005,JA-DS-AQK', // new
      ),
    });
    expect(response.statusCode, response.body).toBe(200);
    const preview = response.json() as RosterPreview;
    expect(preview).toMatchObject({ rows: 3, added: 1, changed: 1, unchanged: 1, issues: [] });
    expect(preview.changes).toEqual([
      {
        line: 3,
        employeeNumber: 'DS1002',
        change: 'changed',
        name: '赵磊',
        unitName: '综采二队',
        before: { name: '赵磊', unitName: '掘进一队' },
        phoneChanged: false,
      },
      {
        line: 4,
        employeeNumber: 'DS1003',
        change: 'added',
        name: '孙丽',
        unitName: '东山煤矿安全科',
        before: null,
        phoneChanged: false,
      },
    ]);
    // No phone in the answer, whole or masked.
    expect(response.body).not.toMatch(/1380000000[145]|138\*{4}/);
    expect(await roster()).toEqual(before);
  });

  it('names every bad line in Chinese, in the Chinese headers too, and imports none of them', async () => {
    const before = await roster();
    const file = [
      '工号,姓名,手机号,单位编码',
      'DS2001,正常的人,13744440001,JA-DS-ZC-1',
      'DS 2002,空格工号,13744440002,JA-DS-ZC-1',
      'DS2003,,13744440003,JA-DS-ZC-1',
      'DS2004,错号码,12345,JA-DS-ZC-1',
      'DS2005,没单位,13744440005,NO-SUCH-UNIT',
      'DS2001,重复的人,13744440006,JA-DS-ZC-1',
      // One employee, whatever the case it is written in.
      'ds2001,大小写不同,13744440007,JA-DS-ZC-1',
    ].join('\n');
    const preview = (
      await kit.http('ds.sysadmin', 'POST', '/api/roster/preview', { csv: file })
    ).json() as RosterPreview;
    expect(preview.issues).toEqual([
      { line: 3, message: '第 3 行：工号须为 1–32 位字母、数字、- 或 _' },
      { line: 4, message: '第 4 行：姓名不能为空，最多 64 个字' },
      { line: 5, message: '第 5 行：手机号不是有效的大陆手机号' },
      { line: 6, message: '第 6 行：单位编码 NO-SUCH-UNIT 不存在' },
      { line: 7, message: '第 7 行：工号 DS2001 与第 2 行重复' },
      { line: 8, message: '第 8 行：工号 ds2001 与第 2 行重复' },
    ]);
    const refused = await importFile('ds.sysadmin', file);
    const error = expectError(refused, 400, 'VALIDATION_FAILED');
    expect(error.message).toBe('文件中有 6 行不符合要求，没有导入任何一行');
    expect(error.details).toContainEqual({
      path: '/body/line/5',
      message: '第 5 行：手机号不是有效的大陆手机号',
    });
    expect(await roster()).toEqual(before);
    expectError(
      await kit.http('ds.sysadmin', 'POST', '/api/roster/preview', { csv: 'a,b\n1,2' }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('imports, then undoes the newest import: changes put back, additions removed', async () => {
    const before = await roster();
    const file = csv('DS1002,赵磊,13800000044,JA-DS-ZC-2', 'DS1003,孙丽,13800000005,JA-DS-AQK');
    const first = await importFile('ds.sysadmin', file, 'roster-import-0001');
    expect(first.json(), first.body).toMatchObject({ imported: 2, added: 1, changed: 1, unchanged: 0 });
    const { importId } = first.json() as RosterImportReport;
    // A retry after a lost answer is the first report again: no second, empty import becomes the
    // newest, so the real one can still be undone.
    const again = await importFile('ds.sysadmin', file, 'roster-import-0001');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect(await kit.app.db.selectFrom('roster_import').select('id').execute()).toEqual([{ id: importId }]);
    expectError(
      await kit.http('ds.sysadmin', 'POST', '/api/roster/import', { csv: file }),
      428,
      'IDEMPOTENCY_KEY_REQUIRED',
    );
    const imported = await roster();
    expect(imported.get('DS1002')?.unit_id).toBe(kit.unit('JA-DS-ZC-2'));
    expect(imported.get('DS1002')?.phone_hash).toBe(kit.app.pii.lookupHash('phone', '13800000044'));
    expect(imported.has('DS1003')).toBe(true);

    const history = (await kit.http('ds.sysadmin', 'GET', '/api/roster/imports')).json() as RosterImport[];
    expect(history[0]).toMatchObject({
      id: importId,
      added: 1,
      changed: 1,
      undoable: true,
      by: expect.stringContaining('高远'),
    });

    const undone = await kit.http('ds.sysadmin', 'POST', `/api/roster/imports/${importId}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json()).toMatchObject({ id: importId, undoable: false, undoneAt: expect.any(String) });
    expect(await roster()).toEqual(before);
    // Once only.
    expectError(
      await kit.http('ds.sysadmin', 'POST', `/api/roster/imports/${importId}/undo`),
      400,
      'VALIDATION_FAILED',
    );
    expect((await kit.audit(importId)).map((a) => a.action)).toEqual(['roster.import', 'roster.undo_import']);
  });

  it('takes ds1002 for DS1002 and full-width digits for digits, on both databases', async () => {
    const before = await roster();
    // HR's export in lower case, and a number typed on a phone's full-width keyboard.
    const file = csv('ds1002,赵磊,13800000004,JA-DS-ZC-2', 'ｄｓ１００９,周强,13744440201,JA-DS-AQK');
    const preview = (
      await kit.http('ds.sysadmin', 'POST', '/api/roster/preview', { csv: file })
    ).json() as RosterPreview;
    expect(preview).toMatchObject({ added: 1, changed: 1, issues: [] });
    expect(preview.changes.map((c) => [c.employeeNumber, c.change])).toEqual([
      ['DS1002', 'changed'],
      ['DS1009', 'added'],
    ]);
    const imported = await importFile('ds.sysadmin', file);
    expect(imported.json(), imported.body).toMatchObject({ added: 1, changed: 1 });
    const after = await roster();
    expect(after.get('DS1002')?.unit_id).toBe(kit.unit('JA-DS-ZC-2'));
    expect([...after.keys()].filter((n) => /^ds100[29]$/i.test(n)).sort()).toEqual(['DS1002', 'DS1009']);
    // Undone, DS1002 is back as it was: before, MySQL's undo deleted him as someone the file added.
    const { importId } = imported.json() as RosterImportReport;
    expect((await kit.http('ds.sysadmin', 'POST', `/api/roster/imports/${importId}/undo`)).statusCode).toBe(
      200,
    );
    expect(await roster()).toEqual(before);
  });

  it('undoes only the newest import, and a mine cannot undo the group’s nor take another mine’s people', async () => {
    const older = (
      await importFile('ds.sysadmin', csv('DS3001,钱多多,13744440101,JA-DS-ZC-1'))
    ).json() as RosterImportReport;
    const group = (
      await importFile('admin', csv('DS3002,孙小小,13744440102,JA-DS-JJ-1'))
    ).json() as RosterImportReport;
    expectError(
      await kit.http('admin', 'POST', `/api/roster/imports/${older.importId}/undo`),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await kit.http('ds.sysadmin', 'POST', `/api/roster/imports/${group.importId}/undo`),
      403,
      'FORBIDDEN',
    );
    const mineHistory = (
      await kit.http('ds.sysadmin', 'GET', '/api/roster/imports')
    ).json() as RosterImport[];
    expect(mineHistory.map((i) => i.id)).not.toContain(group.importId);
    expect(mineHistory.find((i) => i.id === older.importId)?.undoable).toBe(false);
    expect((await kit.http('admin', 'POST', `/api/roster/imports/${group.importId}/undo`)).statusCode).toBe(
      200,
    );
    // Now the mine's own is the newest again.
    expect(
      (await kit.http('ds.sysadmin', 'POST', `/api/roster/imports/${older.importId}/undo`)).statusCode,
    ).toBe(200);

    // 李娜 works at 西河: 东山's administrator cannot move her into his mine by naming her.
    const before = await roster();
    expectError(
      await kit.http('ds.sysadmin', 'POST', '/api/roster/preview', {
        csv: csv('XH2001,李娜,13800000002,JA-DS-ZC-1'),
      }),
      403,
      'FORBIDDEN',
    );
    expectError(await importFile('ds.sysadmin', csv('XH2001,李娜,13800000002,JA-DS-ZC-1')), 403, 'FORBIDDEN');
    expect(await roster()).toEqual(before);
  });
});

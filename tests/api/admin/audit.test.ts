import type { AuditPage } from '@xinfang/shared/schemas/audit';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The audit log as auditors read it (issue 17): names instead of ids, personal data masked,
 * reading it audited, and an export that says exactly what the screen says — read back here.
 * Accusers stay withheld in the export as on the screen (the firewall suite tries every route,
 * the export included: tests/api/identity/authorization-matrix/).
 */
describe('the audit log, read and exported', () => {
  let kit: PetitionKit;
  const page = async (who: string, query: string) => {
    const response = await kit.http(who, 'GET', `/api/audit?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as AuditPage;
  };

  beforeAll(async () => {
    kit = await PetitionKit.start();
    await kit.submit('13800000001');
    await kit.http(null, 'POST', '/api/auth/staff/login', { username: 'ds.handler', password: 'wrong' });
  });
  afterAll(() => kit?.close());

  it('names the people, masks personal data, and audits the reading', async () => {
    const { items } = await page('supervisor', 'limit=200');
    const login = items.find((e) => e.action === 'auth.staff_login' && e.outcome === 'failure');
    // A wrong password is not its holder's doing: whoever sent it is the actor, the account the target.
    expect(login).toMatchObject({
      actorType: 'anonymous',
      actorName: null,
      targetId: kit.staffId('ds.handler'),
      ip: '127.0.0.*',
    });
    const submitted = items.find((e) => e.action === 'petition.submit');
    expect(submitted?.actorName).toBe('张*');
    expect(JSON.stringify(items)).not.toMatch(/127\.0\.0\.1|张伟/);

    const before = await kit.app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'audit.read')
      .execute();
    await page('supervisor', `action=auth.&actorId=${kit.staffId('ds.handler')}`);
    const cursor = (await page('supervisor', 'limit=1')).nextCursor ?? '';
    await page('supervisor', `limit=1&cursor=${encodeURIComponent(cursor)}`);
    const reads = await kit.app.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details', 'outcome'])
      .where('action', '=', 'audit.read')
      .orderBy('at')
      .execute();
    // Two more searches, each once (the next page of the second is the same reading).
    expect(reads.length - before.length).toBe(2);
    expect(reads.at(-2)).toEqual({
      actor_id: kit.staffId('supervisor'),
      outcome: 'success',
      details: JSON.stringify({ action: 'auth.', byActor: true }),
    });
  });

  it('withholds whoever accused the group in every entry of theirs, not only the accusation’s', async () => {
    // Art 30: the group's auditors may not learn who accused the group. A sign-in and a profile
    // edit minutes before the accusation would name the accuser by their time alone.
    const ACCUSER = '13800000077';
    await kit.submit(ACCUSER, { kind: 'accusation', concernedUnitId: kit.unit('JA'), categoryCode: 'other' });
    const accuser = await kit.petitionerId(ACCUSER);
    for (const who of ['supervisor', 'admin']) {
      const { items } = await page(who, 'limit=200');
      const theirs = items.filter((e) => e.actorType === 'petitioner' && e.actorId === null);
      expect(theirs.map((e) => e.action)).toEqual(expect.arrayContaining(['petition.submit']));
      expect(theirs.length, who).toBeGreaterThan(1);
      expect(JSON.stringify(items)).not.toContain(accuser);
      expect((await page(who, `actorId=${accuser}`)).items).toEqual([]);
    }
    // 张伟, who accused nobody, is still named to them.
    expect((await page('supervisor', 'limit=200')).items.some((e) => e.actorName === '张*')).toBe(true);
  });

  it('exports what a search finds as CSV, read back here, and audits the export', async () => {
    const query = 'action=auth.staff_login';
    const screen = (await page('supervisor', `${query}&limit=200`)).items;
    const response = await kit.http('supervisor', 'GET', `/api/audit/export?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{8}\.csv"$/);
    expect(response.body.startsWith('\uFEFF')).toBe(true);
    const rows = parse(response.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.操作人编号)).toEqual(screen.map((e) => e.actorId ?? ''));
    expect(rows[0]).toMatchObject({
      操作: '工作人员登录',
      操作代码: 'auth.staff_login',
      'IP（已遮蔽）': '127.0.0.*',
    });
    expect(rows.find((r) => r.结果 === '失败')).toMatchObject({
      操作人: '',
      操作人类别: '未登录',
      对象类别: '工作人员账号',
      对象编号: kit.staffId('ds.handler'),
    });
    expect(rows[0]?.['时间（北京时间）']).toMatch(/^2026-03-02 \d{2}:\d{2}:\d{2}$/);
    const exported = await kit.app.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'audit.export')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(exported.details ?? '{}')).toEqual({ action: 'auth.staff_login', rows: rows.length });
  });

  it('writes a cell a spreadsheet would run as text', async () => {
    await kit.app.db
      .updateTable('staff_account')
      .set({ display_name: '=HYPERLINK("http://evil.example")' })
      .where('username', '=', 'xh.head')
      .execute();
    await kit.http('xh.head', 'GET', '/api/petitions/counts');
    const response = await kit.http('admin', 'GET', '/api/audit/export?action=auth.staff_login');
    const rows = parse(response.body, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.操作人)).toContain('\'=HYPERLINK("http://evil.example")');
  });

  it('refuses an export larger than a spreadsheet should hold, and is for auditors only', async () => {
    const at = new Date(Date.now() - 3600_000).toISOString();
    const rows = Array.from({ length: 20_001 }, (_, i) => ({
      id: `01BULK${String(i).padStart(20, '0')}`,
      at,
      actor_type: 'system' as const,
      actor_id: null,
      action: 'test.bulk',
      target_type: null,
      target_id: null,
      outcome: 'success' as const,
      unit_path: null,
      ip: null,
      request_id: null,
      details: null,
      petition_id: null,
    }));
    for (let i = 0; i < rows.length; i += 500) {
      await kit.app.db
        .insertInto('audit_log')
        .values(rows.slice(i, i + 500))
        .execute();
    }
    const error = expectError(
      await kit.http('admin', 'GET', '/api/audit/export?action=test.bulk'),
      400,
      'VALIDATION_FAILED',
    );
    expect(error.message).toContain('超过 20000 条');
    expectError(await kit.http('ds.handler', 'GET', '/api/audit/export'), 403, 'FORBIDDEN');
  });
});

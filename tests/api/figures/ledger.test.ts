import { seedDemoCases } from '@xinfang/server/seed/demo-cases';
import type { Figures, LedgerFilter, LedgerPage } from '@xinfang/shared/schemas/figures';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The ledger over HTTP, on the demo organisation: each figure's ledger filter lists as many cases
 * as the figure says; exports carry exactly them, audited; an accuser stays withheld (Art 30).
 */
describe('the ledger', () => {
  let kit: PetitionKit;
  let figures: Figures;
  const query = (filter: object) =>
    new URLSearchParams(Object.entries(filter).map(([k, v]): [string, string] => [k, String(v)])).toString();

  beforeAll(async () => {
    kit = await PetitionKit.start();
    await seedDemoCases(kit.app, kit.now());
    // An accusation about the group itself, registered at the group's desk: its leaders are the accused.
    await kit.register('reception', {
      kind: 'accusation',
      concernedUnitId: kit.unit('JA'),
      headcount: 6,
      representatives: ['张伟'],
    });
    const response = await kit.http(
      'leader',
      'GET',
      `/api/figures?${query({ from: kit.beijingDate(-90), to: kit.beijingDate(0) })}`,
    );
    expect(response.statusCode, response.body).toBe(200);
    figures = response.json() as Figures;
  }, 120_000);
  afterAll(() => kit?.close());

  async function listAll(who: string, filter: LedgerFilter) {
    const items: LedgerPage['items'] = [];
    let cursor: string | null = null;
    do {
      const response = await kit.http(
        who,
        'GET',
        `/api/ledger?${query({ ...filter, limit: 3, ...(cursor ? { cursor } : {}) })}`,
      );
      expect(response.statusCode, response.body).toBe(200);
      const page = response.json() as LedgerPage;
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    return items;
  }

  it('lists as many cases as each figure counts', async () => {
    const numbers = [...figures.counts, ...figures.breakdowns.channel, ...figures.breakdowns.unit].filter(
      (f) => f.value > 0,
    );
    expect(numbers.length).toBeGreaterThan(3);
    expect(numbers.map((f) => f.ledger.figure)).toContain('collective_people');
    for (const figure of numbers) {
      const rows = await listAll('leader', figure.ledger);
      // 人次 is the people the cases brought; every other figure counts cases.
      const total =
        figure.ledger.figure === 'collective_people'
          ? rows.reduce((sum, r) => sum + (r.headcount ?? 0), 0)
          : rows.length;
      expect(total, JSON.stringify(figure.ledger)).toBe(figure.value);
    }
  });

  it('withholds the accuser from the accused unit’s leaders, and masks every name', async () => {
    const rows = await listAll('leader', {
      kind: 'accusation',
      from: kit.beijingDate(-1),
      to: kit.beijingDate(0),
    });
    expect(rows.length).toBe(1);
    expect(rows[0]).toMatchObject({ accuserWithheld: true, petitionerName: null, headcount: 6 });
    const all = await listAll('leader', { from: kit.beijingDate(-90), to: kit.beijingDate(0) });
    for (const row of all) expect(row.petitionerName ?? '').not.toMatch(/^张伟$/);
  });

  it('exports exactly what is filtered, as CSV with a BOM and as XLSX, and audits it with the filter', async () => {
    const received = figures.counts.find((c) => c.metric === 'received');
    const filter = received?.ledger as LedgerFilter;
    const csv = await kit.http('leader', 'GET', `/api/ledger/export?${query({ ...filter, format: 'csv' })}`);
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    // The sheet says what it is: whose ledger, which period, every filter, when and by whom.
    const leader = await kit.app.db
      .selectFrom('staff_account')
      .select('display_name')
      .where('username', '=', 'leader')
      .executeTakeFirstOrThrow();
    const title = [
      expect.stringMatching(/^.+信访台账$/),
      expect.stringMatching(/^单位：.+（含下级单位）$/),
      `期间：${filter.from} 至 ${filter.to}`,
      '筛选条件：统计口径：收到信访事项',
      expect.stringMatching(
        new RegExp(
          `^导出时间：\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d（北京时间）；导出人：${leader.display_name}$`,
        ),
      ),
    ];
    expect(lines.slice(0, 6)).toEqual([...title, '']);
    expect(lines[6]).toBe(
      '编号,标题,类别,渠道,事项分类,状态,收到日期,统计日期,统计单位,承办单位,人数,超期,信访人',
    );
    expect(lines.length - 7).toBe(received?.value);
    expect(csv.body).toContain('依法保密');
    // RFC 6266: the Chinese name in filename*, an ASCII one for clients that read only that.
    const name = `信访台账_${filter.from}_${filter.to}.csv`;
    expect(csv.headers['content-disposition']).toBe(
      `attachment; filename="ledger_${filter.from}_${filter.to}.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
    );

    const xlsx = await kit.http(
      'leader',
      'GET',
      `/api/ledger/export?${query({ ...filter, format: 'xlsx' })}`,
    );
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    expect([1, 2, 3, 4, 5, 6].map((r) => sheet?.getRow(r).getCell(1).value ?? '')).toEqual([...title, '']);
    expect(sheet?.getRow(7).getCell(1).value).toBe('编号');
    const last = sheet?.rowCount ?? 0;
    expect(last - 7).toBe(received?.value);
    const numbers = new Set(lines.slice(7).map((l) => l.split(',')[0]));
    for (let r = 8; r <= last; r += 1) expect(numbers).toContain(sheet?.getRow(r).getCell(1).value);

    // Written once the last row is out, with how many went out.
    const exported = () =>
      kit.app.db
        .selectFrom('audit_log')
        .select(['details', 'actor_id', 'outcome'])
        .where('action', '=', 'ledger.export')
        .execute();
    await expect.poll(async () => (await exported()).length).toBe(2);
    const audit = await exported();
    for (const entry of audit) {
      expect(entry.outcome, entry.details ?? '').toBe('success');
      expect(JSON.parse(entry.details ?? '{}').rows).toBe(received?.value);
    }
    expect(audit.map((a) => JSON.parse(a.details ?? '{}').format).sort()).toEqual(['csv', 'xlsx']);
    expect(JSON.parse(audit[0]?.details ?? '{}')).toMatchObject({
      figure: 'received',
      from: filter.from,
      to: filter.to,
    });
  });

  it('finds cases by number or by words of the title and content', async () => {
    const lights = await listAll('leader', { search: '照明灯具' });
    expect(lights.map((r) => r.title)).toEqual(['综采工作面回风巷照明灯具损坏多处']);
    const byNumber = await listAll('leader', { search: (lights[0]?.number ?? '').replace('-', '') });
    expect(byNumber.map((r) => r.id)).toEqual([lights[0]?.id]);
    expect(await listAll('leader', { search: '没有这样的事情' })).toEqual([]);
    expectError(
      await kit.http('leader', 'GET', `/api/ledger?${query({ search: '灯' })}`),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('takes and finds text outside the Basic Multilingual Plane, which the MySQL unicode collation weighs alike', async () => {
    // Rare characters of names (CJK Extension B) and emoji: every pair of them was one key.
    const submitted = await kit.submit('13800000001', { title: '姓名用字𠮷𢛆', content: '𠮷𢛆𠀀😀 请核实' });
    const found = await listAll('leader', { search: '𢛆𠀀' });
    expect(found.map((r) => r.id)).toEqual([submitted.petition.id]);
    expect(await listAll('leader', { search: '𠀀𠮷' })).toEqual([]);
  });

  it('counts 集体访 from five people: a group of three is recorded with its headcount, not counted', async () => {
    const today = { from: kit.beijingDate(0), to: kit.beijingDate(0) };
    const collective = async () => {
      const response = await kit.http('leader', 'GET', `/api/figures?${query(today)}`);
      const counts = (response.json() as Figures).counts;
      return ['collective', 'collective_people'].map((m) => counts.find((c) => c.metric === m)?.value);
    };
    const before = await collective();
    const three = (
      await kit.register('reception', {
        petitioner: { realName: '李强', phone: '13800000077' },
        headcount: 3,
        representatives: ['李强'],
      })
    ).petition.id;
    expect(await collective()).toEqual(before);
    const listed = async (filter: LedgerFilter) => (await listAll('leader', filter)).map((r) => r.id);
    expect(await listed({ ...today, collective: true })).not.toContain(three);
    expect(await listed({ ...today, figure: 'collective_people' })).not.toContain(three);
    const row = (await listAll('leader', { ...today, collective: false })).find((r) => r.id === three);
    expect(row?.headcount).toBe(3);
  });

  it('refuses petitioners, phone numbers in the URL and broken cursors', async () => {
    expectError(await kit.http('13800000001', 'GET', '/api/ledger'), 403, 'FORBIDDEN');
    expectError(await kit.http('leader', 'GET', '/api/ledger?search=13800000001'), 400, 'VALIDATION_FAILED');
    expectError(await kit.http('leader', 'GET', '/api/ledger?cursor=nonsense'), 400, 'VALIDATION_FAILED');
    expectError(await kit.http('leader', 'GET', '/api/ledger/export?format=pdf'), 400, 'VALIDATION_FAILED');
    expectError(await kit.http('leader', 'GET', '/api/ledger?figure=bogus'), 400, 'VALIDATION_FAILED');
  });
});

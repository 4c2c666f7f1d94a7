import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { call, staffToken } from './support/api';
import { current, onPage, settled, until } from './support/app';
import { shown, signInStaff } from './support/staff';

/**
 * The rest of administration in the pages, each checked against the API: 东山煤矿's own
 * administrator previews a roster file (one new employee, one moved, one bad line said in Chinese),
 * fixes it, imports it and undoes the import; the group's administrator adds a category with a hint,
 * moves it up (petitioners' list follows), retires it, previews next year's holidays day by day,
 * reads the service's health, and sends the demo's undeliverable message again.
 */
describe('administration: the roster, the categories, the calendar and health', () => {
  const baseUrl = inject('baseUrl');
  const stamp = Date.now().toString(36).toUpperCase();
  const newcomer = `T${stamp}`;
  const category = `t_${stamp.toLowerCase()}`;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser({ viewport: { width: 1280, height: 900 } });
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  const text = async () => (await current(page).textContent()) ?? '';

  it("previews a mine's roster, refuses a bad line in Chinese, imports and undoes it", async () => {
    // The menu asks the administrator's units whether he is at the top: a mine's is not, and is not
    // offered the outbox, which the server refuses him.
    const unitsRead = page.waitForResponse((r) => r.url().includes('/api/admin/units'));
    await signInStaff(page, baseUrl, 'ds.sysadmin', '/admin/roster/index', 'admin-roster-page');
    await unitsRead;
    await shown(page, 'admin-nav-categories').waitFor();
    expect(await current(page).getByTestId('admin-nav-outbox').count()).toBe(0);
    const lines = [
      '工号,姓名,手机号,单位编码',
      'DS1002,赵磊,13800000004,JA-DS-ZC-2',
      `${newcomer},钱进,13912345678,JA-DS-AQK`,
    ];
    await shown(page, 'admin-roster-csv').fill([...lines, `${newcomer}X,,139,JA-DS-AQK`].join('\n'));
    await shown(page, 'admin-roster-preview').click();
    const issues = shown(page, 'admin-roster-issues');
    await issues.waitFor();
    expect(await issues.textContent()).toMatch(/第 4 行：.*[\u4e00-\u9fff]/);
    expect(await current(page).getByTestId('admin-roster-import').count()).toBe(0);

    await shown(page, 'admin-roster-csv').fill(lines.join('\n'));
    await shown(page, 'admin-roster-preview').click();
    await until(
      'the changes listed',
      async () => (await current(page).getByTestId('admin-roster-change').count()) === 2,
    );
    expect(await text()).toContain('新增 1 人');
    expect(await text()).toContain('变更 1 人');
    await shown(page, 'admin-roster-import').click();
    await until(
      'the import done',
      async () => (await shown(page, 'admin-roster-status').textContent())?.includes('已导入 2 行') ?? false,
    );

    const sysadmin = await staffToken(baseUrl, 'ds.sysadmin');
    const imports = async () =>
      (
        await call<{ id: string; added: number; undoneAt: string | null }[]>(
          baseUrl,
          'GET',
          '/api/roster/imports',
          { token: sysadmin },
        )
      ).body;
    expect((await imports())[0]).toMatchObject({ added: 1, undoneAt: null });

    await shown(page, 'admin-roster-undo').click();
    await shown(page, 'admin-roster-undo-confirm').click();
    await until(
      'the undo done',
      async () =>
        (await shown(page, 'admin-roster-status').textContent())?.includes('已撤销上次导入') ?? false,
    );
    expect((await imports())[0]?.undoneAt).not.toBeNull();
  });

  it('adds a category with its hint, moves it up, retires it; petitioners see what is in use', async () => {
    await signInStaff(page, baseUrl, 'admin', '/admin/categories/index', 'admin-categories-page');
    await settled(page);
    await shown(page, 'admin-category-add').click();
    await shown(page, 'admin-category-code').fill(category);
    await shown(page, 'admin-category-name').fill(`职工食堂 ${stamp}`);
    await shown(page, 'admin-category-hint').fill('饭菜质量和价格的意见，也可以直接向工会反映。');
    await shown(page, 'admin-category-save').click();
    await shown(page, `admin-category-${category}`).waitFor();

    const codes = async () =>
      (await call<{ code: string; hint: string | null }[]>(baseUrl, 'GET', '/api/categories')).body.map(
        (c) => c.code,
      );
    const before = await codes();
    expect(before.at(-1)).toBe(category);
    await shown(page, `admin-category-${category}`)
      .getByRole('button', { name: `上移 职工食堂 ${stamp}` })
      .click();
    await until('the order saved', async () => (await codes()).at(-2) === category);

    await shown(page, `admin-category-toggle-${category}`).click();
    await until('retired', async () => !(await codes()).includes(category));
    await until(
      'the page to say so',
      async () =>
        (await shown(page, `admin-category-${category}`).textContent())?.includes('已停用') ?? false,
    );
  });

  it("previews next year's holidays day by day, and reads the service's health", async () => {
    await page.goto(`${baseUrl}/admin/calendar/index`);
    await onPage(page, 'admin-calendar-page');
    await settled(page);
    await shown(page, 'admin-calendar-year').fill('2027');
    await shown(page, 'admin-calendar-text').fill('春节,2027-02-05,2027-02-11\n上班,2027-02-20');
    await shown(page, 'admin-calendar-preview').click();
    const changes = shown(page, 'admin-calendar-changes');
    await changes.waitFor();
    // Without the notice 春节 2027 is the statutory 除夕 to 初三 (5–8 February): Tuesday 9 February
    // becomes a rest day; Saturday 20 February becomes a working day.
    expect(await changes.textContent()).toContain('2027年2月9日 周二：休息（春节）');
    expect(await changes.textContent()).toContain('2027年2月20日 周六：上班');

    await page.goto(`${baseUrl}/admin/health/index`);
    await onPage(page, 'admin-health-page');
    await shown(page, 'admin-health-database').waitFor();
    expect(await shown(page, 'admin-health-database').textContent()).toContain('可以连接');
    expect(await shown(page, 'admin-health-provider-sms').textContent()).toContain('开发替身');
    expect(await shown(page, 'admin-health-outbox').textContent()).toMatch(/发送失败 \d+ 条/);
    expect(await current(page).textContent()).not.toContain('无法连接');
  });

  it('sends the demo’s undeliverable message again from 通知发送', async () => {
    await page.goto(`${baseUrl}/admin/outbox/index`);
    await onPage(page, 'admin-outbox-page');
    await settled(page);
    const item = shown(page, 'admin-outbox-item');
    await item.waitFor();
    expect(await item.textContent()).toContain('演示数据');
    const before = await current(page).getByTestId('admin-outbox-item').count();
    await shown(page, 'admin-outbox-resend').click();
    await until(
      'the message back in line',
      async () => (await shown(page, 'admin-outbox-done').textContent())?.includes('已重新排队发送') ?? false,
    );
    expect(await current(page).getByTestId('admin-outbox-item').count()).toBe(before - 1);
    const admin = await staffToken(baseUrl, 'admin');
    const dead = await call<{ items: unknown[] }>(baseUrl, 'GET', '/api/admin/outbox?status=dead', {
      token: admin,
    });
    expect(dead.body.items.length).toBe(before - 1);
  });
});

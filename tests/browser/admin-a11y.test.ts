import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { call, staffToken, unitIdByCode } from './support/api';
import {
  type AxeFinding,
  axeViolations,
  current,
  onPage,
  screenshot,
  setLargeText,
  settled,
  smallTargets,
  styleOf,
  until,
} from './support/app';
import { shown, signInStaff, staffRoutes } from './support/staff';

/**
 * Every administration page through axe-core, in normal and in large text, in the states an
 * administrator meets them: the tree open, forms filled, a roster previewed with a bad line, next
 * year's calendar previewed, the audit log listed — and the invitation page a new member of staff
 * opens. No serious or critical violations; screenshots `admin-a11y-*`.
 */
describe('accessibility of every administration page (axe-core, normal and large text)', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let handlerId: string;
  let unitId: string;
  const findings = new Map<string, AxeFinding[]>();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    const admin = await staffToken(baseUrl, 'admin');
    const accounts = await call<{ id: string; username: string }[]>(
      baseUrl,
      'GET',
      '/api/staff?q=ds.handler',
      { token: admin },
    );
    handlerId = accounts.body.find((a) => a.username === 'ds.handler')?.id ?? '';
    unitId = await unitIdByCode(baseUrl, 'JA-DS');
  });
  afterAll(() => browser.close());

  async function audit(name: string, testId: string): Promise<void> {
    await onPage(page, testId);
    await settled(page);
    for (const large of [false, true]) {
      await setLargeText(page, large);
      const mode = large ? 'large' : 'normal';
      expect(await current(page).getByTestId(testId).getAttribute('data-large')).toBe(String(large));
      findings.set(`${name} (${mode})`, await axeViolations(page));
      await screenshot(page, `admin-a11y-${name}-${mode}`);
    }
    await setLargeText(page, false);
  }

  async function visit(path: string, testId: string): Promise<void> {
    await page.goto(`${baseUrl}${path}`);
    await onPage(page, testId);
    await settled(page);
  }

  it('checks the invitation page', async () => {
    await visit('/staff/invite/index', 'staff-invite-page');
    await shown(page, 'staff-invite-submit').click();
    await audit('invite', 'staff-invite-page');
  });

  it('checks the organisation and the accounts', async () => {
    await signInStaff(page, baseUrl, 'admin', '/admin/home/index', 'admin-home-page');
    // The sections' links, each unit's and each account's name: every target at least 44 px.
    expect(await smallTargets(page)).toEqual([]);
    await audit('home', 'admin-home-page');
    await visit('/admin/units/index', 'admin-units-page');
    await current(page).getByTestId('admin-unit-row').first().waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await audit('units', 'admin-units-page');
    await visit(`/admin/unit/index?id=${unitId}`, 'admin-unit-page');
    await audit('unit', 'admin-unit-page');
    await visit(`/admin/unit/index?parentId=${unitId}`, 'admin-unit-page');
    await shown(page, 'admin-unit-save').click();
    await audit('unit-new', 'admin-unit-page');
    await visit('/admin/accounts/index', 'admin-accounts-page');
    await current(page).locator('[data-testid^=admin-account-open-]').first().waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await audit('accounts', 'admin-accounts-page');
    await visit(`/admin/account/index?id=${handlerId}`, 'admin-account-page');
    // The role chips are the house chips: bordered, every one at least 44 px (audit 32, D3).
    const chip = shown(page, 'admin-account-roles-handler');
    await chip.waitFor();
    expect(await styleOf(chip, 'border-top-width')).not.toBe('0px');
    expect(await smallTargets(page)).toEqual([]);
    await shown(page, 'admin-account-disable').click();
    await audit('account', 'admin-account-page');
    await visit('/admin/account/index', 'admin-account-page');
    await shown(page, 'admin-account-roles-reception').waitFor();
    expect(await smallTargets(page)).toEqual([]);
    await shown(page, 'admin-account-save').click();
    await audit('account-new', 'admin-account-page');
  });

  it('checks the roster, the categories and the calendar', async () => {
    await visit('/admin/roster/index', 'admin-roster-page');
    await shown(page, 'admin-roster-csv').fill(
      '工号,姓名,手机号,单位编码\nA11Y001,王五,13900000001,JA-DS-AQK\nA11Y002,,139,NOPE',
    );
    await shown(page, 'admin-roster-preview').click();
    await shown(page, 'admin-roster-issues').waitFor();
    await audit('roster', 'admin-roster-page');
    // A 360 px phone in large text: the long format line wraps, nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 800 });
    await setLargeText(page, true);
    const wide = await page.evaluate<{ scrollWidth: number; clientWidth: number; stuck: string[] }>(`(() => {
      const root = document.documentElement;
      const stuck = [...document.querySelectorAll('[data-testid=admin-roster-page] *')]
        .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 0.5)
        .map((el) => String(el.className) + ' ' + Math.round(el.getBoundingClientRect().right));
      return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, stuck: stuck.slice(0, 5) };
    })()`);
    expect(wide.stuck).toEqual([]);
    expect(wide.scrollWidth).toBeLessThanOrEqual(wide.clientWidth);
    await setLargeText(page, false);
    await page.setViewportSize({ width: 390, height: 844 });
    await visit('/admin/categories/index', 'admin-categories-page');
    await shown(page, 'admin-category-add').click();
    await audit('categories', 'admin-categories-page');
    await visit('/admin/calendar/index', 'admin-calendar-page');
    await shown(page, 'admin-calendar-text').fill('元旦,2027-01-01,2027-01-03\n上班,2027-01-09');
    await shown(page, 'admin-calendar-preview').click();
    await shown(page, 'admin-calendar-result').waitFor();
    await audit('calendar', 'admin-calendar-page');
  });

  it('checks the audit log, the notifications and the health page', async () => {
    await visit('/admin/audit/index', 'admin-audit-page');
    await current(page).getByTestId('admin-audit-row').first().waitFor();
    // Actions and records in Chinese: no `register.plan`, no `staff 01M97TRR…`.
    const rows = await current(page).getByTestId('admin-audit-row').allTextContents();
    expect(rows.filter((row) => /[a-z_]+\.[a-z_]+|\b[a-z_]+ [0-9A-Z]{26}\b/.test(row))).toEqual([]);
    await audit('audit', 'admin-audit-page');
    await visit('/admin/outbox/index', 'admin-outbox-page');
    await audit('outbox', 'admin-outbox-page');
    await visit('/admin/health/index', 'admin-health-page');
    await shown(page, 'admin-health-database').waitFor();
    await audit('health', 'admin-health-page');
    await visit(staffRoutes.inbox, 'admin-home-page');
  });

  it("on a desk (1280 × 800): tables use the width, nothing overflows, an account's phone is changed", async () => {
    const phone = page.viewportSize() ?? { width: 390, height: 844 };
    await page.setViewportSize(DESK);
    const desk = new Map<string, AxeFinding[]>();
    let headerFontPx = 0;
    try {
      for (const [name, path, testId] of DESK_PAGES) {
        await visit(path, testId);
        if (name === 'audit') await current(page).getByTestId('admin-audit-row').first().waitFor();
        for (const large of [false, true]) {
          await setLargeText(page, large);
          const mode = `${name} (${large ? 'large' : 'normal'})`;
          // The switch shows its new state before the page's table may have re-rendered with it.
          if (large)
            await until(`${mode}: the table's header to grow`, async () => {
              const { table } = await deskLayout(page);
              return !table || table.headerFontPx > headerFontPx * 1.2;
            });
          const layout = await deskLayout(page);
          expect(layout.overflowing, mode).toEqual([]);
          expect(layout.scrollWidth, mode).toBeLessThanOrEqual(DESK.width);
          // The wide layout, not the phone's column.
          expect(layout.bodyWidth, mode).toBeGreaterThan(DESK.width * 0.75);
          // Fields and buttons keep a working width rather than the window's.
          expect(layout.stretched, mode).toEqual([]);
          if (layout.table) {
            expect(layout.table.width, mode).toBeGreaterThan(layout.bodyWidth * 0.9);
            expect(layout.table.headerShown, mode).toBe(true);
            // Large text grows the header row too, as it grows the rows.
            if (large) expect(layout.table.headerFontPx, mode).toBeGreaterThan(headerFontPx * 1.2);
            else headerFontPx = layout.table.headerFontPx;
          }
          desk.set(mode, await axeViolations(page));
          await screenshot(page, `admin-desk-${name}-${large ? 'large' : 'normal'}`);
        }
        await setLargeText(page, false);
      }

      // The account's phone: a new number, shown masked; then removed.
      await visit(`/admin/account/index?id=${handlerId}`, 'admin-account-page');
      await shown(page, 'admin-account-phone').fill('139 1234 0088');
      await shown(page, 'admin-account-save').click();
      await until('the masked phone', async () =>
        ((await shown(page, 'admin-account-phone-now').textContent()) ?? '').includes('139****0088'),
      );
      expect(await shown(page, 'admin-account-phone').inputValue()).toBe('');
      await shown(page, 'admin-account-phone-clear').click();
      await shown(page, 'admin-account-phone-clear-confirm').click();
      await until('no phone', async () =>
        ((await shown(page, 'admin-account-phone-now').textContent()) ?? '').includes('未填写'),
      );
    } finally {
      await page.setViewportSize(phone);
    }
    const failing = [...desk].filter(([, violations]) => violations.length > 0);
    expect(desk.size).toBe(2 * DESK_PAGES.length);
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
  });

  it('finds no serious or critical violations anywhere', () => {
    expect(findings.size).toBe(2 * 14);
    const failing = [...findings].filter(([, violations]) => violations.length > 0);
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
  });
});

const DESK = { width: 1280, height: 800 };

/** The pages checked at a desk's width: [name, address, root test id]. */
const DESK_PAGES: [string, string, string][] = [
  ['home', '/admin/home/index', 'admin-home-page'],
  ['accounts', '/admin/accounts/index', 'admin-accounts-page'],
  ['audit', '/admin/audit/index', 'admin-audit-page'],
  ['units', '/admin/units/index', 'admin-units-page'],
  ['health', '/admin/health/index', 'admin-health-page'],
];

interface DeskLayout {
  scrollWidth: number;
  bodyWidth: number;
  /** Elements sticking out of the window, or out of the page's body sideways. */
  overflowing: string[];
  /** Fields and buttons (not a pasted file's box) wider than 60% of the body. */
  stretched: string[];
  table: { width: number; headerShown: boolean; headerFontPx: number } | null;
}

/** How the shown page sits in the window: its body's width, its table's, and what sticks out. */
function deskLayout(page: Page): Promise<DeskLayout> {
  return page.evaluate<DeskLayout>(`(() => {
    const shown = [...document.querySelectorAll('.taro_page')].filter((el) => getComputedStyle(el).display !== 'none').at(-1);
    const body = shown.querySelector('.xf-page__body').getBoundingClientRect();
    const width = document.documentElement.clientWidth;
    const overflowing = [...shown.querySelectorAll('*')]
      .filter((el) => {
        const box = el.getBoundingClientRect();
        if (box.width <= 1 || box.height <= 1) return false;
        return box.right > width + 0.5 || box.left < -0.5 || el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible' && el.clientWidth > 0 && el.closest('.xf-page__body');
      })
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + '.' + String(el.className).split(' ').join('.') + ' ' + (el.textContent || '').slice(0, 30));
    const stretched = [...shown.querySelectorAll('.admin-body input, .admin-body .xf-button')]
      .filter((el) => !el.closest('.admin-source') && el.getBoundingClientRect().width > body.width * 0.6)
      .slice(0, 5)
      .map((el) => el.tagName.toLowerCase() + ' ' + (el.getAttribute('data-testid') || el.textContent || '').slice(0, 30));
    const table = shown.querySelector('.admin-table');
    const head = table && table.querySelector('.admin-table__row--head');
    return {
      scrollWidth: document.documentElement.scrollWidth,
      bodyWidth: body.width,
      overflowing,
      stretched,
      table: table ? {
        width: table.getBoundingClientRect().width,
        headerShown: !!head && head.getBoundingClientRect().height > 0,
        headerFontPx: head ? parseFloat(getComputedStyle(head.querySelector('.admin-table__cell')).fontSize) : 0,
      } : null,
    };
  })()`);
}

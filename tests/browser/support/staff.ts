import type { Locator, Page } from 'playwright-core';
import { call, STAFF_PASSWORD, staffToken, unitIdByCode } from './api';
import { current, onPage, settled, until } from './app';

/** Driving the staff workbench: its pages, signing in as one demo account after another. */

export const staffRoutes = {
  login: '/staff/login/index',
  password: '/staff/password/index',
  inbox: '/staff/inbox/index',
  register: '/staff/register/index',
  petition: (id: string) => `/staff/petition/index?id=${encodeURIComponent(id)}`,
  approvals: '/staff/approvals/index',
  overview: '/staff/overview/index',
  figures: '/staff/figures/index',
  templates: '/staff/templates/index',
  deliveries: '/staff/deliveries/index',
  supervision: '/staff/supervision/index',
  screening: '/staff/screening/index',
  documents: '/staff/documents/index',
  account: '/staff/account/index',
};

/**
 * Signs in on the staff login page as `username` (the session of whoever was signed in before is
 * replaced: one session per device), then goes to `path` and waits for the page `testId`.
 */
export async function signInStaff(
  page: Page,
  baseUrl: string,
  username: string,
  path: string,
  testId: string,
  password = STAFF_PASSWORD,
): Promise<void> {
  await page.goto(`${baseUrl}${staffRoutes.login}?next=${encodeURIComponent(path)}`);
  await onPage(page, 'staff-login-page');
  await page.getByTestId('staff-login-username').fill(username);
  await page.getByTestId('staff-login-password').fill(password);
  await page.getByTestId('staff-login-submit').click();
  await onPage(page, testId);
  await settled(page);
}

/** The element with this test id on the page on screen (Taro keeps earlier pages, hidden). */
export function shown(page: Page, testId: string): Locator {
  return current(page).getByTestId(testId).first();
}

/** Opens an action's form on the petition page, unless it is open already. */
export async function openAction(page: Page, type: string): Promise<void> {
  const toggle = shown(page, `action-${type}-open`);
  await toggle.waitFor();
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  await shown(page, `action-${type}-form`).waitFor();
}

/** Takes an action on the petition page and waits until the state shown is `state`. */
export async function submitAction(page: Page, type: string, state?: string): Promise<void> {
  const before = await stateOf(page);
  const version = await versionOf(page);
  await shown(page, `action-${type}-submit`).click();
  await until(`the action ${type} to be taken`, async () => (await versionOf(page)) > version);
  if (state) await until(`the state ${state} (was ${before})`, async () => (await stateOf(page)) === state);
}

export async function stateOf(page: Page): Promise<string | null> {
  return current(page).locator('.staff-detail').first().getAttribute('data-state');
}

export async function versionOf(page: Page): Promise<number> {
  return Number((await current(page).locator('.staff-detail').first().getAttribute('data-version')) ?? 0);
}

/** The test ids of the actions the petition page offers now. */
export async function offeredActions(page: Page): Promise<string[]> {
  const ids = await current(page)
    .locator('[data-testid$="-open"][data-testid^="action-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''));
  return ids.map((id) => id.replace(/^action-/, '').replace(/-open$/, ''));
}

let phones = 0;
/** A fresh mobile number (a three-digit prefix per test file), so that runs never meet an earlier one. */
export function freshPhone(prefix: string): string {
  phones += 1;
  return `${prefix}${String(Date.now() + phones).slice(-8)}`;
}

/** Registers a visit through the API (test set-up) and returns the petition's id and number. */
export async function registerVisit(
  baseUrl: string,
  reception: string,
  body: {
    title: string;
    content: string;
    phone: string;
    name: string;
    kind?: string;
    concernedUnitCode?: string;
  },
): Promise<{ id: string; number: string; queryCode: string }> {
  const token = await staffToken(baseUrl, reception);
  const answer = await call<{ petition: { id: string; number: string }; queryCode: string }>(
    baseUrl,
    'POST',
    '/api/petitions/register',
    {
      token,
      headers: { 'idempotency-key': `test-${Date.now()}-${Math.random().toString(36).slice(2)}` },
      body: {
        channel: 'visit',
        receivedAt: new Date(Date.now() - 60_000).toISOString(),
        kind: body.kind ?? 'request',
        concernedUnitId: await unitIdByCode(baseUrl, body.concernedUnitCode ?? 'JA-DS'),
        categoryCode: 'safety',
        title: body.title,
        content: body.content,
        petitioner: { realName: body.name, phone: body.phone },
      },
    },
  );
  if (answer.status !== 201) throw new Error(`register: ${answer.status} ${JSON.stringify(answer.body)}`);
  return {
    id: answer.body.petition.id,
    number: answer.body.petition.number,
    queryCode: answer.body.queryCode,
  };
}

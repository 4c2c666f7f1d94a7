import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../../support/paths';

/** Driving the h5 app the way a person does: taps, typing, and the SMS code from the server's log. */

export const routes = {
  home: '/pages/index/index',
  mine: '/pages/mine/index',
  me: '/pages/me/index',
  login: '/account/login/index',
  provePhone: '/account/phone/index',
  bindEmployee: '/account/employee/index',
  submit: '/petition/submit/index',
  confirm: '/petition/confirm/index',
  success: '/petition/success/index',
  detail: (id: string) => `/petition/detail/index?id=${encodeURIComponent(id)}`,
  lookup: '/public/lookup/index',
  privacy: '/public/privacy/index',
  health: '/public/health/index',
  reception: '/public/reception/index',
};

/** Polls until `check` holds (usable in hooks, where `expect.poll` is not). */
export async function until(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeout = 15_000,
  every = 100,
): Promise<void> {
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

/** `13800000001` → `138****0001`, as the development SMS sender writes it in the log. */
const masked = (phone: string) => `${phone.slice(0, 3)}****${phone.slice(-4)}`;

/** The newest one-time code the development SMS sender logged for this phone. */
export function lastOtp(logPath: string, phone: string): string | null {
  const lines = readFileSync(logPath, 'utf8').split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? '';
    if (!line.includes('[DEV SMS — not sent]') || !line.includes(masked(phone))) continue;
    const code = /: (\d{6})"/.exec(line)?.[1];
    if (code) return code;
  }
  return null;
}

/** Waits for a code newer than `previous` to appear in the log. */
export async function nextOtp(logPath: string, phone: string, previous: string | null): Promise<string> {
  let code: string | null = null;
  await until(`a new SMS code for ${phone}`, () => {
    code = lastOtp(logPath, phone);
    return code !== null && code !== previous;
  });
  return code as unknown as string;
}

/** The <input> or <textarea> of a field (its test id is an attribute of the real element). */
export function field(page: Page, testId: string): Locator {
  return page.getByTestId(testId);
}

export async function type(page: Page, testId: string, value: string): Promise<void> {
  const input = field(page, testId);
  await input.fill(value);
  await until(`${testId} to read "${value}"`, async () => (await input.inputValue()) === value);
}

export async function tap(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).first().click();
}

/** Signs in on the login page with phone and SMS code; ends wherever the app goes next. */
export async function signIn(page: Page, logPath: string, phone: string): Promise<void> {
  await onPage(page, 'login-page');
  const previous = lastOtp(logPath, phone);
  await type(page, 'otp-phone', phone);
  await tap(page, 'otp-send');
  const code = await nextOtp(logPath, phone, previous);
  await type(page, 'otp-code', code);
  await tap(page, 'login-agree');
  await tap(page, 'login-submit');
  await until('the login page to close', async () => (await page.getByTestId('login-page').count()) === 0);
}

/** The session the app keeps in localStorage (Taro wraps every value as `{ data }`). */
export async function sessionOf(
  page: Page,
): Promise<{ tokens: { accessToken: string }; me: { id: string } }> {
  const raw = await page.evaluate<string | null>("localStorage.getItem('xinfang.session')");
  if (!raw) throw new Error('not signed in');
  const outer = JSON.parse(raw) as { data: string };
  return JSON.parse(outer.data);
}

/** The page on screen: Taro keeps earlier pages of the stack in the document, hidden. */
export function current(page: Page): Locator {
  return page.locator('.taro_page:visible').last();
}

/** Waits for the page whose root carries this test id. */
export async function onPage(page: Page, testId: string, timeout = 15_000): Promise<void> {
  await until(
    `the page ${testId}`,
    async () => (await current(page).getByTestId(testId).count()) > 0,
    timeout,
  );
}

/** Waits for the loading spinners of the page to settle. */
export async function settled(page: Page): Promise<void> {
  await until('loading to finish', async () => (await page.locator('[data-testid=loading]').count()) === 0);
}

const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/** A screenshot of the whole current page (Taro scrolls inside `.taro_page`, so the window grows to fit). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  const viewport = page.viewportSize() ?? { width: 390, height: 844 };
  const height = await page.evaluate<number>(`(() => {
    const shown = [...document.querySelectorAll('.taro_page')].filter((el) => getComputedStyle(el).display !== 'none');
    return Math.max(shown.at(-1)?.scrollHeight ?? 0, document.documentElement.scrollHeight);
  })()`);
  await page.setViewportSize({
    width: viewport.width,
    height: Math.min(Math.max(height, viewport.height), 12_000),
  });
  // Taro slides pages in: wait until the shown page has come to rest.
  await until('the page to come to rest', () =>
    page.evaluate<boolean>(`(() => {
      const shown = [...document.querySelectorAll('.taro_page')].filter((el) => getComputedStyle(el).display !== 'none');
      return (shown.at(-1)?.getBoundingClientRect().left ?? 0) === 0;
    })()`),
  );
  await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
  await page.setViewportSize(viewport);
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core on the page as it is now and returns the serious and critical violations.
 * `page.evaluate` is not subject to the app's Content-Security-Policy, so axe needs no inline script.
 */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  // A toast from an earlier step is not the page's state; half faded, it fails the contrast check.
  await until('toasts to go', () =>
    page.evaluate<boolean>(
      `[...document.querySelectorAll('.taro__toast')].every((el) => getComputedStyle(el).display === 'none')`,
    ),
  );
  await page.evaluate(axeSource);
  const violations = await page.evaluate<AxeFinding[]>(`axe
    .run(document, { resultTypes: ['violations'] })
    .then((result) => result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
    })))`);
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Turns large text on or off with the header switch of the current page. */
export async function setLargeText(page: Page, on: boolean): Promise<void> {
  const toggle = current(page).getByTestId('text-size-toggle');
  if ((await toggle.getAttribute('aria-checked')) !== String(on)) await toggle.click();
  await until(
    'the large-text switch',
    async () => (await toggle.getAttribute('aria-checked')) === String(on),
  );
}

/** The smallest a tap target may be, in CSS pixels (WCAG 2.5.5, and our own rule: ≥ 44 px). */
export const MIN_TARGET_PX = 44;

/**
 * The tappable things of the page on screen shorter than MIN_TARGET_PX: buttons, links, radios,
 * switches and the text boxes — with their names, to say which.
 */
export async function smallTargets(page: Page): Promise<string[]> {
  return current(page)
    .locator('[role=button],[role=link],[role=radio],[role=switch],[role=checkbox],[role=tab],input,textarea')
    .evaluateAll(
      (elements, min) =>
        elements
          .filter((e) => e.getClientRects().length > 0)
          .filter((e) => e.getBoundingClientRect().height < (min as number))
          .map(
            (e) =>
              `${e.getAttribute('aria-label') ?? e.textContent?.trim() ?? e.tagName} (${Math.round(e.getBoundingClientRect().height)} px)`,
          ),
      MIN_TARGET_PX,
    );
}

/** The text a person can read on the page on screen (what is folded away is not there to read). */
export async function visibleText(page: Page): Promise<string> {
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point (textContent includes the hidden)
  return current(page).evaluate((root) => (root as { innerText: string }).innerText);
}

/** A computed style of an element, as the page draws it (`font-size`, `background-color`…). */
export async function styleOf(locator: Locator, property: string): Promise<string> {
  return locator.evaluate(
    (element, name) =>
      (globalThis as unknown as { getComputedStyle(e: unknown): CSSLike })
        .getComputedStyle(element)
        .getPropertyValue(name),
    property,
  );
}
interface CSSLike {
  getPropertyValue(name: string): string;
}

/**
 * axe-core on the page as it stands, in normal and in large text, each with a screenshot: the
 * serious and critical findings go into `findings` under `name (normal|large)`.
 */
export async function auditBothSizes(
  page: Page,
  findings: Map<string, AxeFinding[]>,
  name: string,
  testId: string,
): Promise<void> {
  await onPage(page, testId);
  await settled(page);
  for (const large of [false, true]) {
    await setLargeText(page, large);
    const mode = large ? 'large' : 'normal';
    findings.set(`${name} (${mode})`, await axeViolations(page));
    await screenshot(page, `${name}-${mode}`);
  }
  await setLargeText(page, false);
}

/** The test id of the element that has keyboard focus ('' for none). */
export function focusedTestId(page: Page): Promise<string> {
  return page.evaluate<string>(`document.activeElement?.getAttribute('data-testid') ?? ''`);
}

/**
 * Presses Tab `times` times (Shift+Tab when `backwards`) and collects the test ids focus visits,
 * each with whether it lies inside the element with test id `within`.
 */
export async function tabThrough(
  page: Page,
  within: string,
  times: number,
  backwards = false,
): Promise<{ testId: string; inside: boolean }[]> {
  const visited: { testId: string; inside: boolean }[] = [];
  for (let i = 0; i < times; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    visited.push(
      await page.evaluate<{ testId: string; inside: boolean }>(`(() => {
        const el = document.activeElement;
        return {
          testId: el?.getAttribute('data-testid') ?? '',
          inside: Boolean(el?.closest('[data-testid="${within}"]')),
        };
      })()`),
    );
  }
  return visited;
}

/**
 * What a field or group is described by for assistive technology: the text of each element its
 * aria-describedby names ('?' for an id that names nothing), with its aria-invalid.
 */
export function describedAs(locator: Locator): Promise<{ invalid: string | null; description: string }> {
  return locator.evaluate((element) => {
    const el = element as unknown as { getAttribute(name: string): string | null; ownerDocument: unknown };
    const doc = el.ownerDocument as { getElementById(id: string): { textContent: string | null } | null };
    const ids = (el.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
    return {
      invalid: el.getAttribute('aria-invalid'),
      description: ids.map((id) => doc.getElementById(id)?.textContent ?? '?').join(' '),
    };
  });
}

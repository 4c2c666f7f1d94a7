import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { call } from './support/api';
import { current, onPage, routes, screenshot, sessionOf, settled, signIn, until } from './support/app';
import {
  freshPhone,
  offeredActions,
  openAction,
  shown,
  signInStaff,
  staffRoutes,
  stateOf,
  submitAction,
} from './support/staff';

/**
 * Issue 7, test 1: a petition from the front desk to an issued reply, every step in the staff
 * pages by the person the lifecycle names. Reception (东山煤矿) registers a visit for a petitioner
 * who is new to the system and assigns it to 东山煤矿安全科; the section's handler accepts it and
 * asks for more time; the mine's head approves the extension; the handler drafts the decision letter
 * from the mine's template for safety matters; the head approves it and issues it. The petitioner
 * then signs in with the phone the desk wrote down, says the visit is hers, and reads the letter;
 * the number and query code handed over at the desk find the case without a sign-in.
 */
describe('a visit from registration to an issued reply, in the staff pages', () => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  const phone = freshPhone('136');
  const title = `三号井回风巷风量不足 ${Date.now().toString(36)}`;
  const template = {
    title: `通风隐患已查实 ${Date.now().toString(36)}`,
    facts: '经安全科会同通风队现场检测，三号井回风巷风量低于《煤矿安全规程》规定值，来访人反映属实。',
    decision: '责成通风队十日内完成风机检修并重新测风，整改结果书面告知来访人。',
    basis: '《中华人民共和国安全生产法》第四十一条；《煤矿安全规程》第一百三十六条',
  };
  let browser: Browser;
  let page: Page;
  let petition: { id: string; number: string; queryCode: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  it('the mine’s head keeps a decision-letter template for safety matters', async () => {
    await signInStaff(page, baseUrl, 'ds.head', staffRoutes.templates, 'staff-templates-page');
    await shown(page, 'template-create').click();
    await shown(page, 'template-title').fill(template.title);
    await shown(page, 'template-category-safety').click();
    await shown(page, 'template-kind-request').click();
    await shown(page, 'template-facts').fill(template.facts);
    await shown(page, 'template-decision').fill(template.decision);
    await shown(page, 'template-basis').fill(template.basis);
    await shown(page, 'template-save').click();
    await expect.poll(() => shown(page, 'staff-templates-status').textContent()).toContain('模板已保存');
    await expect
      .poll(() => page.getByTestId('staff-template').allTextContents())
      .toEqual(expect.arrayContaining([expect.stringContaining(template.title)]));
  });

  it('a template saved whose answer was lost is listed; the next new one is saved with its own key', async () => {
    const stamp = Date.now().toString(36);
    const listed = () => current(page).getByTestId('staff-template').allTextContents();
    const fill = async (title: string) => {
      await shown(page, 'template-title').fill(title);
      await shown(page, 'template-facts').fill('经查，来访人反映的情况属实。');
      await shown(page, 'template-decision').fill('责成有关区队限期整改。');
    };
    // The server saves it; the answer never arrives (nor those of the client's own retries).
    const create = `${baseUrl}/api/reply-templates`;
    await page.route(create, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      await route.fetch();
      await route.abort('failed');
    });
    await shown(page, 'template-create').click();
    await fill(`答复丢失的模板 ${stamp}`);
    await shown(page, 'template-save').click();
    await expect.poll(() => shown(page, 'template-error').getAttribute('data-code')).toBe('NETWORK_ERROR');
    await page.unroute(create);
    // The list is read again after the failure: the template the server kept is there.
    await expect
      .poll(listed)
      .toEqual(expect.arrayContaining([expect.stringContaining(`答复丢失的模板 ${stamp}`)]));
    // Changed and sent under the same key, the server says it may have been saved already.
    await shown(page, 'template-title').fill(`答复丢失的模板（改） ${stamp}`);
    await shown(page, 'template-save').click();
    await expect
      .poll(() => shown(page, 'template-error').getAttribute('data-code'))
      .toBe('IDEMPOTENCY_KEY_REUSED');
    // A form opened anew is a new template, with a key of its own: it is saved.
    await shown(page, 'template-cancel').click();
    await shown(page, 'template-create').click();
    await fill(`另一个模板 ${stamp}`);
    await shown(page, 'template-save').click();
    await expect.poll(() => shown(page, 'staff-templates-status').textContent()).toContain('模板已保存');
    await expect
      .poll(listed)
      .toEqual(expect.arrayContaining([expect.stringContaining(`另一个模板 ${stamp}`)]));
  });

  it('reception registers a visit for a new petitioner and hands over the number and query code', async () => {
    await signInStaff(page, baseUrl, 'ds.reception', staffRoutes.register, 'staff-register-page');
    await shown(page, 'register-lookup-phone').fill(phone);
    await shown(page, 'register-lookup').click();
    // Nobody has this phone yet: the form opens a new petitioner with it.
    await shown(page, 'register-not-found').waitFor();
    expect(await shown(page, 'register-phone').inputValue()).toBe(phone);
    await shown(page, 'register-name').fill('孙小梅');
    await shown(page, 'register-address').fill('东山矿区平安街 5 号');
    await shown(page, 'register-channel-visit').click();
    await shown(page, 'register-received-now').click();
    await shown(page, 'register-kind-request').click();
    await shown(page, 'register-category-safety').click();
    await shown(page, 'unit-suggested').click();
    await shown(page, 'register-title').fill(title);
    await shown(page, 'register-content').fill(
      '来访人反映三号井回风巷风量不足，夜班工人头晕，请求检测并整改。',
    );
    await shown(page, 'register-collective-toggle').click();
    await shown(page, 'register-headcount').fill('4');
    await shown(page, 'register-rep-0').fill('孙小梅');
    await screenshot(page, 'staff-register-filled');
    // Sent with no signal: what was sent stays on screen, read-only, with a way to correct it.
    const register = `${baseUrl}/api/petitions/register`;
    const offlineKeys: string[] = [];
    await page.route(register, (route) => {
      offlineKeys.push(route.request().headers()['idempotency-key'] ?? '');
      return route.abort('internetdisconnected');
    });
    await shown(page, 'staff-register-submit').click();
    await shown(page, 'staff-register-pending').waitFor();
    await expect
      .poll(() => shown(page, 'staff-register-pending-content').textContent())
      .toContain('夜班工人头晕');
    expect(await shown(page, 'staff-register-pending').textContent()).toContain('孙小梅');
    await shown(page, 'staff-register-correct').click();
    await shown(page, 'register-content').fill(
      '来访人反映三号井回风巷风量不足，夜班工人头晕恶心，请求检测并整改。',
    );
    await page.unroute(register);
    // Sent again, corrected, under the same key: had the first one arrived, the server would
    // refuse the changed one instead of registering the matter twice.
    const sent = page.waitForRequest((r) => r.url() === register && r.method() === 'POST');
    await shown(page, 'staff-register-submit').click();
    expect(offlineKeys.length).toBeGreaterThan(0);
    expect(new Set(offlineKeys).size).toBe(1);
    expect((await sent).headers()['idempotency-key']).toBe(offlineKeys[0]);

    await shown(page, 'staff-receipt').waitFor();
    const number = (await shown(page, 'staff-receipt-number').textContent()) ?? '';
    const queryCode = (await shown(page, 'staff-receipt-code').textContent()) ?? '';
    expect(number).toMatch(/^XF\d{4}-\d{6}$/);
    expect(queryCode).toMatch(/^[A-Z0-9]{6,}$/);
    expect(await shown(page, 'staff-receipt-print').count()).toBe(1);
    await screenshot(page, 'staff-register-receipt');

    // The receipt's "open" goes to the case, ready for triage.
    await shown(page, 'staff-receipt-open').click();
    await onPage(page, 'staff-petition-page');
    await settled(page);
    expect(await shown(page, 'staff-number').textContent()).toBe(number);
    expect(await stateOf(page)).toBe('registered');
    const id = new URL(page.url()).searchParams.get('id') ?? '';
    petition = { id, number, queryCode };
    // The new petitioner is masked for staff: name and address, the phone's middle digits hidden.
    expect(await shown(page, 'staff-petitioner-phone').textContent()).toBe(
      `${phone.slice(0, 3)}****${phone.slice(-4)}`,
    );
    expect(await shown(page, 'staff-collective').textContent()).toContain('4 人');
  });

  it('reception assigns it to 东山煤矿安全科 with a report-back date', async () => {
    const actions = await offeredActions(page);
    expect(actions).toEqual(
      expect.arrayContaining(['accept', 'assign', 'forward', 'refer', 'divert', 'decline']),
    );
    await openAction(page, 'assign');
    // Only units below the receiving mine are offered (Art 22): not the group, not 西河煤矿.
    expect(await shown(page, 'unit-JA-XH').count()).toBe(0);
    await shown(page, 'unit-JA-DS-AQK').click();
    await shown(page, 'action-assign-reportBackBy-in-30').click();
    await submitAction(page, 'assign', 'assigned');
    expect(await shown(page, 'staff-handling-unit').textContent()).toBe('东山煤矿安全科');
    await expect.poll(() => shown(page, 'staff-status').textContent()).toContain('已交办');
  });

  it('the section’s handler finds it in the inbox, accepts it and asks for 20 more days', async () => {
    await signInStaff(page, baseUrl, 'ds.handler', staffRoutes.inbox, 'staff-inbox-page');
    await shown(page, 'staff-tab-handling').click();
    await shown(page, 'staff-search').fill(petition.number);
    await shown(page, 'staff-search-submit').click();
    const row = page.locator(`[data-testid=staff-row][data-number="${petition.number}"]`);
    await row.waitFor();
    await screenshot(page, 'staff-inbox-handler');
    // A proxy before the server answers 502 for a while: the page says so in plain words.
    const theCase = (url: URL) => url.pathname === `/api/petitions/${petition.id}`;
    await page.route(theCase, (route) =>
      route.fulfill({ status: 502, contentType: 'text/html', body: '<html><h1>502 Bad Gateway</h1></html>' }),
    );
    await row.getByTestId('staff-row-open').click();
    await onPage(page, 'staff-petition-page');
    await expect.poll(() => shown(page, 'error').textContent()).toContain('服务器正忙，请稍后再试');
    await page.unroute(theCase);
    await shown(page, 'error-retry').click();
    await shown(page, 'staff-number').waitFor();
    await settled(page);
    expect(await offeredActions(page)).toEqual(expect.arrayContaining(['accept', 'object']));

    await openAction(page, 'accept');
    await submitAction(page, 'accept', 'handling');
    await openAction(page, 'request_extension');
    // A refusal answers the form as it was sent: once the form changes, the old message goes.
    const actions = `${baseUrl}/api/petitions/${petition.id}/actions`;
    await page.route(actions, (route) =>
      route.fulfill({
        status: 422,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'LIFECYCLE_REFUSED', message: '延期申请暂时不能提出' } }),
      }),
    );
    await shown(page, 'action-request_extension-days').fill('25');
    await shown(page, 'action-request_extension-reason').fill('需委托检测机构复测风量。');
    await shown(page, 'action-request_extension-submit').click();
    await expect
      .poll(() => shown(page, 'action-request_extension-error').textContent())
      .toContain('延期申请暂时不能提出');
    await page.unroute(actions);
    await shown(page, 'action-request_extension-days').fill('20');
    expect(await current(page).getByTestId('action-request_extension-error').count()).toBe(0);
    await shown(page, 'action-request_extension-reason').fill(
      '需委托有资质的检测机构复测风量，报告需 15 个工作日。',
    );
    await submitAction(page, 'request_extension');
    const history = page.locator('[data-testid=staff-event][data-type=extension_requested]');
    expect(await history.getAttribute('data-visibility')).toBe('internal');
  });

  it('the mine’s head finds the extension among the approvals and grants it', async () => {
    await signInStaff(page, baseUrl, 'ds.head', staffRoutes.approvals, 'staff-approvals-page');
    const row = page.locator(`[data-testid=staff-row][data-number="${petition.number}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('延期申请待批');
    await screenshot(page, 'staff-approvals');
    await row.getByTestId('staff-row-open').click();
    await onPage(page, 'staff-petition-page');
    await settled(page);
    await openAction(page, 'approve_extension');
    expect(await shown(page, 'pending-extension').textContent()).toContain('20');
    await submitAction(page, 'approve_extension');
    await until(
      'the extension approved',
      async () =>
        (await page.locator('[data-testid=staff-event][data-type=extension_approved]').count()) === 1,
    );
  });

  it('the handler drafts the decision letter from the template, in the order of Art 32', async () => {
    await signInStaff(page, baseUrl, 'ds.handler', staffRoutes.petition(petition.id), 'staff-petition-page');
    await openAction(page, 'draft_reply');
    const templates = shown(page, 'letter-templates');
    await templates.getByTestId('letter-template').filter({ hasText: template.title }).click();
    expect(await shown(page, 'action-draft_reply-factsAndReasons').inputValue()).toBe(template.facts);
    expect(await shown(page, 'action-draft_reply-legalBasis').inputValue()).toBe(template.basis);
    await shown(page, 'action-draft_reply-request').fill('请求检测三号井回风巷风量并整改通风设施。');
    // A request's outcomes (Art 32): support, explain, not support.
    expect(
      await current(page)
        .locator('[data-testid^="action-draft_reply-outcome-"]')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid'))),
    ).toEqual([
      'action-draft_reply-outcome-support',
      'action-draft_reply-outcome-explain',
      'action-draft_reply-outcome-not_support',
    ]);
    await shown(page, 'action-draft_reply-outcome-support').click();
    await screenshot(page, 'staff-draft-letter');
    await submitAction(page, 'draft_reply', 'reply_drafted');
  });

  it('the head approves the letter and issues it', async () => {
    await signInStaff(page, baseUrl, 'ds.head', staffRoutes.approvals, 'staff-approvals-page');
    const row = page.locator(`[data-testid=staff-row][data-number="${petition.number}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('答复意见待批');
    await row.getByTestId('staff-row-open').click();
    await onPage(page, 'staff-petition-page');
    await settled(page);
    await openAction(page, 'approve_reply');
    expect(await shown(page, 'pending-letter').textContent()).toContain(template.decision);
    await submitAction(page, 'approve_reply', 'reply_approved');
    await openAction(page, 'issue_reply');
    await submitAction(page, 'issue_reply', 'replied');
    await expect.poll(() => shown(page, 'staff-letter').textContent()).toContain(template.decision);
    await screenshot(page, 'staff-petition-replied');
  });

  it('the petitioner signs in with the phone the desk wrote down, says the visit is hers, and reads the letter', async () => {
    // Nothing registered at a desk reaches an account unasked: the app asks, with the number on the slip.
    await page.goto(`${baseUrl}${routes.login}`);
    await signIn(page, logPath, phone);
    await page.goto(`${baseUrl}${routes.mine}`);
    await onPage(page, 'mine-page');
    await page.getByTestId('claims').waitFor();
    expect(await page.getByTestId('claim').first().textContent()).toContain(petition.number);
    await screenshot(page, 'petitioner-claim');
    // "Mine" with the query code on the slip (a mistyped phone's holder has none: audit 32, D2).
    await page.getByTestId('claim-code').first().fill(petition.queryCode.trim());
    await page.getByTestId('claim-mine').click();
    await expect.poll(() => page.locator('[data-testid=mine-item]').count()).toBe(1);
    expect(await page.locator('[data-testid=mine-item]').first().getAttribute('data-number')).toBe(
      petition.number,
    );
    const token = (await sessionOf(page)).tokens.accessToken;
    const mine = await call<PetitionDetail>(baseUrl, 'GET', `/api/petitions/${petition.id}`, { token });
    expect(mine.status).toBe(200);
    expect(mine.body.state).toBe('replied');
    const letter = mine.body.timeline.find((e) => e.type === 'reply_issued')?.data.letter as Record<
      string,
      string
    >;
    expect(letter).toMatchObject({
      request: '请求检测三号井回风巷风量并整改通风设施。',
      factsAndReasons: template.facts,
      decision: template.decision,
      legalBasis: template.basis,
      outcome: 'support',
    });
    // Art 34: the approved extension and its reason reach the petitioner; the request itself does not.
    const types = mine.body.timeline.map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['registered', 'assigned', 'accepted', 'extension_approved', 'reply_issued']),
    );
    expect(types).not.toContain('extension_requested');
    expect(types).not.toContain('reply_drafted');

    const lookup = await call<{ state: string }>(baseUrl, 'POST', '/api/lookup', {
      body: { number: petition.number, queryCode: petition.queryCode },
    });
    expect(lookup.status).toBe(200);
    expect(lookup.body.state).toBe('replied');
  });
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { act, beijingDateIn, call, detail, staffToken } from './support/api';
import {
  type AxeFinding,
  auditBothSizes,
  axeViolations,
  current,
  onPage,
  settled,
  smallTargets,
} from './support/app';
import { freshPhone, registerVisit, shown, signInStaff, staffRoutes } from './support/staff';

/**
 * Issue 15 in the browser: the group's supervisor opens 督办 — the demo's 督办单 left unanswered
 * past its date, and the cases whose deadlines the job escalated (red, raised up the line); a
 * notice issued today waits for its answer, and once the mine has answered the supervisor approves
 * it from the list. An escalated case shows its steps on the case page. Axe on each page, normal
 * and large text; every tap target ≥ 44 px.
 */
describe('the supervisor’s list', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  const findings = new Map<string, AxeFinding[]>();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  const notice = (number: string) =>
    current(page).locator(`[data-testid=supervision-notice][data-number="${number}"]`);
  const tab = async (name: string) => {
    await shown(page, `supervision-tab-${name}`).click();
    await settled(page);
  };

  it('shows the demo’s overdue 督办单 and the escalated cases, red and raised', async () => {
    await signInStaff(page, baseUrl, 'supervisor', staffRoutes.supervision, 'staff-supervision-page');
    await tab('overdue');
    const overdue = current(page).locator('[data-testid=supervision-notice][data-status=overdue]');
    await expect.poll(() => overdue.count()).toBeGreaterThanOrEqual(1);
    expect(await overdue.first().textContent()).toContain('井下艰苦岗位津贴标准调整后未执行');
    expect(await overdue.first().getByTestId('supervision-notice-status').textContent()).toBe('已超期');
    // The escalation job ran at start: the demo's overdue cases are red, told up the line.
    const escalated = current(page).locator('[data-testid=supervision-escalated-case]');
    await expect.poll(() => escalated.count()).toBeGreaterThanOrEqual(2);
    expect(await current(page).getByTestId('supervision-escalated').textContent()).toContain('红色督办');
    expect(await smallTargets(page)).toEqual([]);
    await auditBothSizes(page, findings, 'supervision-overdue', 'staff-supervision-page');
  });

  it('an escalated case shows its steps on the case page', async () => {
    const escalated = current(page).locator('[data-testid=supervision-escalated-case]').first();
    await escalated.getByRole('link').click();
    await onPage(page, 'staff-petition-page');
    await expect.poll(() => current(page).getByTestId('staff-escalation').count()).toBeGreaterThanOrEqual(1);
    expect(await current(page).getByTestId('staff-escalations').textContent()).toContain('红色督办');
    await auditBothSizes(page, findings, 'supervision-case', 'staff-petition-page');
    await page.goBack();
    await onPage(page, 'staff-supervision-page');
  });

  it('a notice issued today waits for its answer; once answered, the supervisor approves it', async () => {
    const visit = await registerVisit(baseUrl, 'ds.reception', {
      title: '主井提升机检修后噪声仍然很大',
      content: '主井提升机检修后噪声仍然很大，夜里影响休息。',
      phone: freshPhone('133'),
      name: '钱亮',
    });
    await act(baseUrl, await staffToken(baseUrl, 'ds.reception'), visit.id, 'accept');
    const supervisor = await staffToken(baseUrl, 'supervisor');
    const issued = await call<{ no: number; documentId: string | null }>(
      baseUrl,
      'POST',
      '/api/supervision/notices',
      {
        token: supervisor,
        body: {
          petitionId: visit.id,
          version: (await detail(baseUrl, supervisor, visit.id)).version,
          concern: 'delay',
          requirements: '请查明噪声原因，书面答复整改措施。',
          dueDate: beijingDateIn(5),
        },
      },
    );
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    expect(issued.body.documentId).not.toBeNull();

    await page.reload();
    await onPage(page, 'staff-supervision-page');
    await settled(page);
    await expect.poll(() => notice(visit.number).getAttribute('data-status')).toBe('open');

    await act(baseUrl, await staffToken(baseUrl, 'ds.head'), visit.id, 'answer_supervision', {
      supervisionNo: issued.body.no,
      answer: '已更换提升机减速器轴承，噪声降至规定值以下。',
    });
    await tab('answered');
    await expect.poll(() => notice(visit.number).getAttribute('data-status')).toBe('answered');
    await auditBothSizes(page, findings, 'supervision-answered', 'staff-supervision-page');
    await notice(visit.number).getByTestId('supervision-approve').click();
    await expect.poll(() => notice(visit.number).getAttribute('data-status')).toBe('approved');
    expect(await notice(visit.number).getByTestId('supervision-notice-status').textContent()).toBe('已通过');
  });

  it('退回重答 asks for the reason and sends it; 重试 after a lost signal sends the review again', async () => {
    const visit = await registerVisit(baseUrl, 'ds.reception', {
      title: '副井罐笼信号铃时响时不响',
      content: '副井罐笼信号铃时响时不响，存在安全隐患。',
      phone: freshPhone('133'),
      name: '孙强',
    });
    await act(baseUrl, await staffToken(baseUrl, 'ds.reception'), visit.id, 'accept');
    const supervisor = await staffToken(baseUrl, 'supervisor');
    const issued = await call<{ no: number }>(baseUrl, 'POST', '/api/supervision/notices', {
      token: supervisor,
      body: {
        petitionId: visit.id,
        version: (await detail(baseUrl, supervisor, visit.id)).version,
        concern: 'evasion',
        requirements: '请查明信号铃故障原因并书面答复。',
        dueDate: beijingDateIn(5),
      },
    });
    expect(issued.status, JSON.stringify(issued.body)).toBe(201);
    await act(baseUrl, await staffToken(baseUrl, 'ds.head'), visit.id, 'answer_supervision', {
      supervisionNo: issued.body.no,
      answer: '已派人检查。',
    });
    await page.reload();
    await onPage(page, 'staff-supervision-page');
    await tab('answered');
    await expect.poll(() => notice(visit.number).getAttribute('data-status')).toBe('answered');

    // One tap does not return it: a dialog asks why, and will not send without a reason.
    await notice(visit.number).getByTestId('supervision-return').click();
    const dialog = shown(page, 'supervision-return-dialog');
    await dialog.waitFor();
    await shown(page, 'supervision-return-dialog-confirm').click();
    await expect.poll(() => dialog.textContent()).toContain('请写明退回理由');
    expect(await axeViolations(page)).toEqual([]);
    expect(await notice(visit.number).getAttribute('data-status')).toBe('answered');

    // The reason written, the signal gone: the review does not arrive, and 重试 sends it again.
    const reason = '答复没有说明故障原因和整改时限，请补充后重新答复。';
    await shown(page, 'supervision-return-reason').fill(reason);
    const review = `${baseUrl}/api/supervision/notices/${visit.id}/${issued.body.no}/review`;
    await page.route(review, (route) => route.abort('internetdisconnected'));
    await shown(page, 'supervision-return-dialog-confirm').click();
    const retry = notice(visit.number).getByTestId('supervision-review-error-retry');
    await retry.waitFor();
    await page.unroute(review);
    await retry.click();
    await expect.poll(() => notice(visit.number).count()).toBe(0);
    const all = await call<{ notices: { petitionId: string; status: string; reviewNote: string | null }[] }>(
      baseUrl,
      'GET',
      '/api/supervision?status=all',
      { token: supervisor },
    );
    expect(all.body.notices.find((n) => n.petitionId === visit.id)).toMatchObject({
      status: 'returned',
      reviewNote: reason,
    });
  });

  it('finds no serious or critical accessibility violations on these pages', () => {
    const problems = [...findings.entries()].filter(([, found]) => found.length > 0);
    expect(findings.size).toBe(6);
    expect(problems).toEqual([]);
  });
});

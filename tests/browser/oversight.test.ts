import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { beijingDateIn, call, clearOfMidnight, MIDNIGHT_WAIT, staffToken } from './support/api';
import {
  type AxeFinding,
  auditBothSizes,
  current,
  onPage,
  settled,
  smallTargets,
  visibleText,
} from './support/app';
import { freshPhone, registerVisit, shown, signInStaff, staffRoutes, submitAction } from './support/staff';

interface Listed {
  items: {
    suggestion?: string;
    topic?: string;
    status: string;
    summary?: string | null;
    people?: number | null;
  }[];
}

/**
 * Issue 15's staff screens in the browser, walked by the group's 包案领导 (陈国栋): he issues a
 * suggestion to improve work from a case (and one from the oversight page, by the case's number),
 * plans a 下访 for today and records it held, opens the 积案 register, sets a case's resolution plan
 * in place and takes another case as its 包案领导, then opens a repeat petitioner's whole
 * history from the 重信重访 register — masked, no risk label, the name revealed only with a reason.
 * Then the group's reception registers the petition met on that 下访 from it: a visit, linked to it.
 * Each step is read back through the API. Axe on each new page, normal and large text.
 */
describe('oversight screens: suggestions, 下访, registers, a person’s history', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let leader: string;
  const findings = new Map<string, AxeFinding[]>();
  const suggestion = '提升机检修后应做噪声检测并公示结果，避免同类来访。';
  const topic = `主井提升机噪声治理 ${Date.now() % 10_000}`;
  const plan = '包案领导牵头，十日内组织噪声检测，当面向职工通报结果。';
  const byNumber = '提升机噪声问题应纳入设备检修验收标准。';
  let caseNumber = '';

  beforeAll(async () => {
    await clearOfMidnight();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    leader = await staffToken(baseUrl, 'leader');
  }, MIDNIGHT_WAIT + 120_000);
  afterAll(() => browser.close());

  it('issues a suggestion to improve work from a case', async () => {
    const visit = await registerVisit(baseUrl, 'ds.reception', {
      title: '主井提升机噪声扰民',
      content: '主井提升机检修后噪声很大，夜里影响休息。',
      phone: freshPhone('135'),
      name: '孙丽',
    });
    caseNumber = visit.number;
    await signInStaff(page, baseUrl, 'leader', staffRoutes.petition(visit.id), 'staff-petition-page');
    await shown(page, 'staff-suggest-fold-toggle').click();
    const form = shown(page, 'suggestion-form');
    await form.getByTestId('unit-search').fill('东山煤矿');
    await form.getByTestId('unit-JA-DS').first().click();
    await form.getByTestId('suggestion-content').fill(suggestion);
    await form.getByTestId('suggestion-due').fill(beijingDateIn(10));
    await shown(page, 'suggestion-submit').click();
    await expect.poll(() => shown(page, 'suggestion-status').textContent()).toBe('已提出改进建议');
    const issued = await call<Listed>(baseUrl, 'GET', '/api/suggestions?view=issued&status=all', {
      token: leader,
    });
    expect(issued.body.items.filter((s) => s.suggestion === suggestion)).toHaveLength(1);
    await auditBothSizes(page, findings, 'oversight-case-suggestion', 'staff-petition-page');
  });

  it('shows it in the issuer’s list, then plans a 下访 for today and records it held', async () => {
    await shown(page, 'staff-nav-oversight').click();
    await onPage(page, 'staff-oversight-page');
    await settled(page);
    expect(await shown(page, 'oversight-issued').textContent()).toContain(suggestion);

    // From this page the case is named by its number: a wrong one is said, the right one issues.
    await shown(page, 'oversight-issue-fold-toggle').click();
    const issue = shown(page, 'suggestion-form');
    await issue.getByTestId('suggestion-number').fill('XF2026-999999');
    await issue.getByTestId('unit-search').fill('东山煤矿');
    await issue.getByTestId('unit-JA-DS').first().click();
    await issue.getByTestId('suggestion-content').fill(byNumber);
    await issue.getByTestId('suggestion-due').fill(beijingDateIn(7));
    await shown(page, 'suggestion-submit').click();
    await expect.poll(() => issue.textContent()).toContain('没有找到编号为 XF2026-999999 的信访事项');
    await issue.getByTestId('suggestion-number').fill(caseNumber);
    await shown(page, 'suggestion-submit').click();
    await expect.poll(() => shown(page, 'oversight-issued').textContent()).toContain(byNumber);

    await shown(page, 'visit-plan-toggle').click();
    const form = shown(page, 'visit-plan-form');
    await form.getByTestId('unit-search').fill('西河煤矿');
    await form.getByTestId('unit-JA-XH').first().click();
    await form.getByTestId('visit-place').fill('西河煤矿机电一队会议室');
    await form.getByTestId('visit-date').fill(beijingDateIn(0));
    await form.getByTestId('visit-topic').fill(topic);
    await shown(page, 'visit-plan-submit').click();
    const row = current(page).locator(`[data-testid=oversight-visit][data-topic="${topic}"]`);
    await expect.poll(() => row.getAttribute('data-status')).toBe('planned');
    await auditBothSizes(page, findings, 'oversight-visit-planned', 'staff-oversight-page');

    await row.getByTestId('visit-hold-toggle').click();
    await row.getByTestId('visit-summary').fill('与机电一队职工座谈，听取噪声治理意见五条。');
    await row.getByTestId('visit-people').fill('12');
    await row.getByTestId('visit-hold-submit').click();
    await expect.poll(() => row.getAttribute('data-status')).toBe('held');
    expect(await row.getByTestId('oversight-visit-held').textContent()).toBe('接待 12 人次，受理 0 件');
    const visits = await call<Listed>(baseUrl, 'GET', '/api/grassroots-visits?status=all', { token: leader });
    expect(visits.body.items.find((v) => v.topic === topic)).toMatchObject({ status: 'held', people: 12 });
    // The demo's held visit shows the petition registered on it.
    const demoHeld = current(page).locator(
      '[data-testid=oversight-visit][data-topic="井下作业条件和职工生活保障"]',
    );
    expect(await demoHeld.textContent()).toContain('综采一队井口浴室冬季热水供应不足');
    expect(await smallTargets(page)).toEqual([]);
  });

  it('opens the backlog register and sets a case’s resolution plan', async () => {
    await shown(page, 'staff-nav-registers').click();
    await onPage(page, 'staff-registers-page');
    await settled(page);
    const item = current(page).locator('[data-testid=register-backlog-item]').first();
    await item.waitFor();
    const number = await item.getAttribute('data-number');
    expect(await item.getByTestId('register-leader').textContent()).toMatch(/^包案领导：/);
    await auditBothSizes(page, findings, 'registers', 'staff-registers-page');

    await item.getByTestId('register-plan-edit').click();
    await item.getByTestId('register-plan-input').fill(plan);
    await item.getByTestId('register-plan-save').click();
    await expect.poll(() => item.getByTestId('register-plan-text').textContent()).toBe(`化解方案：${plan}`);
    const backlog = await call<{
      items: { case: { petitionNumber: string }; plan: { plan: string } | null }[];
    }>(baseUrl, 'GET', '/api/registers/backlog', { token: leader });
    expect(backlog.body.items.find((i) => i.case.petitionNumber === number)?.plan?.plan).toBe(plan);
    expect(await smallTargets(page)).toEqual([]);
  });

  it('takes a backlog case as its 包案领导 from the register', async () => {
    const free = current(page)
      .locator('[data-testid=register-backlog-item]')
      .filter({ has: page.getByTestId('register-take-case') })
      .first();
    const number = await free.getAttribute('data-number');
    await free.getByTestId('register-take-case').click();
    await onPage(page, 'staff-petition-page');
    await settled(page);
    await shown(page, 'action-take_case-form').waitFor();
    await shown(page, 'action-take_case-plan').fill('本人包案，一周内到现场核实并答复。');
    await submitAction(page, 'take_case');
    expect(await shown(page, 'staff-responsible-leader').textContent()).toContain('陈国栋');
    await page.goBack();
    await onPage(page, 'staff-registers-page');
    const taken = current(page).locator(`[data-testid=register-backlog-item][data-number="${number}"]`);
    await expect.poll(() => taken.getByTestId('register-leader').textContent()).toContain('陈国栋');
    const backlog = await call<{
      items: { case: { petitionNumber: string }; responsibleLeader: { name: string } | null }[];
    }>(baseUrl, 'GET', '/api/registers/backlog', { token: leader });
    expect(
      backlog.body.items.find((i) => i.case.petitionNumber === number)?.responsibleLeader?.name,
    ).toContain('陈国栋');
  });

  it('opens a repeat petitioner’s whole history: masked, no risk label, revealed with a reason', async () => {
    const matter = current(page)
      .locator('[data-testid=register-repeat-matter]')
      .filter({ hasText: '再次反映机电一队夜班加班费少算' });
    await matter.getByTestId('register-history').click();
    await onPage(page, 'staff-person-page');
    await settled(page);
    await expect
      .poll(() => current(page).locator('[data-testid=person-case]').count())
      .toBeGreaterThanOrEqual(3);
    expect(await shown(page, 'person-name').textContent()).toContain('李*');
    const text = await visibleText(page);
    expect(text).not.toContain('李娜');
    for (const label of ['风险', '重点人员', '稳控']) expect(text).not.toContain(label);
    await auditBothSizes(page, findings, 'person-history', 'staff-person-page');

    await shown(page, 'staff-reveal').click();
    await shown(page, 'staff-reveal-reason').fill('制定化解方案需联系本人');
    await shown(page, 'staff-reveal-submit').click();
    await expect.poll(() => shown(page, 'person-name').textContent()).toContain('李娜');
    expect(await smallTargets(page)).toEqual([]);
  });

  it('at the desk, a petition met on the held 下访 is registered as a visit and counted on it', async () => {
    await signInStaff(page, baseUrl, 'reception', '/staff/oversight/index', 'staff-oversight-page');
    const row = current(page).locator(`[data-testid=oversight-visit][data-topic="${topic}"]`);
    await row.getByTestId('oversight-visit-register').click();
    await onPage(page, 'staff-register-page');
    await settled(page);
    await shown(page, 'staff-register-visit').waitFor();
    expect(await shown(page, 'register-channel-visit').getAttribute('aria-checked')).toBe('true');
    await shown(page, 'register-lookup-phone').fill(freshPhone('136'));
    await shown(page, 'register-lookup').click();
    await shown(page, 'register-not-found').waitFor();
    await shown(page, 'register-name').fill('周强');
    await shown(page, 'register-received-now').click();
    await shown(page, 'register-kind-request').click();
    await shown(page, 'register-category-safety').click();
    await shown(page, 'unit-search').fill('西河煤矿');
    await shown(page, 'unit-JA-XH').click();
    await shown(page, 'register-title').fill('机电一队值班室噪声超标');
    await shown(page, 'register-content').fill(
      '下访时当面反映：机电一队值班室紧邻空压机，噪声超标，请求隔音处理。',
    );
    await shown(page, 'staff-register-submit').click();
    await shown(page, 'staff-receipt').waitFor();
    const number = (await shown(page, 'staff-receipt-number').textContent()) ?? '';
    const visits = await call<{ items: { topic: string; caseCount: number; cases: { number: string }[] }[] }>(
      baseUrl,
      'GET',
      '/api/grassroots-visits?status=all',
      { token: leader },
    );
    const held = visits.body.items.find((v) => v.topic === topic);
    expect(held?.caseCount).toBe(1);
    expect(held?.cases.map((c) => c.number)).toEqual([number]);
  });

  it('finds no serious or critical accessibility violations on these pages', () => {
    const problems = [...findings.entries()].filter(([, found]) => found.length > 0);
    expect(findings.size).toBe(8);
    expect(problems).toEqual([]);
  });
});

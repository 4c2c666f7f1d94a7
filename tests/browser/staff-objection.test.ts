import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { act, beijingDateIn, detail, staffToken, unitIdByCode } from './support/api';
import { screenshot } from './support/app';
import {
  freshPhone,
  offeredActions,
  openAction,
  registerVisit,
  shown,
  signInStaff,
  staffRoutes,
  stateOf,
  submitAction,
} from './support/staff';

/**
 * Issue 7, test 2 (Art 23 ¶3, 24): a unit that receives an assignment outside its remit objects
 * within five working days, with its reasons; the sender agrees, the case returns to triage with a
 * fresh 15-day clock, and reception assigns it to the right unit — all in the staff pages.
 */
describe('an assigned unit objects and reception reassigns', () => {
  const baseUrl = inject('baseUrl');
  let browser: Browser;
  let page: Page;
  let petition: { id: string; number: string };

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
    // Set-up through the API: a visit about wages, assigned (wrongly) to the safety section.
    const made = await registerVisit(baseUrl, 'ds.reception', {
      title: `二季度夜班津贴少发 ${Date.now().toString(36)}`,
      content: '来访人反映二季度夜班津贴每月少发约三百元，请求核实补发。',
      phone: freshPhone('135'),
      name: '周大勇',
    });
    petition = made;
    await act(baseUrl, await staffToken(baseUrl, 'ds.reception'), made.id, 'assign', {
      unit: await unitIdByCode(baseUrl, 'JA-DS-AQK'),
      reportBackBy: beijingDateIn(20),
    });
  });
  afterAll(() => browser.close());

  it('the safety section objects inside its five working days, giving its reasons', async () => {
    await signInStaff(page, baseUrl, 'ds.handler', staffRoutes.petition(petition.id), 'staff-petition-page');
    expect(await stateOf(page)).toBe('assigned');
    // The objection window (Art 23 ¶3) is running, and the page shows it.
    await expect
      .poll(() => page.locator('[data-testid=staff-clock][data-clock=objection_window]').count())
      .toBe(1);
    expect(await offeredActions(page)).toEqual(expect.arrayContaining(['accept', 'object']));

    await openAction(page, 'object');
    // Reasons are required: the form says so before anything is sent.
    await shown(page, 'action-object-submit').click();
    await expect.poll(() => shown(page, 'action-object-form').textContent()).toContain('请填写此项');
    await shown(page, 'action-object-reasons').fill(
      '津贴核算属于人力资源科职责，安全科无权核定工资，请改交人力资源科办理。',
    );
    await screenshot(page, 'staff-objection');
    await submitAction(page, 'object', 'objected');
    // The objection is internal: the petitioner never sees the units' dispute.
    const event = page.locator('[data-testid=staff-event][data-type=objected]');
    expect(await event.getAttribute('data-visibility')).toBe('internal');
    expect(await event.textContent()).toContain('人力资源科');
    // The section can do nothing more with it but wait for the sender.
    expect(await offeredActions(page)).not.toEqual(expect.arrayContaining(['accept']));
  });

  it('reception agrees; the case is back in triage and goes to 人力资源科', async () => {
    await signInStaff(page, baseUrl, 'ds.reception', staffRoutes.inbox, 'staff-inbox-page');
    await shown(page, 'staff-tab-triage').click();
    const row = page.locator(`[data-testid=staff-row][data-number="${petition.number}"]`);
    await row.waitFor();
    expect(await row.getByTestId('state-chip').getAttribute('data-state')).toBe('objected');
    await row.getByTestId('staff-row-open').click();
    await shown(page, 'staff-summary').waitFor();
    expect(await offeredActions(page)).toEqual(
      expect.arrayContaining(['agree_objection', 'overrule_objection']),
    );

    await openAction(page, 'agree_objection');
    await shown(page, 'action-agree_objection-note').fill('同意，改交人力资源科。');
    await submitAction(page, 'agree_objection', 'registered');
    // Triage again, with a fresh 15-day clock (Art 22).
    await expect.poll(() => page.locator('[data-testid=staff-clock][data-clock=triage]').count()).toBe(1);

    await openAction(page, 'assign');
    await shown(page, 'unit-JA-DS-RLK').click();
    await shown(page, 'action-assign-reportBackBy-in-15').click();
    await submitAction(page, 'assign', 'assigned');
    expect(await shown(page, 'staff-handling-unit').textContent()).toBe('东山煤矿人力资源科');
    await screenshot(page, 'staff-reassigned');

    const after = await detail(baseUrl, await staffToken(baseUrl, 'ds.reception'), petition.id);
    expect(after.timeline.map((e) => e.type)).toEqual([
      'registered',
      'assigned',
      'objected',
      'objection_agreed',
      'assigned',
    ]);
    expect(after.units.handling?.name).toBe('东山煤矿人力资源科');
  });
});

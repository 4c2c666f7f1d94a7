import type { Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { act, beijingDateIn, detail, staffToken, unitIdByCode } from './support/api';
import { screenshot } from './support/app';
import {
  freshPhone,
  openAction,
  registerVisit,
  shown,
  signInStaff,
  staffRoutes,
  submitAction,
  versionOf,
} from './support/staff';

/**
 * Issue 7, optimistic concurrency: the handler and the mine's head have the same case open on two
 * devices. The handler records an investigation note first; the head, on the page as it was, writes
 * to the petitioner. The server refuses the stale version; the head's page says someone acted first,
 * reloads (the handler's note is there), and keeps the head's message, which then goes out once.
 */
describe('two staff pages act on the same petition', () => {
  const baseUrl = inject('baseUrl');
  let handlerBrowser: Browser;
  let headBrowser: Browser;
  let petition: { id: string; number: string };

  beforeAll(async () => {
    [handlerBrowser, headBrowser] = await Promise.all([
      launchBrowser(),
      launchBrowser({ viewport: { width: 1280, height: 900 } }),
    ]);
    petition = await registerVisit(baseUrl, 'ds.reception', {
      title: `井口灯房充电架漏电 ${Date.now().toString(36)}`,
      content: '来访人反映井口灯房充电架漏电，有人被电麻。',
      phone: freshPhone('133'),
      name: '吴建华',
    });
    await act(baseUrl, await staffToken(baseUrl, 'ds.reception'), petition.id, 'assign', {
      unit: await unitIdByCode(baseUrl, 'JA-DS-AQK'),
      reportBackBy: beijingDateIn(20),
    });
    await act(baseUrl, await staffToken(baseUrl, 'ds.handler'), petition.id, 'accept');
  });
  afterAll(async () => {
    await Promise.all([handlerBrowser?.close(), headBrowser?.close()]);
  });

  it('tells the second one that someone acted first, reloads, and keeps what they wrote', async () => {
    const handler = await handlerBrowser.context.newPage();
    const head = await headBrowser.context.newPage();
    await Promise.all([
      signInStaff(handler, baseUrl, 'ds.handler', staffRoutes.petition(petition.id), 'staff-petition-page'),
      signInStaff(head, baseUrl, 'ds.head', staffRoutes.petition(petition.id), 'staff-petition-page'),
    ]);
    const seen = await versionOf(head);
    expect(await versionOf(handler)).toBe(seen);

    // The handler acts first.
    await openAction(handler, 'record_investigation');
    await shown(handler, 'action-record_investigation-summary').fill(
      '现场检测充电架接地电阻超标，已断电挂牌。',
    );
    await submitAction(handler, 'record_investigation');

    // The head's page still shows the older version and sends it with the message.
    expect(await versionOf(head)).toBe(seen);
    const message = '您好，我们已安排检修充电架，检修期间请到二号灯房领灯。';
    await shown(head, 'action-send_message-text').fill(message);
    await shown(head, 'action-send_message-submit').click();

    const conflict = shown(head, 'staff-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('有人刚刚处理了这件信访事项');
    expect(await conflict.getAttribute('role')).toBe('alert');
    // Reloaded: the newer version, with the handler's note; the head's text is still in the form.
    await expect.poll(() => versionOf(head)).toBeGreaterThan(seen);
    await expect
      .poll(() => head.getByTestId('staff-note').allTextContents())
      .toEqual([expect.stringContaining('接地电阻超标')]);
    expect(await shown(head, 'action-send_message-text').inputValue()).toBe(message);
    await screenshot(head, 'staff-conflict');

    // Sent again on the fresh version, it goes out once.
    await submitAction(head, 'send_message');
    const after = await detail(baseUrl, await staffToken(baseUrl, 'ds.head'), petition.id);
    expect(after.timeline.filter((e) => e.type === 'message_sent').map((e) => e.data.text)).toEqual([
      message,
    ]);
    expect(after.timeline.filter((e) => e.type === 'investigation_recorded')).toHaveLength(1);
  });

  it('says an action whose answer was lost may have gone, and a resend takes it once', async () => {
    const page = await handlerBrowser.context.newPage();
    await signInStaff(page, baseUrl, 'ds.handler', staffRoutes.petition(petition.id), 'staff-petition-page');
    const token = await staffToken(baseUrl, 'ds.handler');
    const steps = async (type: string, text: string) =>
      (await detail(baseUrl, token, petition.id)).timeline.filter(
        (e) => e.type === type && Object.values(e.data).includes(text),
      ).length;
    // Every answer to an action is lost after the server took it (the client's retries included).
    const actions = '**/api/petitions/*/actions';
    await page.route(actions, async (route: Route) => {
      await route.fetch();
      await route.abort('connectionreset');
    });

    // The case loaded again shows the step: the page says it is done, not 「网络连接失败」.
    const summary = '复测接地电阻合格，充电架已恢复使用。';
    await openAction(page, 'record_investigation');
    await shown(page, 'action-record_investigation-summary').fill(summary);
    await shown(page, 'action-record_investigation-submit').click();
    await expect.poll(() => shown(page, 'staff-status').textContent(), { timeout: 60_000 }).toMatch(/^已/);
    expect(await page.getByTestId('action-record_investigation-error').count()).toBe(0);
    expect(await steps('investigation_recorded', summary)).toBe(1);

    // Again, and the case cannot be loaded either: "no confirmation, sending again does nothing
    // twice", in the note's form, with the note kept.
    const note = '已电话告知来访人复测结果。';
    const one = `**/api/petitions/${petition.id}`;
    const seen = await versionOf(page);
    await shown(page, 'action-add_note-text').fill(note);
    await page.route(one, (route) => route.abort('connectionreset'));
    await shown(page, 'action-add_note-submit').click();
    const said = shown(page, 'action-add_note-error');
    await expect.poll(() => said.textContent(), { timeout: 60_000 }).toContain('不会重复办理');
    expect(await said.textContent()).not.toContain('网络连接失败');
    expect(await shown(page, 'action-add_note-text').inputValue()).toBe(note);

    // Reloaded, the case has moved on and shows the note; the note is still in the box. Sent again,
    // it goes with the first send's version — its Idempotency-Key — and the server answers it as
    // taken instead of writing it twice.
    await page.unroute(one);
    await page.unroute(actions);
    await page.reload();
    await shown(page, 'staff-petition-page').waitFor();
    await expect.poll(() => versionOf(page)).toBeGreaterThan(seen);
    await expect.poll(() => page.getByTestId('staff-note').filter({ hasText: note }).count()).toBe(1);
    await expect.poll(() => shown(page, 'action-add_note-text').inputValue()).toBe(note);
    await shown(page, 'action-add_note-submit').click();
    await expect.poll(() => shown(page, 'staff-status').textContent()).toMatch(/^已/);
    await expect.poll(() => shown(page, 'action-add_note-text').inputValue()).toBe('');
    expect(await steps('note_added', note)).toBe(1);
    expect(await page.getByTestId('staff-note').filter({ hasText: note }).count()).toBe(1);
    expect(await page.evaluate('Object.keys(localStorage).filter((k) => k.includes(".sent"))')).toEqual([]);
  });
});

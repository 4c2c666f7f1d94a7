import type { NotificationSettings } from '@xinfang/shared/schemas/notifications';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Browser, launchBrowser } from '../support/browser';
import { call, replyToRequest, submitAs, unitIdByCode } from './support/api';
import {
  type AxeFinding,
  auditBothSizes,
  current,
  onPage,
  routes,
  sessionOf,
  settled,
  signIn,
  tap,
  until,
} from './support/app';
import { shown, signInStaff, staffRoutes } from './support/staff';

/**
 * The message centre and the notification settings in Chromium, as a worker meets them after a
 * case was answered: the unread badge on 我的, the list newest first with unread ones marked in
 * words, opening one reads it and opens its petition, all read at once; non-statutory messages
 * turned off (and saved); nothing about WeChat subscriptions on h5. Staff have a message centre
 * from the workbench. axe-core on each page, normal and large text: no serious or critical finding.
 */
const PHONE = '13700000031';
const messages = { list: '/messages/list/index', settings: '/messages/settings/index' };

describe('the message centre and notification settings', () => {
  const baseUrl = inject('baseUrl');
  const logPath = inject('serverLogPath');
  let browser: Browser;
  let page: Page;
  let token = '';
  let petitionId = '';
  let petitionNumber = '';
  const findings = new Map<string, AxeFinding[]>();

  beforeAll(async () => {
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(() => browser.close());

  const audit = (name: string, testId: string) => auditBothSizes(page, findings, name, testId);

  it('a worker whose case was answered sees the unread badge and the messages, newest first', async () => {
    await page.goto(`${baseUrl}${routes.login}`);
    await signIn(page, logPath, PHONE);
    token = (await sessionOf(page)).tokens.accessToken;
    const { petition } = await submitAs(baseUrl, token, {
      kind: 'request',
      categoryCode: 'wages',
      concernedUnitId: await unitIdByCode(baseUrl, 'JA-XH'),
      title: '夜班补贴少发',
      content: '十月夜班补贴少发三百元。',
    });
    petitionId = petition.id;
    petitionNumber = petition.number;
    await replyToRequest(
      baseUrl,
      petitionId,
      { reception: 'reception', handler: 'xh.handler', head: 'xh.head', unitCode: 'JA-XH-AQK' },
      {
        request: '补发十月夜班补贴。',
        factsAndReasons: '经核对考勤，少发属实。',
        decision: '随下月工资补发。',
        legalBasis: '《西河煤矿薪酬管理办法》第十二条',
        outcome: 'support',
      },
    );

    await page.goto(`${baseUrl}${routes.me}`);
    await onPage(page, 'me-page');
    // received, assigned, accepted, the handler's message, the reply
    await until('the badge', async () => (await shown(page, 'me-unread').textContent()) === '5');
    expect(await current(page).getByTestId('nav-unread').textContent()).toBe('5');
    expect(await current(page).getByTestId('nav-me').getAttribute('aria-label')).toBe('我的，5条未读消息');

    await tap(page, 'me-messages');
    await onPage(page, 'messages-page');
    await settled(page);
    const items = current(page).getByTestId('message');
    await until('the messages', async () => (await items.count()) === 5);
    expect(await shown(page, 'messages-unread').textContent()).toBe('5条未读');
    const titles = await current(page).getByRole('heading', { level: 2 }).allTextContents();
    expect(titles).toEqual([
      '处理意见已出',
      '办理人员给您留言',
      '信访事项已受理',
      '信访事项已交办',
      '信访事项已登记',
    ]);
    expect(await current(page).getByTestId('message-unread').count()).toBe(5);
    await audit('messages', 'messages-page');
  });

  it('opening a message reads it and opens its petition; all can be read at once', async () => {
    await current(page).getByTestId('message-open').first().click();
    await onPage(page, 'detail-page');
    // h5 has no WeChat subscriptions: nothing offers them.
    expect(await current(page).getByTestId('subscribe-reply').count()).toBe(0);
    await page.goBack();
    await onPage(page, 'messages-page');
    await until('one read', async () => (await shown(page, 'messages-unread').textContent()) === '4条未读');
    expect(await current(page).getByTestId('message').first().getAttribute('data-read')).toBe('true');

    await tap(page, 'messages-read-all');
    await until('all read', async () => (await shown(page, 'messages-unread').textContent()) === '0条未读');
    expect(await current(page).getByTestId('message-unread').count()).toBe(0);
    await page.goto(`${baseUrl}${routes.me}`);
    await onPage(page, 'me-page');
    await settled(page);
    expect(await current(page).getByTestId('nav-unread').count()).toBe(0);
  });

  it('settings: statutory notices said to always come; other reminders turned off and saved', async () => {
    await page.goto(`${baseUrl}${messages.settings}`);
    await onPage(page, 'settings-page');
    await settled(page);
    expect(await shown(page, 'settings-statutory').textContent()).toContain('总会通知您');
    const toggle = shown(page, 'settings-non-statutory');
    expect(await toggle.getAttribute('aria-checked')).toBe('true');
    // Signed in by phone on h5: SMS, and WeChat only after a WeChat sign-in; no subscriptions here.
    expect(await shown(page, 'settings-channel-sms').getAttribute('aria-checked')).toBe('true');
    expect(await shown(page, 'settings-channel-wechat').getAttribute('aria-label')).toContain(
      '用微信登录后可以选择',
    );
    expect(await current(page).getByTestId('settings-subscribe').count()).toBe(0);
    await audit('notification-settings', 'settings-page');

    await toggle.click();
    await until('saved', async () => (await shown(page, 'settings-status').textContent()) === '已保存');
    expect(await toggle.getAttribute('aria-checked')).toBe('false');
    const saved = await call<NotificationSettings>(baseUrl, 'GET', '/api/me/notification-settings', {
      token,
    });
    expect(saved.body).toMatchObject({ nonStatutory: false, channel: 'sms' });
  });

  it('staff reach their own message centre from the workbench', async () => {
    await signInStaff(page, baseUrl, 'xh.handler', staffRoutes.inbox, 'staff-inbox-page');
    await shown(page, 'staff-nav-messages').click();
    await onPage(page, 'messages-page');
    await settled(page);
    const titles = await current(page).getByRole('heading', { level: 2 }).allTextContents();
    expect(titles).toContain('有信访事项交给本单位');
    await audit('messages-staff', 'messages-page');
    await current(page)
      .getByTestId('message')
      .filter({ hasText: petitionNumber })
      .filter({ hasText: '有信访事项交给本单位' })
      .getByTestId('message-open')
      .click();
    await onPage(page, 'staff-petition-page');
    expect(page.url()).toContain(petitionId);
  });

  it('finds no serious or critical violations', () => {
    expect(findings.size).toBe(2 * 3);
    const failing = [...findings].filter(([, violations]) => violations.length > 0);
    expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
  });
});

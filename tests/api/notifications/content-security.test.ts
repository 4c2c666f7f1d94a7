import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FAKE_WECHAT_TEXT } from '@xinfang/server/testing/fake-wechat-server';
import type { ContentCheck } from '@xinfang/shared/schemas/notifications';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { freePort } from '../../support/free-port';
import { call, multipartFile, TINY_PNG } from '../identity/support';
import { expectError, PetitionKit } from '../petitions/kit';
import { request } from '../support/sign-in';
import {
  fresh,
  type Providers,
  phonePetitioner,
  startProviders,
  type WechatPetitioner,
  wechatPetitioner,
} from './providers';
import { dispatchAll, toldAbout } from './support';

// Many requests per test: generous on a busy machine (never a time limit on behaviour).
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * WeChat content security on what WeChat users publish: the petition's text and their messages by
 * msgSecCheck, their photos by mediaCheckAsync — downloaded by (fake) WeChat from our signed address
 * and judged by a push to our message-push endpoint, signed and encrypted (safe mode). A risky
 * verdict holds the content for review and tells the petitioner plainly; the petition is never
 * dropped, and a check that cannot be made never blocks it.
 */
const PUSH_TOKEN = 'push-token-for-tests';
const AES_KEY = randomBytes(32).toString('base64').replace(/=+$/, '');
let photoVerdict: 'pass' | 'review' | 'risky' = 'pass';
let providers: Providers;
let kit: PetitionKit;
let uploadDir = '';
let base = '';

beforeAll(async () => {
  uploadDir = await mkdtemp(join(tmpdir(), 'xinfang-content-'));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  providers = await startProviders({ mediaVerdict: () => photoVerdict });
  kit = await PetitionKit.start({
    config: {
      ...providers.config({
        WECHAT_PUSH_TOKEN: PUSH_TOKEN,
        WECHAT_PUSH_AES_KEY: AES_KEY,
        PUBLIC_BASE_URL: base,
      }),
      uploadDir,
    },
  });
  await kit.app.listen({ host: '127.0.0.1', port });
  providers.wechat.openApi.setPush({ url: `${base}/api/wechat/push`, token: PUSH_TOKEN, aesKey: AES_KEY });
});
afterAll(async () => {
  await kit?.close();
  await providers?.close();
  if (uploadDir) await rm(uploadDir, { recursive: true, force: true });
});

async function submit(who: WechatPetitioner, content: string, withPhoto = false): Promise<Submitted> {
  const token = (await fresh(kit, who)).token;
  const attachmentIds: string[] = [];
  if (withPhoto) {
    const upload = await call(kit.app, 'POST', '/api/attachments', { token, ...multipartFile(TINY_PNG) });
    expect(upload.statusCode, upload.body).toBe(201);
    attachmentIds.push(upload.json().id);
  }
  const response = await request(kit.app, 'POST', '/api/petitions', {
    token,
    body: kit.submission({ content, attachmentIds }),
    headers: { 'idempotency-key': `k-${randomUUID()}` },
  });
  expect(response.statusCode, response.body).toBe(201);
  const submitted = response.json() as Submitted;
  kit.versions.set(submitted.petition.id, submitted.petition.version);
  return submitted;
}

async function checksOf(petitionId: string) {
  return kit.app.db
    .selectFrom('content_check')
    .select(['subject', 'status', 'suggest'])
    .where('petition_id', '=', petitionId)
    .orderBy('subject')
    .execute();
}

describe('the text of a petition and of messages', () => {
  let person: WechatPetitioner;
  beforeAll(async () => {
    person = await wechatPetitioner(kit, providers, 'code-content-1', null);
  });

  it('passes ordinary text, checked with the writer’s openid and scene', async () => {
    const { petition } = await submit(person, '宿舍热水器坏了两周，请尽快维修。');
    await dispatchAll(kit);
    expect(await checksOf(petition.id)).toEqual([{ subject: 'petition', status: 'passed', suggest: 'pass' }]);
    expect(providers.wechat.openApi.textChecks.at(-1)).toMatchObject({ openid: person.openid, scene: 3 });
    expect(await toldAbout(kit, petition.id)).not.toHaveProperty('content_held');
    expect((await kit.audit(petition.id)).map((a) => a.action)).not.toContain('content.hold');
  });

  it('holds risky text for review: the petitioner is told plainly, reception reviews, the petition goes on', async () => {
    const { petition } = await submit(person, `投诉内容：${FAKE_WECHAT_TEXT.risky}，请处理。`);
    await dispatchAll(kit);
    expect(await checksOf(petition.id)).toEqual([{ subject: 'petition', status: 'held', suggest: 'risky' }]);
    const told = await toldAbout(kit, petition.id);
    expect(told.content_held).toEqual([person.id]);
    expect(told.content_review).toEqual([kit.staffId('ds.reception')]);
    const mine = await request(kit.app, 'GET', '/api/me/notifications', {
      token: (await fresh(kit, person)).token,
    });
    const plain = (mine.json() as { items: { event: string; body: string }[] }).items.find(
      (n) => n.event === 'content_held',
    );
    expect(plain?.body).toContain('不会被删除');
    // Art 21: registered and handled like any other.
    expect((await kit.detail('ds.reception', petition.id)).state).toBe('registered');
    await kit.act('ds.reception', petition.id, 'accept');

    // Older held content across the organisation, in a petition the mine cannot see, does not
    // crowd the mine's own out of its list.
    const other = (await kit.register('reception', { concernedUnitId: kit.unit('JA-XH-AQK') })).petition;
    expectError(await kit.http('ds.reception', 'GET', `/api/petitions/${other.id}`), 404, 'NOT_FOUND');
    const crowd = Array.from({ length: 201 }, (_, i) => ({
      id: `ZCROWD${String(i).padStart(20, '0')}`,
      petition_id: other.id,
      petitioner_id: person.id,
      subject: 'message' as const,
      subject_ref: String(i),
      status: 'held' as const,
      suggest: 'review' as const,
      created_at: '2026-01-01T00:00:00.000Z',
    }));
    await kit.app.db.insertInto('content_check').values(crowd).execute();
    const list = await kit.http('ds.reception', 'GET', '/api/content-checks');
    expect(list.statusCode, list.body).toBe(200);
    const held = list.json().items as ContentCheck[];
    expect(held.some((c) => c.petitionId === other.id)).toBe(false);
    await kit.app.db.deleteFrom('content_check').where('petition_id', '=', other.id).execute();
    const check = held.find((c) => c.petitionId === petition.id);
    expect(check).toMatchObject({ subject: 'petition', status: 'held', petitionNumber: petition.number });
    // Another mine's handler does not see it.
    const elsewhere = (await kit.http('xh.handler', 'GET', '/api/content-checks')).json()
      .items as ContentCheck[];
    expect(elsewhere.some((c) => c.petitionId === petition.id)).toBe(false);

    const url = `/api/petitions/${petition.id}/content-checks/${check?.id}/release`;
    expectError(await kit.http('xh.handler', 'POST', url), 404, 'NOT_FOUND');
    const released = await kit.http('ds.reception', 'POST', url);
    expect(released.json()).toMatchObject({ status: 'released' });
    expect((await kit.http('ds.reception', 'POST', url)).json()).toMatchObject({ status: 'released' });
    const audit = await kit.audit(petition.id);
    expect(audit.filter((a) => a.action === 'content.release')).toHaveLength(1);
    // Hidden by WeChat's verdict, through the system: audited as the system's doing.
    const hold = audit.filter((a) => a.action === 'content.hold');
    expect(hold.map((a) => [a.actor_type, a.actor_id])).toEqual([['system', null]]);
    expect(JSON.parse(hold[0]?.details ?? '{}')).toMatchObject({
      checkId: check?.id,
      subject: 'petition',
      suggest: 'risky',
    });
  });

  it('a message the petitioner writes is checked too (scene 2), and held when WeChat asks for review', async () => {
    const { petition } = await submit(person, '食堂饭菜价格上涨，请说明原因。');
    await dispatchAll(kit);
    const wrote = await request(kit.app, 'POST', `/api/petitions/${petition.id}/actions`, {
      token: (await fresh(kit, person)).token,
      body: {
        type: 'petitioner_message',
        params: { text: `补充：${FAKE_WECHAT_TEXT.review}` },
        version: petition.version,
      },
    });
    expect(wrote.statusCode, wrote.body).toBe(200);
    await dispatchAll(kit);
    expect(await checksOf(petition.id)).toEqual([
      { subject: 'message', status: 'held', suggest: 'review' },
      { subject: 'petition', status: 'passed', suggest: 'pass' },
    ]);
    expect(providers.wechat.openApi.textChecks.at(-1)).toMatchObject({ scene: 2 });
  });

  it('a check that cannot be made never blocks the petition: retried while WeChat is down, recorded when impossible', async () => {
    providers.wechat.openApi.script('msg_sec_check', person.openid, [{ http: 502 }]);
    const down = (await submit(person, '井口照明不足。')).petition.id;
    await kit.app.notifications.dispatcher.dispatchOnce();
    expect(await checksOf(down)).toEqual([{ subject: 'petition', status: 'pending', suggest: null }]);
    kit.tick({ minutes: 1 });
    await dispatchAll(kit);
    expect(await checksOf(down)).toEqual([{ subject: 'petition', status: 'passed', suggest: 'pass' }]);

    // 61010: the person has not opened the mini-program within two hours — WeChat will not check.
    providers.wechat.openApi.script('msg_sec_check', person.openid, [{ errcode: 61010 }]);
    const stale = (await submit(person, '班车时间调整后无法按时到岗。')).petition.id;
    await dispatchAll(kit);
    expect(await checksOf(stale)).toEqual([{ subject: 'petition', status: 'unchecked', suggest: null }]);
    expect((await kit.detail('ds.reception', stale)).state).toBe('registered');
  });
});

describe('photos, by mediaCheckAsync and the message push', () => {
  let person: WechatPetitioner;
  beforeAll(async () => {
    person = await wechatPetitioner(kit, providers, 'code-content-2', null);
  });

  it('WeChat downloads the photo from our signed address and pushes its verdict, encrypted', async () => {
    photoVerdict = 'risky';
    const { petition } = await submit(person, '设备房漏水照片见附件。', true);
    await dispatchAll(kit); // the text, then the photo
    await dispatchAll(kit);
    await providers.wechat.openApi.settled();
    const [check] = providers.wechat.openApi.mediaChecks.slice(-1);
    expect(check).toMatchObject({ openid: person.openid, verdict: 'risky', pushed: true });
    expect(check?.url.startsWith(`${base}/api/wechat/media/`)).toBe(true);
    expect(await checksOf(petition.id)).toEqual([
      { subject: 'petition', status: 'passed', suggest: 'pass' },
      { subject: 'photo', status: 'held', suggest: 'risky' },
    ]);
    expect((await toldAbout(kit, petition.id)).content_held).toEqual([person.id]);
    const hold = (await kit.audit(petition.id)).filter((a) => a.action === 'content.hold');
    expect(hold.map((a) => [a.actor_type, JSON.parse(a.details ?? '{}').subject])).toEqual([
      ['system', 'photo'],
    ]);
    // Its address worked once, for a photo waiting for its verdict: not any more.
    expect((await fetch(check?.url as string)).status).toBe(404);
    expect(check?.downloadHeaders?.['x-content-type-options']).toBe('nosniff');
    // WeChat's read is audited as the system's, from where it came; the address, a credential
    // for an hour, is never written to the log.
    const token = String(check?.url).split('/').pop() ?? '';
    const attachmentId = token.split('.')[0] as string;
    const reads = (await kit.audit(attachmentId)).filter((a) => a.action === 'attachment.view');
    expect(reads.map((a) => [a.actor_type, a.actor_id, JSON.parse(a.details ?? '{}').reader])).toEqual([
      ['system', null, 'wechat_media_check'],
    ]);
    const logged = kit.logs.lines.filter((line) => line.includes('/api/wechat/media/'));
    expect(logged.length).toBeGreaterThan(0);
    for (const line of logged) {
      expect(line).not.toContain(token.split('.')[2]);
      expect(line).toContain('/api/wechat/media/[redacted]');
    }
    photoVerdict = 'pass';
  });

  it('checks the photos a message brings (补充材料) after its text, and only those', async () => {
    const { petition } = await submit(person, '工资条稍后补充。', true);
    await dispatchAll(kit);
    await dispatchAll(kit);
    await providers.wechat.openApi.settled();
    const token = (await fresh(kit, person)).token;
    const upload = await call(kit.app, 'POST', '/api/attachments', { token, ...multipartFile(TINY_PNG) });
    expect(upload.statusCode, upload.body).toBe(201);
    const checkedBefore = providers.wechat.openApi.mediaChecks.length;
    const wrote = await request(kit.app, 'POST', `/api/petitions/${petition.id}/actions`, {
      token,
      body: {
        type: 'petitioner_message',
        params: { text: '三月工资条', attachmentIds: [upload.json().id] },
        version: petition.version,
      },
    });
    expect(wrote.statusCode, wrote.body).toBe(200);
    await dispatchAll(kit); // the message, then its photo
    await dispatchAll(kit);
    await providers.wechat.openApi.settled();
    const checked = providers.wechat.openApi.mediaChecks.slice(checkedBefore);
    expect(checked.map((c) => String(c.url).split('/').pop()?.split('.')[0])).toEqual([upload.json().id]);
    expect(await checksOf(petition.id)).toEqual([
      { subject: 'message', status: 'passed', suggest: 'pass' },
      { subject: 'petition', status: 'passed', suggest: 'pass' },
      { subject: 'photo', status: 'passed', suggest: 'pass' },
      { subject: 'photo', status: 'passed', suggest: 'pass' },
    ]);
  });

  it('refuses a forged push, answers WeChat’s URL check, and a wrong photo address finds nothing', async () => {
    const forged = await fetch(`${base}/api/wechat/push?signature=0&timestamp=1&nonce=2&msg_signature=0`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ToUserName: 'gh_x', Encrypt: 'AAAA' }),
    });
    expect(forged.status).toBe(403);
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');

    const timestamp = '1714036504';
    const nonce = '1514711492';
    const signature = createHash('sha1').update([PUSH_TOKEN, timestamp, nonce].sort().join('')).digest('hex');
    const verified = await fetch(
      `${base}/api/wechat/push?signature=${signature}&timestamp=${timestamp}&nonce=${nonce}&echostr=4375120948345356249`,
    );
    expect(await verified.text()).toBe('4375120948345356249');
    const wrong = await fetch(
      `${base}/api/wechat/push?signature=${signature}&timestamp=1&nonce=${nonce}&echostr=x`,
    );
    expect(wrong.status).toBe(403);

    expect(
      (await fetch(`${base}/api/wechat/media/01ZZZZZZZZZZZZZZZZZZZZZZZZ.9999999999.forged`)).status,
    ).toBe(404);
  });
});

describe('h5 and staff-registered petitions', () => {
  it('are not WeChat users’ publications: no check', async () => {
    const token = await phonePetitioner(kit, providers, '13800000001');
    const h5 = await request(kit.app, 'POST', '/api/petitions', {
      token,
      body: kit.submission({ content: `手机网页提交：${FAKE_WECHAT_TEXT.risky}` }),
      headers: { 'idempotency-key': `k-${randomUUID()}` },
    });
    expect(h5.statusCode, h5.body).toBe(201);
    const registered = await kit.register('ds.reception');
    await dispatchAll(kit);
    expect(await checksOf(h5.json().petition.id)).toEqual([]);
    expect(await checksOf(registered.petition.id)).toEqual([]);
  });
});

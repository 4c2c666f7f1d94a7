import { createCipheriv, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pushSignature, WechatPush } from './message-push';

const appId = 'wx0123456789push';
const token = 'AAAAA';
const aesKey = randomBytes(32).toString('base64').replace(/=+$/, '');

/** Safe-mode encryption as WeChat documents it, written here apart from the code under test. */
function encrypt(text: string, app = appId): string {
  const key = Buffer.from(`${aesKey}=`, 'base64');
  const message = Buffer.from(text);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(message.length);
  const plain = Buffer.concat([randomBytes(16), length, message, Buffer.from(app)]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([
    cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])),
    cipher.final(),
  ]).toString('base64');
}

describe('the message push', () => {
  it('signs as WeChat’s worked example does', () => {
    expect(pushSignature('AAAAA', ['1714036504', '1514711492'])).toBe(
      'f464b24fc39322e44b38aa78f5edd27bd1441696',
    );
    const push = new WechatPush({ token, appId });
    expect(
      push.verifyUrl({
        signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696',
        timestamp: '1714036504',
        nonce: '1514711492',
        echostr: '4375120948345356249',
      }),
    ).toBe('4375120948345356249');
    expect(
      push.verifyUrl({
        signature: 'f464b24fc39322e44b38aa78f5edd27bd1441697',
        timestamp: '1714036504',
        nonce: '1514711492',
        echostr: 'x',
      }),
    ).toBeNull();
  });

  it('opens a plain-text push only with its signature', () => {
    const push = new WechatPush({ token, appId });
    const query = { timestamp: '1714037059', nonce: '486452656' };
    const signature = pushSignature(token, [query.timestamp, query.nonce]);
    const event = { MsgType: 'event', Event: 'debug_demo' };
    expect(push.open({ ...query, signature }, event)).toEqual(event);
    expect(push.open({ ...query, signature: signature.replace(/.$/, '0') }, event)).toBeNull();
  });

  it('decrypts a safe-mode push whose msg_signature holds and whose app id is ours', () => {
    const push = new WechatPush({ token, appId, aesKey });
    const query = { timestamp: '1714037059', nonce: '486452656', encrypt_type: 'aes' };
    const event = { Event: 'wxa_media_check', trace_id: 't-1', result: { suggest: 'risky', label: 20002 } };
    const Encrypt = encrypt(JSON.stringify(event));
    const msg_signature = pushSignature(token, [query.timestamp, query.nonce, Encrypt]);
    expect(push.open({ ...query, msg_signature }, { ToUserName: 'gh_x', Encrypt })).toEqual(event);
    // Another app's message, a tampered body, a wrong signature: refused.
    const foreign = encrypt(JSON.stringify(event), 'wx-someone-else');
    expect(
      push.open(
        { ...query, msg_signature: pushSignature(token, [query.timestamp, query.nonce, foreign]) },
        { Encrypt: foreign },
      ),
    ).toBeNull();
    const tampered = `${Encrypt.slice(0, -8)}AAAAAAA=`;
    expect(
      push.open(
        { ...query, msg_signature: pushSignature(token, [query.timestamp, query.nonce, tampered]) },
        { Encrypt: tampered },
      ),
    ).toBeNull();
    expect(push.open({ ...query, msg_signature }, { Encrypt: encrypt('{}') })).toBeNull();
    // Safe mode takes no plain text.
    expect(
      push.open({ ...query, signature: pushSignature(token, [query.timestamp, query.nonce]) }, event),
    ).toBeNull();
  });
});

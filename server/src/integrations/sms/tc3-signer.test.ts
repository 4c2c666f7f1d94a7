import { describe, expect, it } from 'vitest';
import { signTc3, utcDate } from './tc3-signer';

/**
 * Tencent Cloud's worked example from "Signature v3" (API 3.0 common docs): DescribeInstances on
 * CVM in ap-guangzhou at timestamp 1551113065, with the documented example SecretKey. The page
 * masks the SecretId, which does not enter the signature; any id works.
 */
const example = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
  service: 'cvm',
  host: 'cvm.tencentcloudapi.com',
  contentType: 'application/json; charset=utf-8',
  payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
  timestamp: 1551113065,
};

describe('signTc3', () => {
  it('reproduces the canonical request of Tencent’s worked example', () => {
    expect(signTc3(example).canonicalRequest).toBe(
      [
        'POST',
        '/',
        '',
        'content-type:application/json; charset=utf-8',
        'host:cvm.tencentcloudapi.com',
        '',
        'content-type;host',
        '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
      ].join('\n'),
    );
  });

  it('reproduces the string to sign of Tencent’s worked example', () => {
    expect(signTc3(example).stringToSign).toBe(
      [
        'TC3-HMAC-SHA256',
        '1551113065',
        '2019-02-25/cvm/tc3_request',
        '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
      ].join('\n'),
    );
  });

  it('reproduces the signature and Authorization of Tencent’s worked example', () => {
    const signed = signTc3(example);
    expect(signed.signature).toBe('72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168');
    expect(signed.authorization).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, ' +
        'Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });

  it('dates the scope in UTC, not Beijing time', () => {
    // 1551113065 is 2019-02-26 00:44:25 in UTC+8 but still 2019-02-25 in UTC.
    expect(utcDate(1551113065)).toBe('2019-02-25');
    expect(utcDate(0)).toBe('1970-01-01');
  });

  it('changes with every input that is signed', () => {
    const base = signTc3(example).signature;
    expect(signTc3({ ...example, secretKey: `${example.secretKey}x` }).signature).not.toBe(base);
    expect(signTc3({ ...example, payload: `${example.payload} ` }).signature).not.toBe(base);
    expect(signTc3({ ...example, host: 'sms.tencentcloudapi.com' }).signature).not.toBe(base);
    expect(signTc3({ ...example, timestamp: example.timestamp + 1 }).signature).not.toBe(base);
    expect(signTc3({ ...example, contentType: 'application/json' }).signature).not.toBe(base);
    expect(signTc3({ ...example, secretId: 'AKIDother' }).signature).toBe(base);
  });
});

/**
 * The accounts the fake WeChat and Tencent SMS servers are started with, and the environment that
 * points a server (in this process through `loadConfig`, or started as a process) at them.
 */
export const FAKE_SMS_ACCOUNT = {
  secretId: 'AKIDfakeproviders0001',
  secretKey: 'fake-providers-sms-key-that-must-not-leak',
  sdkAppId: '1400009999',
  signName: '信访通',
  templateId: '1000001',
};

export const FAKE_WECHAT_APP = {
  appId: 'wx0123456789fakeapp',
  appSecret: 'fake-providers-secret-that-must-never-leak',
};

export function smsEnv(baseUrl: string): Record<string, string> {
  return {
    TENCENT_SMS_SECRET_ID: FAKE_SMS_ACCOUNT.secretId,
    TENCENT_SMS_SECRET_KEY: FAKE_SMS_ACCOUNT.secretKey,
    TENCENT_SMS_SDK_APP_ID: FAKE_SMS_ACCOUNT.sdkAppId,
    TENCENT_SMS_SIGN_NAME: FAKE_SMS_ACCOUNT.signName,
    TENCENT_SMS_TEMPLATE_ID: FAKE_SMS_ACCOUNT.templateId,
    TENCENT_SMS_BASE_URL: baseUrl,
  };
}

export function wechatEnv(baseUrl: string): Record<string, string> {
  return {
    WECHAT_APP_ID: FAKE_WECHAT_APP.appId,
    WECHAT_APP_SECRET: FAKE_WECHAT_APP.appSecret,
    WECHAT_API_BASE_URL: baseUrl,
  };
}

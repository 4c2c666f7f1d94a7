import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { createSmsSender } from '../integrations/sms/create-sms-sender';
import type { SmsSender } from '../integrations/sms/sms-sender';
import { createWechatAuth } from '../integrations/wechat/create-wechat-auth';
import { createWechatServices, type WechatServices } from '../integrations/wechat/create-wechat-services';
import type { WechatAuth } from '../integrations/wechat/wechat-auth';

declare module 'fastify' {
  interface FastifyInstance {
    wechatAuth: WechatAuth;
    /** Subscribe messages, content security and the message push. */
    wechat: WechatServices;
    smsSender: SmsSender;
  }
}

/** The external services, chosen from the config: the real clients, or labelled development stand-ins. */
export default fp(
  async function integrations(app: FastifyInstance) {
    const { mode, wechat, sms } = app.config;
    app.decorate(
      'wechatAuth',
      createWechatAuth({
        mode,
        logger: app.log,
        appId: wechat.appId,
        appSecret: wechat.appSecret,
        baseUrl: wechat.apiBase,
      }),
    );
    app.decorate(
      'wechat',
      createWechatServices({
        mode,
        logger: app.log,
        appId: wechat.appId,
        appSecret: wechat.appSecret,
        baseUrl: wechat.apiBase,
        miniprogramState: wechat.miniprogramState,
        pushToken: wechat.pushToken,
        pushAesKey: wechat.pushAesKey,
      }),
    );
    app.decorate(
      'smsSender',
      createSmsSender({
        mode,
        logger: app.log,
        secretId: sms.secretId,
        secretKey: sms.secretKey,
        sdkAppId: sms.sdkAppId,
        signName: sms.signName,
        templateId: sms.templateId,
        region: sms.region,
        baseUrl: sms.apiBase,
      }),
    );
  },
  { name: 'integrations', dependencies: ['config'] },
);

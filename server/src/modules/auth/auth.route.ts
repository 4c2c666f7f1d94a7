import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  BindPhoneBodySchema,
  ChangePasswordBodySchema,
  MeSchema,
  OtpLoginBodySchema,
  OtpRequestAnswerSchema,
  OtpRequestBodySchema,
  RefreshBodySchema,
  SignInAnswerSchema,
  StaffLoginBodySchema,
  TokenPairSchema,
  WechatLoginBodySchema,
} from '@xinfang/shared/schemas/identity';
import { Type } from 'typebox';
import { contextOf, petitionerIdOf, principalOf } from '../../http/request-context';
import { answers } from '../../http/responses';
import { createPetitionerService } from '../petitioners/petitioner.service';
import { staffDeps } from '../staff/staff.deps';
import { createStaffService } from '../staff/staff.service';
import { createAuthService } from './auth.service';

/** Signing in and out, and who am I. */
const authRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const auth = createAuthService({
    db: app.db,
    pii: app.pii,
    signToken: (claims) => app.jwt.sign(claims),
    smsSender: app.smsSender,
    wechatAuth: app.wechatAuth,
    hashKey: app.config.pii.hashKey,
  });
  const staff = createStaffService(staffDeps(app));
  const petitioners = createPetitionerService({ db: app.db, pii: app.pii });
  const me = (subject: { type: 'staff' | 'petitioner'; id: string }) =>
    subject.type === 'staff' ? staff.describe(subject.id) : petitioners.describe(subject.id);
  const tags = ['auth'];

  app.post(
    '/auth/staff/login',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Staff sign-in with username and password',
        body: StaffLoginBodySchema,
        response: answers({ 200: SignInAnswerSchema }),
      },
    },
    async (request) => {
      const { subject, tokens } = await auth.staffLogin(
        contextOf(request),
        request.body.username,
        request.body.password,
      );
      return { tokens, me: await me(subject) };
    },
  );

  app.post(
    '/auth/wechat/login',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Petitioner sign-in with the code from wx.login',
        body: WechatLoginBodySchema,
        response: answers({ 200: SignInAnswerSchema }),
      },
    },
    async (request) => {
      const { subject, tokens } = await auth.wechatLogin(contextOf(request), request.body.code);
      return { tokens, me: await me(subject) };
    },
  );

  app.post(
    '/auth/otp',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Send a one-time sign-in code by SMS',
        body: OtpRequestBodySchema,
        response: answers({ 200: OtpRequestAnswerSchema }),
      },
    },
    async (request) => auth.requestOtp(contextOf(request), request.body.phone),
  );

  app.post(
    '/auth/otp/login',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Petitioner sign-in with phone and one-time code',
        body: OtpLoginBodySchema,
        response: answers({ 200: SignInAnswerSchema }),
      },
    },
    async (request) => {
      const { subject, tokens } = await auth.otpLogin(
        contextOf(request),
        request.body.phone,
        request.body.code,
      );
      return { tokens, me: await me(subject) };
    },
  );

  app.post(
    '/auth/refresh',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'Trade a refresh token for a new pair (once)',
        body: RefreshBodySchema,
        response: answers({ 200: TokenPairSchema }),
      },
    },
    async (request) => auth.refresh(contextOf(request), request.body.refreshToken),
  );

  app.post(
    '/auth/logout',
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: 'End the session of a refresh token',
        body: RefreshBodySchema,
        response: answers({ 204: Type.Null() }),
      },
    },
    async (request, reply) => {
      await auth.logout(contextOf(request), request.body.refreshToken);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      config: { access: { signedIn: true, whileChangingPassword: true } },
      schema: { tags, summary: 'The signed-in account', response: answers({ 200: MeSchema }) },
    },
    async (request) => {
      const principal = principalOf(request);
      return me({ type: principal.kind, id: principal.id });
    },
  );

  app.post(
    '/auth/password',
    {
      config: { access: { signedIn: true, whileChangingPassword: true } },
      schema: {
        tags,
        summary: 'Staff change their own password: every other session ends; the answer is a fresh one',
        body: ChangePasswordBodySchema,
        response: answers({ 200: TokenPairSchema }),
      },
    },
    async (request) =>
      staff.changeOwnPassword(contextOf(request), request.body.currentPassword, request.body.newPassword),
  );

  app.post(
    '/auth/phone',
    {
      config: { access: { petitioner: true } },
      schema: {
        tags,
        summary: 'A petitioner proves a phone number with a one-time code',
        body: BindPhoneBodySchema,
        response: answers({ 200: MeSchema }),
      },
    },
    async (request) => {
      const petitionerId = petitionerIdOf(request);
      await auth.bindPhone(contextOf(request), petitionerId, request.body.phone, request.body.code);
      return petitioners.describe(petitionerId);
    },
  );
};

export default authRoutes;

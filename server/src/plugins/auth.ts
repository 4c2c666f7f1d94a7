import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '../access/principal';
import { loadSessionPrincipal } from '../access/principal.repository';
import { AppError } from '../errors';
import {
  ACCESS_TOKEN_SECONDS,
  type SubjectType,
  TOKEN_AUDIENCE,
  TOKEN_ISSUER,
} from '../security/session-policy';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in caller, or null. Set before any route-level check runs. */
    principal: Principal | null;
  }
}

export interface AccessClaims {
  sub: string;
  typ: SubjectType;
  /** The session (refresh-token family) the token was issued in. */
  sid: string;
}

/**
 * Access tokens: HS256 only (the algorithm is pinned, so `alg: none` and key confusion fail),
 * issuer and audience checked, 15 minutes. The account behind a token and the session it names are
 * loaded on every request, so disabling an account, signing out, changing the password or a
 * revoked session stops it at once, and roles are never stale.
 */
export default fp(
  async function auth(app: FastifyInstance) {
    await app.register(jwt, {
      secret: app.config.jwtSecret,
      sign: {
        algorithm: 'HS256',
        iss: TOKEN_ISSUER,
        aud: TOKEN_AUDIENCE,
        expiresIn: `${ACCESS_TOKEN_SECONDS}s`,
      },
      verify: {
        algorithms: ['HS256'],
        allowedIss: TOKEN_ISSUER,
        allowedAud: TOKEN_AUDIENCE,
        requiredClaims: ['sub', 'typ', 'sid', 'iat', 'exp', 'iss', 'aud'],
        // Verified tokens are kept (until they expire) instead of checked again on every request;
        // refused ones never are (fast-jwt would otherwise answer from its cache again should the
        // clock go back).
        cache: 10_000,
        errorCacheTTL: () => Number.NEGATIVE_INFINITY,
      },
    });

    app.decorateRequest('principal', null);
    app.addHook('onRequest', async (request) => {
      const token = bearerToken(request);
      if (token === null) return;
      request.principal = await principalFromToken(app, token);
    });
  },
  { name: 'auth', dependencies: ['config', 'database'] },
);

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (!header) return null;
  const match = /^Bearer ([\w.-]+)$/.exec(header);
  if (!match?.[1]) throw new AppError('UNAUTHENTICATED', '登录凭证格式不正确', { reason: 'malformed' });
  return match[1];
}

async function principalFromToken(app: FastifyInstance, token: string): Promise<Principal> {
  let claims: AccessClaims;
  try {
    claims = app.jwt.verify<AccessClaims>(token);
  } catch (error) {
    const expired = (error as { code?: string }).code === 'FAST_JWT_EXPIRED';
    throw new AppError('UNAUTHENTICATED', expired ? '登录已过期，请重新登录' : '登录凭证无效', {
      reason: expired ? 'expired' : 'invalid',
    });
  }
  if ((claims.typ !== 'staff' && claims.typ !== 'petitioner') || typeof claims.sid !== 'string') {
    throw new AppError('UNAUTHENTICATED', '登录凭证无效', { reason: 'invalid' });
  }
  const session = { sid: claims.sid, now: new Date() };
  const principal = await loadSessionPrincipal(app.db, claims.typ, claims.sub, session);
  if (principal === 'ended') {
    throw new AppError('UNAUTHENTICATED', '登录状态已结束，请重新登录', { reason: 'revoked' });
  }
  if (!principal) throw new AppError('UNAUTHENTICATED', '账号已停用或不存在', { reason: 'revoked' });
  return principal;
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import {
  type Decision,
  decideRoute,
  decideTarget,
  type RouteAccess,
  type TargetScope,
  type TargetType,
} from '../access/policy';
import { ScopeRefusal } from '../access/scope';
import { auditActor, recordAudit } from '../audit/audit-log';
import { AppError } from '../errors';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** What the route needs from its caller (see access/policy.ts). Required on every `/api` route. */
    access?: RouteAccess;
  }
  interface FastifyInstance {
    access: {
      /** Teaches the access check how to find the units (and recusals) of a target by its id. */
      registerTarget(type: TargetType, load: TargetLoader): void;
      /** Every `/api` route and its declared access, for the authorization matrix. */
      routes(): ReadonlyArray<{ method: string; url: string; access: RouteAccess }>;
    };
  }
}

export type TargetLoader = (id: string, request: FastifyRequest) => Promise<TargetScope | null>;

/**
 * Enforces every route's declared access, so handlers never check permissions by hand. A route
 * under `/api` that declares nothing stops the app from booting. Role checks run as soon as the
 * caller is known (before the body is read); target checks run once parameters are validated.
 * Refusals on a named target are audited.
 */
export default fp(
  async function access(app: FastifyInstance) {
    const loaders = new Map<TargetType, TargetLoader>();
    const declared: { method: string; url: string; access: RouteAccess }[] = [];

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/api/') || route.method === 'HEAD') return;
      const routeAccess = route.config?.access;
      if (!routeAccess) throw new Error(`${route.method} ${route.url} declares no access policy`);
      for (const method of [route.method].flat())
        declared.push({ method, url: route.url, access: routeAccess });
    });

    app.decorate('access', {
      registerTarget(type: TargetType, load: TargetLoader) {
        loaders.set(type, load);
      },
      routes: () => declared,
    });

    app.addHook('onRequest', async (request) => {
      const routeAccess = request.routeOptions.config.access;
      if (routeAccess) enforce(decideRoute(request.principal, routeAccess));
    });

    app.addHook('preHandler', async (request) => {
      const routeAccess = request.routeOptions.config.access;
      if (!routeAccess || 'public' in routeAccess || !routeAccess.target || !request.principal) return;
      const { type, from } = routeAccess.target;
      const source = 'param' in from ? request.params : request.body;
      const id = (source as Record<string, unknown> | undefined)?.['param' in from ? from.param : from.body];
      const load = loaders.get(type);
      if (!load) throw new Error(`no target loader registered for ${type}`);
      const decision = decideTarget(
        request.principal,
        typeof id === 'string' ? await load(id, request) : null,
      );
      if (!decision.allow) {
        await recordAudit(app.db, auditActor(request), {
          action: 'access.denied',
          outcome: 'denied',
          target: { type, id: typeof id === 'string' ? id : null },
          details: { route: `${request.method} ${request.routeOptions.url}` },
        });
      }
      enforce(decision);
    });

    // A route's own check of a second target (access/scope.ts) is audited the same way. By the time
    // the error gets here the route's transaction has rolled back, so this entry stays.
    app.addHook('onError', async (request, _reply, error) => {
      if (!(error instanceof ScopeRefusal)) return;
      await recordAudit(app.db, auditActor(request), {
        action: 'access.denied',
        outcome: 'denied',
        target: error.target,
        details: { route: `${request.method} ${request.routeOptions.url}` },
      });
    });
  },
  { name: 'access', dependencies: ['auth', 'database'] },
);

function enforce(decision: Decision): void {
  if (!decision.allow) throw new AppError(decision.code, decision.message);
}

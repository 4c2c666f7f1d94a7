import type { FastifyRequest } from 'fastify';
import type { Principal, StaffPrincipal } from '../access/principal';
import { type AuditActor, auditActor } from '../audit/audit-log';
import { AppError } from '../errors';

/** What a service needs to know about the request it serves: who, from where, and when. */
export interface RequestContext {
  principal: Principal | null;
  actor: AuditActor;
  ip: string;
  now: Date;
}

export function contextOf(request: FastifyRequest): RequestContext {
  return { principal: request.principal, actor: auditActor(request), ip: request.ip, now: new Date() };
}

/** The caller of a route whose access already required one. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.principal;
}

export function staffOf(request: FastifyRequest): StaffPrincipal {
  const principal = principalOf(request);
  if (principal.kind !== 'staff') throw new AppError('FORBIDDEN', '仅限工作人员使用');
  return principal;
}

export function petitionerIdOf(request: FastifyRequest): string {
  const principal = principalOf(request);
  if (principal.kind !== 'petitioner') throw new AppError('FORBIDDEN', '仅限信访人本人使用');
  return principal.id;
}

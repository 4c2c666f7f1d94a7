import type { FastifyRequest } from 'fastify';
import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Principal } from '../access/principal';
import { newId } from '../db/ids';
import { rowInserter } from '../db/prepared';
import type { AuditLogTable, DB } from '../db/schema';
import { pathOf } from '../db/subtree';

/**
 * The audit log (MLPS 2.0 level 3 security audit; PIPL Art 51): who did what to which target,
 * when, from where, and how it ended — every sign-in, every state change, every reveal of personal
 * data. Append-only: the application only inserts, and the retention job alone deletes old entries.
 * Written in the same transaction as the change it records. Never holds personal data itself.
 */
export interface AuditActor {
  actorType: AuditLogTable['actor_type'];
  actorId: string | null;
  unitPath: string | null;
  ip: string | null;
  requestId: string | null;
}

export interface AuditEntry {
  /** `<area>.<verb>`, e.g. `auth.login`, `petition.assign`, `petitioner.reveal` */
  action: string;
  outcome: AuditLogTable['outcome'];
  target?: { type: string; id: string | null };
  /** Identifiers and reasons only, never personal data. */
  details?: Record<string, string | number | boolean | null>;
  /** Overrides the actor's unit when the entry belongs elsewhere (e.g. a petition's handling unit). */
  unitPath?: string | null;
  /**
   * The petition the entry concerns when its target is something else (a petitioner revealed or
   * registered for it, one of its attachments); a petition target is its own. Reading the log
   * applies the accuser firewall through it (Art 30).
   */
  petitionId?: string | null;
}

export function auditActor(request: FastifyRequest): AuditActor {
  return auditActorOf(request.principal, request.ip, request.id);
}

/** The actor an entry names: who (if anyone), their unit for staff, from where. */
export function auditActorOf(
  principal: Principal | null,
  ip: string | null,
  requestId: string | null,
): AuditActor {
  return {
    actorType: principal?.kind ?? 'anonymous',
    actorId: principal?.id ?? null,
    unitPath: principal?.kind === 'staff' ? pathOf(principal.unit.path) : null,
    ip,
    requestId,
  };
}

export const SYSTEM_AUDIT_ACTOR: AuditActor = {
  actorType: 'system',
  actorId: null,
  unitPath: null,
  ip: null,
  requestId: null,
};

export async function recordAudit(
  db: Kysely<DB> | Transaction<DB>,
  actor: AuditActor,
  entry: AuditEntry,
  at: Date = new Date(),
): Promise<void> {
  await insertEntry(db, [auditRow(actor, entry, at)]);
}

const insertEntry = rowInserter('audit_log');

/** The row an entry is written as. */
export function auditRow(actor: AuditActor, entry: AuditEntry, at: Date): Insertable<AuditLogTable> {
  return {
    id: newId(at.getTime()),
    at: at.toISOString(),
    actor_type: actor.actorType,
    actor_id: actor.actorId,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    outcome: entry.outcome,
    unit_path: entry.unitPath === undefined ? actor.unitPath : entry.unitPath,
    ip: actor.ip,
    request_id: actor.requestId,
    details: entry.details ? JSON.stringify(entry.details) : null,
    petition_id: entry.petitionId ?? (entry.target?.type === 'petition' ? entry.target.id : null),
  };
}

import { type Static, Type } from 'typebox';

/** Why the database is not fully usable: unreachable, or reachable but refusing writes. */
export const DatabaseProblemSchema = Type.Object({
  kind: Type.Union([
    Type.Literal('unreachable'),
    Type.Literal('full'),
    Type.Literal('read_only'),
    Type.Literal('io_error'),
  ]),
  /** When the server first met it. */
  since: Type.String({ format: 'date-time' }),
});

/**
 * The public health (`GET /api/health`): up or degraded, and whether the database can be reached and
 * takes writes. Nothing about the engine or its version (issue 11): administrators read those in
 * `GET /api/admin/health` (schemas/admin.ts).
 */
export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  db: Type.Object({
    /** Reachable and taking writes. */
    ok: Type.Boolean(),
    reachable: Type.Boolean(),
    /** False while writes fail for a reason of the database's own (a full disk, a read-only file). */
    writable: Type.Boolean(),
    problem: Type.Union([DatabaseProblemSchema, Type.Null()]),
    /**
     * Since the process started: transactions run again after a deadlock or a lost Galera
     * certification, and those that met one on every attempt and failed.
     */
    conflicts: Type.Object({
      retried: Type.Integer({ minimum: 0 }),
      gaveUp: Type.Integer({ minimum: 0 }),
    }),
  }),
});

export type Health = Static<typeof HealthSchema>;

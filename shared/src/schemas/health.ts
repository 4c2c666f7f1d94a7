import { type Static, Type } from 'typebox';

export const HealthSchema = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('degraded')]),
  db: Type.Object({
    dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('mysql')]),
    ok: Type.Boolean(),
    /** The database server's own version string, or null when it cannot be reached. */
    version: Type.Union([Type.String(), Type.Null()]),
  }),
});

export type Health = Static<typeof HealthSchema>;

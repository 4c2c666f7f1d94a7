/**
 * The files the Galera project runs: those whose subject is what a multi-primary cluster changes
 * (deployment.md, "What the application does for Galera"). Everything else behaves the same
 * through one Galera node as on one MariaDB, where `api-mysql` runs every file; running all of
 * them twice on MariaDB took 640 s of a CI that must stay under 30 minutes on 2 cores.
 *
 * What Galera changes, and the files that exercise it:
 * - the schema: every table keyed, DDL replicated in total order (migrations, the schema checks);
 * - commits certified by every node and retried on conflict (the write path and its races,
 *   the counters kept in the same transaction, idempotent retries, numbering);
 * - no cluster-wide locks: jobs and the migration lease take rows, not GET_LOCK (jobs, the outbox);
 * - backups without table locks.
 */
export const galeraSuites = [
  'server/src/**/*.db.test.ts',
  'tests/api/**/*migration*.test.ts',
  'tests/api/petitions/{loop,paths,concurrency,idempotency,inbox-counts,repeats,co-handling}.test.ts',
  'tests/api/figures/figures.test.ts',
  'tests/api/documents/numbering.test.ts',
  'tests/api/jobs/**/*.test.ts',
  'tests/api/supervision/escalation.test.ts',
  'tests/api/notifications/delivery.test.ts',
  'tests/api/admin/accounts.test.ts',
  'tests/api/claim-undo.test.ts',
  'tests/api/security/throttles-under-load.test.ts',
  'tests/api/cluster/**/*.test.ts',
];

import { readFileSync } from 'node:fs';
import { createTestDatabase, testDialect } from '@xinfang/server/testing';
import { expect, it } from 'vitest';
import type { EndpointName } from '../bench/statements/endpoints';
import { recordStatements } from '../bench/statements/record';
import { type StatementFile, shapeOf } from '../bench/statements/templates';

/**
 * The same-SQL baseline of `pnpm bench` replays the statements recorded from our server
 * (bench/statements/<dialect>.json). When the code runs other statements than the file holds, the
 * baseline would measure SQL we no longer run: record again with
 * `pnpm --filter @xinfang/tests bench:record` and commit the files.
 */
/**
 * How many statements each endpoint may run, per dialect: a budget, so that a statement added to a
 * hot path is a decision, not a side effect of re-recording. Lower it when you cut one; raise it
 * only with the reason in docs/benchmarks.md. (MySQL indexes the ledger's terms in one statement
 * where SQLite's FTS5 takes two.)
 */
const BUDGET: Record<'sqlite' | 'mysql', Record<EndpointName, number>> = {
  sqlite: {
    'petitioner list': 5,
    detail: 6,
    lookup: 13,
    'inbox (mine)': 6,
    'inbox (group)': 6,
    'inbox counts (mine)': 6,
    'submit (first)': 34,
    'submit (2,000 before)': 33,
  },
  mysql: {
    'petitioner list': 5,
    detail: 6,
    lookup: 13,
    'inbox (mine)': 6,
    'inbox (group)': 6,
    'inbox counts (mine)': 6,
    'submit (first)': 33,
    'submit (2,000 before)': 32,
  },
};

it('the baseline replays the statements our server runs now, within their budget', async () => {
  const dialect = testDialect();
  const kept = JSON.parse(
    readFileSync(new URL(`../bench/statements/${dialect}.json`, import.meta.url), 'utf8'),
  ) as StatementFile;
  const database = await createTestDatabase();
  try {
    const now = await recordStatements(dialect, database.url);
    const counts = Object.fromEntries(
      now.endpoints.map((e) => [e.endpoint, e.events.filter((x) => x.kind === 'query').length]),
    );
    for (const [endpoint, budget] of Object.entries(BUDGET[dialect]))
      expect(counts[endpoint], `${endpoint} runs more statements than its budget`).toBeLessThanOrEqual(
        budget,
      );
    expect(
      shapeOf(now.endpoints),
      'bench/statements is stale: run `pnpm --filter @xinfang/tests bench:record` and commit it',
    ).toEqual(shapeOf(kept.endpoints));
  } finally {
    await database.drop();
  }
}, 120_000);

import { readFileSync } from 'node:fs';
import { createTestDatabase, testDialect } from '@xinfang/server/testing';
import { expect, it } from 'vitest';
import { recordStatements } from '../bench/statements/record';
import { type StatementFile, shapeOf } from '../bench/statements/templates';

/**
 * The same-SQL baseline of `pnpm bench` replays the statements recorded from our server
 * (bench/statements/<dialect>.json). When the code runs other statements than the file holds, the
 * baseline would measure SQL we no longer run: record again with
 * `pnpm --filter @xinfang/tests bench:record` and commit the files.
 */
it('the baseline replays the statements our server runs now', async () => {
  const dialect = testDialect();
  const kept = JSON.parse(
    readFileSync(new URL(`../bench/statements/${dialect}.json`, import.meta.url), 'utf8'),
  ) as StatementFile;
  const database = await createTestDatabase();
  try {
    const now = await recordStatements(dialect, database.url);
    expect(
      shapeOf(now.endpoints),
      'bench/statements is stale: run `pnpm --filter @xinfang/tests bench:record` and commit it',
    ).toEqual(shapeOf(kept.endpoints));
  } finally {
    await database.drop();
  }
}, 120_000);

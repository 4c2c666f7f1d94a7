import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startThrowawayMariaDb } from '../support/mariadb';
import { mysqlScratchDatabase, sqliteScratchDatabase } from '../support/scratch-database';
import { recordStatements } from './statements/record';

/**
 * `pnpm --filter @xinfang/tests bench:record`: records the statements our server runs per bench
 * endpoint, on SQLite and on a throwaway MariaDB, into bench/statements/<dialect>.json — the
 * baseline's script. Run it after changing what an endpoint's SQL is; a test says when it is due.
 */
const dir = join(dirname(fileURLToPath(import.meta.url)), 'statements');

const sqlite = sqliteScratchDatabase();
try {
  write(await recordStatements('sqlite', sqlite.url));
} finally {
  await sqlite.drop();
}
const mariadb = await startThrowawayMariaDb();
try {
  const mysql = await mysqlScratchDatabase(mariadb.url, 'xf_record');
  try {
    write(await recordStatements('mysql', mysql.url));
  } finally {
    await mysql.drop();
  }
} finally {
  await mariadb.stop();
}

function write(file: Awaited<ReturnType<typeof recordStatements>>) {
  const path = join(dir, `${file.dialect}.json`);
  writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
  const statements = file.endpoints.reduce(
    (n, e) => n + e.events.filter((x) => x.kind === 'query').length,
    0,
  );
  process.stdout.write(`${path}: ${file.endpoints.length} endpoints, ${statements} statements\n`);
}

import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { describeFailure } from './db/failures';
import { migrateToLatest } from './db/migrate';
import { DatabaseStartError } from './db/sqlite-files';
import { waitForDatabase } from './db/wait-for-database';
import { checkPiiKeys, PiiKeyMismatch } from './security/pii-check';
import { seedDemoIfEmpty } from './seed/demo';
import { seedDemoCases } from './seed/demo-cases';
import { seedDemoHistory } from './seed/demo-history';
import { DEMO_CASE_STAFF, DEMO_PETITIONERS, DEMO_STAFF, DEMO_STAFF_PASSWORD } from './seed/demo-people';

/** Starts the product: migrate, seed the demo when asked, listen, and shut down gracefully. */
async function start(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }

  const app = await buildApp(config).catch((error: unknown) => {
    if (!(error instanceof DatabaseStartError)) throw error;
    console.error(`信访通 cannot start: ${error.message}`);
    process.exit(1);
  });
  await waitForDatabase(app);
  const { applied } = await migrateToLatest(app.db, app.dialect).catch((error: unknown) => {
    // One line an operator can act on (e.g. a user allowed to read but not to create tables).
    const cause = (error as Error).cause;
    app.log.fatal(
      `信访通 cannot start: ${describeFailure(error)}${cause ? ` (${describeFailure(cause)})` : ''}`,
    );
    process.exit(1);
  });
  if (applied.length > 0) app.log.info({ applied }, 'database migrated');
  await checkPiiKeys(app.db, app.pii, new Date()).catch((error: unknown) => {
    if (!(error instanceof PiiKeyMismatch)) throw error;
    // A backup restored without its keys, or a mistyped key: serving would break every account.
    app.log.fatal(`信访通 cannot start: ${error.message} (docs/deployment.md, "Backups and restore")`);
    process.exit(1);
  });
  const seeded = config.seedDemo && (await seedDemoIfEmpty(app.db, app.pii));
  if (seeded) {
    // The history first: time moves forward through it, then on to the recent demo cases.
    const history = config.seedDemoCases && config.seedDemoHistory ? await seedDemoHistory(app) : 0;
    const cases = history + (config.seedDemoCases ? await seedDemoCases(app) : 0);
    app.log.info({ cases }, 'demo data seeded into the empty database');
  }

  closeWithGrace({ delay: config.shutdownGraceMs }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });

  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info(`信访通 is serving at ${address}/ (API docs at ${address}/api/docs)`);
  process.stdout.write(welcome(address, seeded, config.seedDemoCases));
}

/** What a person starting the product needs to read: where to open it and, the first time, how to sign in. */
function welcome(address: string, seeded: boolean, withCases: boolean): string {
  const lines = ['', `  信访通 is running. Open ${address}/ in a browser (API docs: ${address}/api/docs).`];
  if (seeded) {
    lines.push(
      '',
      '  Demo data was created. Staff sign in with one of these usernames and the password',
      `  "${DEMO_STAFF_PASSWORD}" (shown this once; also in the README):`,
      // The cases' own staff (a hand-over's successor, a recused handler) exist only with them.
      ...[...DEMO_STAFF, ...(withCases ? DEMO_CASE_STAFF : [])].map(
        (s) => `    ${s.username.padEnd(14)} ${s.roles.join(', ').padEnd(20)} ${s.displayName}`,
      ),
      '',
      '  Petitioners sign in on the phone page with a demo number and the one-time code that the',
      '  development SMS sender writes to this log ("[DEV SMS — not sent]"):',
      ...DEMO_PETITIONERS.map(
        (p) =>
          `    ${p.phone}  ${p.realName}${p.employeeNumber ? `（职工 ${p.employeeNumber}）` : '（居民）'}`,
      ),
    );
  }
  return `${lines.join('\n')}\n\n`;
}

await start();

import closeWithGrace from 'close-with-grace';
import { buildApp } from './app';
import { ConfigError, loadConfig } from './config';
import { migrateToLatest } from './db/migrate';
import { seedDemoIfEmpty } from './seed/demo';

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

  const app = await buildApp(config);
  const { applied } = await migrateToLatest(app.db, app.dialect);
  if (applied.length > 0) app.log.info({ applied }, 'database migrated');
  if (config.seedDemo) {
    const seeded = await seedDemoIfEmpty(app.db);
    if (seeded) app.log.info('demo data seeded into the empty database');
  }

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info({ signal }, 'shutting down');
    await app.close();
  });

  const address = await app.listen({ host: config.host, port: config.port });
  app.log.info(`信访通 is serving at ${address}/ (API docs at ${address}/api/docs)`);
}

await start();

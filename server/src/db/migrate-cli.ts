import pino from 'pino';
import { loadConfig } from '../config';
import { errorSerializer } from '../http/error-serialization';
import { openDatabase } from './database';
import { migrateToLatest } from './migrate';

const config = loadConfig();
const database = openDatabase(config.databaseUrl, {
  bounds: config.db,
  log: pino({ level: config.logLevel, serializers: { err: errorSerializer } }),
});
try {
  const { applied } = await migrateToLatest(database.db, database.dialect);
  console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
} finally {
  await database.destroy();
}

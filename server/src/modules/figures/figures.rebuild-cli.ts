import { buildApp } from '../../app';
import { loadConfig } from '../../config';
import { rebuildFigures } from './figures.rebuild';

// `pnpm --filter @xinfang/server figures:rebuild`: counts and indexes the petitions a database held
// before the figures existed. Run once after migrating such a database; running it again is harmless.
const app = await buildApp({ ...loadConfig(), runJobs: false, h5Dir: null });
try {
  await app.ready();
  console.log(`Counted ${await rebuildFigures(app.db, app.calendar)} petitions.`);
} finally {
  await app.close();
}

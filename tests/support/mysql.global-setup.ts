import type { TestProject } from 'vitest/node';
import { startThrowawayMariaDb } from './mariadb';

declare module 'vitest' {
  export interface ProvidedContext {
    mysqlUrl: string;
  }
}

/** Gives the MySQL project a server: the one named by TEST_MYSQL_URL, or a throwaway MariaDB. */
export default async function setup(project: TestProject) {
  const given = process.env.TEST_MYSQL_URL;
  if (given) {
    project.provide('mysqlUrl', given);
    return;
  }
  const mariadb = await startThrowawayMariaDb();
  project.provide('mysqlUrl', mariadb.url);
  return () => mariadb.stop();
}

import type { TestProject } from 'vitest/node';
import { startGaleraCluster } from './galera';

/**
 * Gives the Galera project (issue 18) node 1 of a fresh three-node cluster: every MySQL suite runs
 * through it, so each write is certified by all three nodes, as in a cluster deployment.
 */
export default async function setup(project: TestProject) {
  const cluster = await startGaleraCluster(3);
  project.provide('mysqlUrl', cluster.nodes[0]?.url as string);
  return () => cluster.stop();
}

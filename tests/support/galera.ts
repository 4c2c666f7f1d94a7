import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { findMariadbTool } from './tools';

/**
 * A MariaDB Galera cluster on loopback ports for the cluster suite: N nodes, each its own data
 * directory, option file and four ports (clients, group communication, IST, SST), all on
 * 127.0.0.1. The first node bootstraps the cluster; the others join it by state transfer (rsync).
 * A node can be stopped and started again: it rejoins by IST (the missed write sets).
 *
 * Run as root, the nodes run as `mysql` (rsync's SST daemon drops to `nobody` otherwise and fails).
 */
export const GALERA_PROVIDER = '/usr/lib/galera/libgalera_smm.so';

export function galeraAvailable(): boolean {
  return (
    existsSync(GALERA_PROVIDER) && findMariadbTool('mariadbd') !== null && findMariadbTool('rsync') !== null
  );
}

export interface GaleraNode {
  name: string;
  /** The client port. */
  port: number;
  /** `mysql://xinfang:xinfang@127.0.0.1:<port>/` */
  url: string;
  running(): boolean;
  /** A clean shutdown (SIGTERM), as an operator stopping a node for maintenance. */
  stop(): Promise<void>;
  /** Starts the node again and waits until it is back in the cluster and synced. */
  start(): Promise<void>;
  /** `wsrep_…` status variables, e.g. `cluster_size`, `local_state_comment`. */
  status(name: string): string;
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  stop(): Promise<void>;
}

function logTail(plan: NodePlan): string {
  const log = join(plan.dir, 'error.log');
  if (!existsSync(log)) return '(no error.log)';
  return readFileSync(log, 'utf8').split('\n').slice(-40).join('\n');
}

function tool(name: string): string {
  const path = findMariadbTool(name);
  if (!path) throw new Error(`${name} is not installed (apt-get install -y mariadb-server galera-4 rsync)`);
  return path;
}

interface NodePlan {
  name: string;
  dir: string;
  dataDir: string;
  socket: string;
  config: string;
  port: number;
  gcomm: number;
  ist: number;
  sst: number;
}

export async function startGaleraCluster(size = 3): Promise<GaleraCluster> {
  const base = mkdtempSync(join(tmpdir(), 'xinfang-galera-'));
  chmodSync(base, 0o755);
  const asRoot = process.getuid?.() === 0;
  const plans: NodePlan[] = [];
  for (let i = 1; i <= size; i += 1) {
    const dir = join(base, `n${i}`);
    plans.push({
      name: `n${i}`,
      dir,
      dataDir: join(dir, 'data'),
      socket: join(dir, 'mysql.sock'),
      config: join(dir, 'my.cnf'),
      port: await freePort(),
      gcomm: await freePort(),
      ist: await freePort(),
      sst: await freePort(),
    });
  }
  const members = plans.map((p) => `127.0.0.1:${p.gcomm}`).join(',');
  for (const plan of plans) {
    mkdirSync(plan.dataDir, { recursive: true });
    mkdirSync(join(plan.dir, 'tmp'));
    writeFileSync(plan.config, optionFile(plan, members, asRoot));
    if (asRoot) execFileSync('chown', ['-R', 'mysql:mysql', plan.dir]);
  }
  const [first] = plans as [NodePlan];
  execFileSync(
    tool('mariadb-install-db'),
    [
      `--defaults-file=${first.config}`,
      ...(asRoot ? ['--user=mysql'] : []),
      '--auth-root-authentication-method=normal',
      '--skip-test-db',
    ],
    { stdio: 'ignore' },
  );

  const processes = new Map<string, ChildProcess>();
  const nodes: GaleraNode[] = plans.map((plan) => {
    const status = (name: string) =>
      execFileSync(
        tool('mariadb'),
        ['--no-defaults', '-S', plan.socket, '-uroot', '-N', '-B', '-e', `show status like 'wsrep_${name}'`],
        { stdio: ['ignore', 'pipe', 'ignore'] },
      )
        .toString()
        .trim()
        .split('\t')[1] ?? '';
    return {
      name: plan.name,
      port: plan.port,
      url: `mysql://xinfang:xinfang@127.0.0.1:${plan.port}/`,
      running: () => {
        const child = processes.get(plan.name);
        return Boolean(child && child.exitCode === null && child.signalCode === null);
      },
      status,
      async stop() {
        const child = processes.get(plan.name);
        if (!child || child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      },
      async start() {
        processes.set(plan.name, await launch(plan, false, status));
      },
    };
  });

  const stop = async () => {
    for (const node of [...nodes].reverse()) await node.stop();
    rmSync(base, { recursive: true, force: true });
  };
  try {
    processes.set(first.name, await launch(first, true, (nodes[0] as GaleraNode).status));
    // Replicated to every node that joins: the suites' TCP user.
    execFileSync(tool('mariadb'), [
      '--no-defaults',
      '-S',
      first.socket,
      '-uroot',
      '-e',
      "CREATE USER 'xinfang'@'127.0.0.1' IDENTIFIED BY 'xinfang'; GRANT ALL ON *.* TO 'xinfang'@'127.0.0.1';",
    ]);
    for (const node of nodes.slice(1)) await node.start();
  } catch (error) {
    await stop();
    throw error;
  }
  return { nodes, stop };
}

function optionFile(plan: NodePlan, members: string, asRoot: boolean): string {
  return `[mysqld]
${asRoot ? 'user=mysql' : ''}
datadir=${plan.dataDir}
socket=${plan.socket}
# Its own: a starting server deletes every #sql* file in its tmpdir, other servers' too (mariadb.ts).
tmpdir=${join(plan.dir, 'tmp')}
pid-file=${join(plan.dir, 'mysqld.pid')}
log-error=${join(plan.dir, 'error.log')}
port=${plan.port}
bind-address=127.0.0.1
skip-name-resolve
max_connections=400
innodb_buffer_pool_size=128M
# The suite's data need not survive a power cut of the test machine; Galera's copies on the other
# nodes are what a node that stops relies on.
innodb_flush_log_at_trx_commit=2
binlog_format=ROW
default_storage_engine=InnoDB
innodb_autoinc_lock_mode=2
wsrep_on=ON
wsrep_provider=${GALERA_PROVIDER}
wsrep_cluster_name=xinfang_suite
wsrep_cluster_address=gcomm://${members}
wsrep_node_name=${plan.name}
wsrep_node_address=127.0.0.1
wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:${plan.gcomm};ist.recv_addr=127.0.0.1:${plan.ist};gcache.size=128M"
wsrep_sst_method=rsync
wsrep_sst_receive_address=127.0.0.1:${plan.sst}
`;
}

/** Starts one node (the first with --wsrep-new-cluster) and waits until it is synced. */
async function launch(
  plan: NodePlan,
  bootstrap: boolean,
  status: (name: string) => string,
): Promise<ChildProcess> {
  const child = spawn(
    tool('mariadbd'),
    [`--defaults-file=${plan.config}`, ...(bootstrap ? ['--wsrep-new-cluster'] : [])],
    { stdio: 'ignore' },
  );
  // A joiner copies the whole data directory first (rsync); on a busy 2-core machine that took
  // over a minute.
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      if (status('local_state_comment') === 'Synced' && status('ready') === 'ON') return child;
    } catch {
      // not answering yet
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      // The cluster's directory goes with it: its log's end is all that is left to read.
      throw new Error(
        `Galera node ${plan.name} did not sync (exit ${child.exitCode}); the end of its error.log:\n${logTail(plan)}`,
      );
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

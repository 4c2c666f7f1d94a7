import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port';
import { repoRoot } from './paths';

/**
 * Debian's nginx running the configuration the project ships (deploy/nginx/xinfang.conf), with only
 * the lines it marks ADJUST changed: the instances' ports, the port it listens on, the h5 folder.
 * Runs in the foreground under a private prefix, so it needs no root and touches nothing of the machine's.
 */
export const NGINX = '/usr/sbin/nginx';
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_static_module.so';

export function nginxAvailable(): boolean {
  return existsSync(NGINX) && existsSync(BROTLI_MODULE);
}

export interface Nginx {
  url: string;
  stop(): Promise<void>;
}

/** The shipped site configuration with the deployment's own ports and folder. */
export function siteConfig(instancePorts: number[], listenPort: number, h5Root: string): string {
  const shipped = readFileSync(join(repoRoot, 'deploy/nginx/xinfang.conf'), 'utf8');
  const servers = instancePorts.map((port) => `    server 127.0.0.1:${port} max_fails=2 fail_timeout=10s;`);
  const lines = shipped.split('\n').filter((line) => !/^\s*server 127\.0\.0\.1:\d+ /.test(line));
  const upstream = lines.findIndex((line) => line.startsWith('upstream xinfang_api'));
  if (upstream < 0) throw new Error('deploy/nginx/xinfang.conf has no upstream xinfang_api');
  lines.splice(upstream + 1, 0, ...servers);
  const config = lines
    .join('\n')
    .replace(/listen 8080;/, `listen 127.0.0.1:${listenPort};`)
    .replace(/root \/srv\/xinfang\/h5;/, `root ${h5Root};`);
  if (!config.includes(`listen 127.0.0.1:${listenPort};`) || !config.includes(`root ${h5Root};`)) {
    throw new Error('deploy/nginx/xinfang.conf no longer has the lines this suite adjusts');
  }
  return config;
}

export async function startNginx(instancePorts: number[], h5Root: string): Promise<Nginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'xinfang-nginx-'));
  // Started as root, nginx's workers run as nobody: they must reach the prefix and the h5 folder.
  chmodSync(prefix, 0o755);
  chmodSync(h5Root, 0o755);
  const port = await freePort();
  for (const dir of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(prefix, dir));
  writeFileSync(join(prefix, 'xinfang.conf'), siteConfig(instancePorts, port, h5Root));
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `load_module ${BROTLI_MODULE};
worker_processes 1;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${prefix}/body;
  proxy_temp_path ${prefix}/proxy;
  fastcgi_temp_path ${prefix}/fastcgi;
  uwsgi_temp_path ${prefix}/uwsgi;
  scgi_temp_path ${prefix}/scgi;
  include ${prefix}/xinfang.conf;
}
`,
  );
  const child: ChildProcess = spawn(
    NGINX,
    ['-p', prefix, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let said = '';
  child.stderr?.on('data', (chunk) => {
    said += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`nginx exited: ${said}${readFileSync(join(prefix, 'error.log'), 'utf8')}`);
    try {
      await fetch(`${url}/api/health`);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`nginx did not answer: ${said}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

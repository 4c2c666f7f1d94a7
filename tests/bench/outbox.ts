import { randomInt, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startFakeTencentSmsServer } from '@xinfang/server/testing/fake-tencent-sms-server';
import { fakeOpenid, startFakeWechatServer } from '@xinfang/server/testing/fake-wechat-server';
import { enqueueSmsLoad } from '@xinfang/server/testing/outbox-load';
import autocannon from 'autocannon';
import { signInPetitioner, unitsByCode } from '../support/api-client';
import { FAKE_SMS_ACCOUNT, FAKE_WECHAT_APP, smsEnv, wechatEnv } from '../support/fake-providers';
import { startThrowawayMariaDb, type ThrowawayMariaDb } from '../support/mariadb';
import {
  mysqlScratchDatabase,
  type ScratchDatabase,
  sqliteScratchDatabase,
} from '../support/scratch-database';
import { type ServerProcess, startServer } from '../support/server-process';

/**
 * `pnpm bench:outbox`: what notifications cost and how fast they leave (issue 13).
 *
 * 1. Dispatch throughput: N messages waiting in the outbox of a fresh database, one real server
 *    started with its dispatcher, the fake Tencent SMS and WeChat servers (in this process) as the
 *    providers: messages per second from the moment the server answers until the last one is
 *    recorded sent — SMS and WeChat subscribe messages measured apart. Goal ≥ 500/s.
 * 2. The submit path with and without the outbox: `POST /api/petitions` under autocannon against
 *    two servers at once, notifications on and off (`NOTIFICATIONS=false`), each on its own fresh
 *    database, loaded in alternating turns of 2 s so that whatever else the machine does lands on
 *    both alike; requests completed per second of load, and the ratio. Goal: at most 10% slower.
 *
 *   pnpm bench:outbox [--mysql] [--messages 10000] [--duration 20] [--connections 10] [--only dispatch,submit]
 */
const { values: args } = parseArgs({
  options: {
    mysql: { type: 'boolean', default: false },
    messages: { type: 'string', default: '10000' },
    duration: { type: 'string', default: '20' },
    connections: { type: 'string', default: '10' },
    only: { type: 'string' },
  },
});
const MESSAGES = Number(args.messages);
const DURATION = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const ONLY = args.only?.split(',') ?? ['dispatch', 'submit'];

const TEMPLATE = 'bench-template';
const PHONES = ['13800000001', '13800000002'];

let mariadb: ThrowawayMariaDb | null = null;

async function scratch(label: string): Promise<ScratchDatabase> {
  if (!args.mysql) return sqliteScratchDatabase();
  mariadb ??= await startThrowawayMariaDb();
  return mysqlScratchDatabase(mariadb.url, `xf_bench_${label}`);
}

async function seedDemo(env: Record<string, string>): Promise<void> {
  const first = await startServer({ ...env, SEED_DEMO: 'true', SEED_DEMO_CASES: 'false', RUN_JOBS: 'false' });
  await first.stop();
}

async function sentCount(database: ScratchDatabase): Promise<number> {
  const [row] = await database.query<{ n: number }>("select count(*) as n from outbox where status = 'sent'");
  return Number(row?.n ?? 0);
}

async function dispatchThroughput(channel: 'sms' | 'wechat'): Promise<{ seconds: number; rate: number }> {
  const database = await scratch(`dispatch_${channel}`);
  const sms = await startFakeTencentSmsServer({ ...FAKE_SMS_ACCOUNT, templates: { [TEMPLATE]: 3 } });
  const wechat = await startFakeWechatServer({ ...FAKE_WECHAT_APP });
  const env = {
    DATABASE_URL: database.url,
    H5_DIR: 'none',
    LOG_LEVEL: 'warn',
    NOTIFY_QUIET_HOURS: 'none',
    ...smsEnv(sms.baseUrl),
    ...wechatEnv(wechat.baseUrl),
  };
  let server: ServerProcess | null = null;
  try {
    await seedDemo(env);
    // For WeChat, the demo petitioners signed in by WeChat once and accepted plenty of subscriptions.
    const openids = PHONES.map((_, i) => fakeOpenid(`bench-${i}`));
    for (const openid of openids) wechat.openApi.grant(openid, TEMPLATE, MESSAGES);
    await enqueueSmsLoad(database.url, {
      count: MESSAGES,
      templateId: TEMPLATE,
      phones: PHONES,
      channel,
      ...(channel === 'wechat' ? { openids } : {}),
    });
    server = await startServer(env);
    // From the moment the server answers: its dispatcher starts when it is ready.
    const started = Date.now();
    while ((await sentCount(database)) < MESSAGES) {
      if (Date.now() - started > 600_000) throw new Error('dispatch did not finish in 10 minutes');
      await new Promise((r) => setTimeout(r, 50));
    }
    const seconds = (Date.now() - started) / 1000;
    const received = channel === 'sms' ? sms.messages.length : wechat.openApi.sent.length;
    if (received < MESSAGES) throw new Error(`the fake received ${received} of ${MESSAGES}`);
    return { seconds, rate: MESSAGES / seconds };
  } finally {
    await server?.stop();
    await sms.close();
    await wechat.close();
    await database.drop();
  }
}

interface SubmitTarget {
  notifications: boolean;
  server: ServerProcess;
  database: ScratchDatabase;
  token: string;
  concerned: string;
  completed: number;
  seconds: number;
}

/** A server with notifications on or off, on its own fresh database, a petitioner signed in. */
async function submitTarget(notifications: boolean): Promise<SubmitTarget> {
  const database = await scratch(`submit_${notifications ? 'on' : 'off'}_${randomInt(1e6)}`);
  const env = {
    DATABASE_URL: database.url,
    H5_DIR: 'none',
    // No background work: the dispatcher's sending is not the submit path's cost.
    RUN_JOBS: 'false',
    NOTIFICATIONS: String(notifications),
  };
  await seedDemo({ ...env, LOG_LEVEL: 'warn' });
  const server = await startServer({ ...env, LOG_LEVEL: 'info' });
  const session = await signInPetitioner(server, PHONES[0] as string);
  const concerned = (await unitsByCode(server.url)).get('JA-DS-AQK')?.id as string;
  return { notifications, server, database, token: session.accessToken, concerned, completed: 0, seconds: 0 };
}

/** Submits for `seconds` with `CONNECTIONS` at once; adds what completed to the target's count. */
async function burst(target: SubmitTarget, seconds: number): Promise<void> {
  const result = await autocannon({
    url: target.server.url,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 30,
    requests: [
      {
        method: 'POST',
        path: '/api/petitions',
        headers: { authorization: `Bearer ${target.token}`, 'content-type': 'application/json' },
        setupRequest: (req: autocannon.Request) => ({
          ...req,
          headers: { ...req.headers, 'idempotency-key': `bench-${randomUUID()}` },
          body: JSON.stringify({
            kind: 'request',
            concernedUnitId: target.concerned,
            categoryCode: 'safety',
            title: '关于井下通风的反映',
            content: Array.from({ length: 80 }, () => String.fromCodePoint(0x4e00 + randomInt(0x5000))).join(
              '',
            ),
          }),
        }),
      },
    ],
  });
  target.completed += result['2xx'];
  target.seconds += seconds;
}

async function main() {
  const dialect = args.mysql ? 'mysql' : 'sqlite';
  const lines = ['', `pnpm bench:outbox on ${dialect}, Node ${process.version}, ${cpus().length} cores`, ''];
  try {
    if (ONLY.includes('dispatch')) {
      const smsResult = await dispatchThroughput('sms');
      const wechatResult = await dispatchThroughput('wechat');
      lines.push(
        `dispatch to the fake providers, ${MESSAGES.toLocaleString('en')} messages each (one server, batches of 100, 32 at a time):`,
        `  SMS      ${smsResult.rate.toFixed(0).padStart(6)} messages/s  (${smsResult.seconds.toFixed(1)} s)`,
        `  WeChat   ${wechatResult.rate.toFixed(0).padStart(6)} messages/s  (${wechatResult.seconds.toFixed(1)} s)`,
        '',
      );
    }
    if (ONLY.includes('submit')) {
      // Both servers up at once, loaded in turns of a few seconds (the order swapped each round):
      // whatever else the machine does lands on both alike.
      const targets = [await submitTarget(true), await submitTarget(false)];
      try {
        for (const target of targets) await burst(target, 2); // warm-up, not counted
        for (const target of targets) Object.assign(target, { completed: 0, seconds: 0 });
        const rounds = Math.max(2, Math.round(DURATION / 2));
        for (let round = 0; round < rounds; round += 1) {
          for (const target of round % 2 === 0 ? targets : [...targets].reverse()) await burst(target, 2);
        }
        const [on, off] = targets.map((t) => t.completed / t.seconds) as [number, number];
        const cost = 1 - on / off;
        lines.push(
          `submit (POST /api/petitions), ${CONNECTIONS} connections, ${rounds} turns of 2 s each, interleaved:`,
          `  notifications on    ${on.toFixed(1).padStart(6)} req/s`,
          `  notifications off   ${off.toFixed(1).padStart(6)} req/s`,
          `  with the outbox: ${Math.abs(cost * 100).toFixed(1)}% ${cost >= 0 ? 'slower' : 'faster'}`,
          '',
        );
      } finally {
        for (const target of targets) {
          await target.server.stop();
          await target.database.drop();
        }
      }
    }
  } finally {
    await mariadb?.stop();
  }
  lines.push(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the end`,
    '',
  );
  process.stdout.write(lines.join('\n'));
}

await main();

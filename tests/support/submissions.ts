import { randomBytes, randomInt } from 'node:crypto';
import type { Submitted } from '@xinfang/shared/schemas/petitions';
import { expect } from 'vitest';
import { request, type Session } from './api-client';
import type { ScratchDatabase } from './scratch-database';

/**
 * Petitioners' phones submitting under faults, for the reliability suites: each petition carries
 * its own Idempotency-Key and is sent again — same key, same body — until it is acknowledged
 * (201), the way the app retries. Then the ledger: every acknowledged petition exists exactly once,
 * nothing unacknowledged does, and every key answers again exactly as it was acknowledged.
 */
export const PHONES = ['13800000001', '13800000002', '13900000003'];
const UNIT_CODES = [
  'JA-DS-AQK',
  'JA-DS-RLK',
  'JA-DS-ZC-1',
  'JA-DS-ZC-2',
  'JA-DS-JJ-1',
  'JA-XH-AQK',
  'JA-XH-ZC-1',
  'JA-XH-JD-1',
];
const CATEGORIES = ['wages', 'social_insurance', 'occupational_injury', 'safety', 'housing', 'community'];
const TOPICS = [
  '工资发放',
  '加班费核算',
  '井下通风',
  '宿舍维修',
  '社保缴纳',
  '食堂卫生',
  '班车安排',
  '劳保用品',
];

export interface Job {
  index: number;
  key: string;
  session: Session;
  body: Record<string, unknown>;
}

export interface Acknowledged {
  id: string;
  number: string;
  queryCode: string;
  attempts: number;
  /** The 201 was a replay: an earlier attempt committed but its answer was lost. */
  replayed: boolean;
  /** From the first attempt to the acknowledgment: how long the client kept retrying. */
  tookMs: number;
}

/** One answer that was not an acknowledgment, with when it came and how long it took. */
export interface Refusal {
  status: number;
  body: unknown;
  retryAfter: string | null;
  sentAt: number;
  tookMs: number;
}

/** `count` petitions spread over the sessions and the demo units, each with a fresh key. */
export function makeJobs(
  count: number,
  sessions: Session[],
  unitIdByCode: Map<string, { id: string }>,
): Job[] {
  return Array.from({ length: count }, (_, index) => ({
    index,
    key: `fault-${index}-${randomBytes(8).toString('hex')}`,
    session: sessions[index % sessions.length] as Session,
    body: petitionBody(
      index,
      unitIdByCode.get(UNIT_CODES[index % UNIT_CODES.length] as string)?.id as string,
    ),
  }));
}

function petitionBody(index: number, concernedUnitId: string): Record<string, unknown> {
  const topic = TOPICS[index % TOPICS.length] as string;
  return {
    kind: index % 10 === 0 ? 'suggestion' : 'request',
    concernedUnitId,
    categoryCode: CATEGORIES[index % CATEGORIES.length],
    title: `关于${topic}的反映（${index + 1}）`,
    // Random characters, so that no two petitions look like the same matter to repeat detection.
    content: `${topic}问题：${randomHanzi(60)}。请尽快处理。`,
  };
}

function randomHanzi(length: number): string {
  return Array.from({ length }, () => String.fromCodePoint(0x4e00 + randomInt(0x5000))).join('');
}

export interface SubmissionRun {
  acknowledged: Map<string, Acknowledged>;
  /** Every answer that was not a 201, in order. */
  refusals: Refusal[];
  /** When each 201 came. */
  acknowledgedAt: number[];
  stats: { attempts: number; cutOff: number; refused: number; inFlight: number };
  /** Resolves when every job is acknowledged. */
  done: Promise<void>;
  isDone(): boolean;
}

export interface SubmitOptions {
  /** The server's address now (the crash test restarts it on the same port; a function reads it anew). */
  url: () => string;
  concurrency: number;
  /** The whole run fails after this long, so a wedged server fails the test instead of hanging it. */
  deadlineMs: number;
  /** Statuses that may come while the fault lasts; anything else fails the run. */
  retryable?: readonly number[];
  /** How long one attempt may wait for its answer. */
  timeoutMs?: number;
  /** Waited on before a job is started (the crash test holds the client back until a kill is armed). */
  mayStart?: (index: number) => Promise<void>;
}

/** Submits every job until acknowledged, `concurrency` at a time, recording what each attempt met. */
export function submitAll(jobs: Job[], options: SubmitOptions): SubmissionRun {
  const acknowledged = new Map<string, Acknowledged>();
  const refusals: Refusal[] = [];
  const acknowledgedAt: number[] = [];
  const stats = { attempts: 0, cutOff: 0, refused: 0, inFlight: 0 };
  const deadline = Date.now() + options.deadlineMs;
  const retryable = options.retryable ?? [];
  let next = 0;
  let finished = false;

  async function untilAcknowledged(job: Job): Promise<void> {
    const began = Date.now();
    for (let attempt = 1; ; attempt += 1) {
      if (Date.now() > deadline) throw new Error(`submission ${job.index} not acknowledged in time`);
      stats.attempts += 1;
      stats.inFlight += 1;
      const sentAt = Date.now();
      try {
        const answer = await request<Submitted>(options.url(), 'POST', '/api/petitions', {
          token: job.session.accessToken,
          headers: { 'idempotency-key': job.key },
          body: job.body,
          timeoutMs: options.timeoutMs,
        });
        if (answer.status === 201) {
          acknowledged.set(job.key, {
            id: answer.body.petition.id,
            number: answer.body.petition.number,
            queryCode: answer.body.queryCode,
            attempts: attempt,
            replayed: answer.headers.get('idempotent-replayed') === 'true',
            tookMs: Date.now() - began,
          });
          acknowledgedAt.push(Date.now());
          return;
        }
        refusals.push({
          status: answer.status,
          body: answer.body,
          retryAfter: answer.headers.get('retry-after'),
          sentAt,
          tookMs: Date.now() - sentAt,
        });
        if (!retryable.includes(answer.status)) {
          throw new Error(
            `submission ${job.index}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 300)}`,
          );
        }
      } catch (error) {
        const failure = connectionFailure(error);
        if (!failure) throw error;
        stats[failure] += 1;
      } finally {
        stats.inFlight -= 1;
      }
      await sleep(50 + randomInt(200));
    }
  }

  const done = Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (next < jobs.length) {
        await options.mayStart?.(next);
        if (next < jobs.length) await untilAcknowledged(jobs[next++] as Job);
      }
    }),
  )
    .then(() => undefined)
    .finally(() => {
      finished = true;
    });
  return { acknowledged, refusals, acknowledgedAt, stats, done, isDone: () => finished };
}

/**
 * Straight from the database: every acknowledged petition exists exactly once (by id and by
 * number), nothing else does, the numbers run without a gap, and every key has one finished record.
 */
export async function expectLedger(database: ScratchDatabase, acknowledged: Map<string, Acknowledged>) {
  const acks = [...acknowledged.values()];
  const rows = await database.query<{ id: string; number: string }>('select id, number from petition');
  expect(rows.length).toBe(acks.length);
  expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);
  expect(new Set(acks.map((a) => a.id))).toEqual(new Set(rows.map((r) => r.id)));
  const numberOf = new Map(rows.map((r) => [r.id, r.number]));
  for (const ack of acks) expect(numberOf.get(ack.id)).toBe(ack.number);
  expectNumbersWithoutGaps(acks.map((a) => a.number));
  const records = await database.query<{ response_status: number }>(
    "select response_status from idempotency_record where scope like 'petitioner:%'",
  );
  expect(records.length).toBe(acks.length);
  expect(records.every((r) => Number(r.response_status) === 201)).toBe(true);
}

/** Every key sent once more answers exactly as its acknowledgment did; returns the mismatches. */
export async function replayAll(
  url: string,
  jobs: Job[],
  acknowledged: Map<string, Acknowledged>,
  concurrency: number,
): Promise<string[]> {
  let index = 0;
  const mismatches: string[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (index < jobs.length) {
        const job = jobs[index++] as Job;
        const ack = acknowledged.get(job.key) as Acknowledged;
        const answer = await request<Submitted>(url, 'POST', '/api/petitions', {
          token: job.session.accessToken,
          headers: { 'idempotency-key': job.key },
          body: job.body,
        });
        const got = answer.status === 201 ? answer.body : null;
        if (
          !got ||
          answer.headers.get('idempotent-replayed') !== 'true' ||
          got.petition.id !== ack.id ||
          got.petition.number !== ack.number ||
          got.queryCode !== ack.queryCode
        ) {
          mismatches.push(`${job.key}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
        }
      }
    }),
  );
  return mismatches;
}

/** Per year, the numbers acknowledged run 000001, 000002, … with none missing and none twice. */
function expectNumbersWithoutGaps(numbers: string[]): void {
  const byYear = new Map<string, number[]>();
  for (const number of numbers) {
    const match = /^XF(\d{4})-(\d{6})$/.exec(number);
    expect(match, number).not.toBeNull();
    const [, year = '', serial = ''] = match ?? [];
    byYear.set(year, [...(byYear.get(year) ?? []), Number(serial)]);
  }
  for (const serials of byYear.values()) {
    expect(serials.sort((a, b) => a - b)).toEqual(Array.from({ length: serials.length }, (_, i) => i + 1));
  }
}

/** Error-level log lines, and anything on the output that reads like an unhandled error. */
export function logProblems(output: string): string[] {
  return output
    .split('\n')
    .filter((line) => {
      if (line.startsWith('{')) {
        try {
          return Number((JSON.parse(line) as { level?: number }).level) >= 50;
        } catch {
          return true;
        }
      }
      return /error|unhandled|uncaught|exception/i.test(line);
    })
    .map((line) => line.slice(0, 500));
}

/**
 * A request that got no answer: `refused` when no server was listening (killed, not yet back),
 * `cutOff` when the connection died under it (a kill mid-request) or it timed out.
 */
function connectionFailure(error: unknown): 'refused' | 'cutOff' | null {
  if (!(error instanceof Error)) return null;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return 'cutOff';
  // The headers had come, the body was cut off by the kill (compressed answers stream).
  if (error instanceof TypeError && error.message === 'terminated') return 'cutOff';
  if (!(error instanceof TypeError && error.message === 'fetch failed')) return null;
  return (error.cause as { code?: string } | undefined)?.code === 'ECONNREFUSED' ? 'refused' : 'cutOff';
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

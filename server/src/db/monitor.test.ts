import { describe, expect, it } from 'vitest';
import { DatabaseUnavailable } from './failures';
import { DatabaseMonitor, type MonitorLogger } from './monitor';

/** A logger that keeps what it is told, by level. */
function recordingLogger() {
  const lines: { level: string; msg: string }[] = [];
  const at =
    (level: string) =>
    (_obj: object, msg: string): void => {
      lines.push({ level, msg });
    };
  const log: MonitorLogger = { error: at('error'), warn: at('warn'), info: at('info') };
  return { log, lines };
}

/** A probe the test answers: up (a version), down (an error), or silent (never answers). */
function controllableProbe() {
  let state: 'up' | 'down' | 'silent' = 'up';
  let calls = 0;
  return {
    set: (next: typeof state) => {
      state = next;
    },
    calls: () => calls,
    probe: (): Promise<string> => {
      calls += 1;
      if (state === 'up') return Promise.resolve('10.11.19-MariaDB');
      if (state === 'down')
        return Promise.reject(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
      return new Promise(() => {});
    },
  };
}

const sqliteFull = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
const until = async (condition: () => boolean) => {
  for (let i = 0; i < 500 && !condition(); i += 1) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
};

describe('the database monitor', () => {
  it('treats a lost connection as a suspicion: a probe that answers means no outage', async () => {
    const { log, lines } = recordingLogger();
    const probe = controllableProbe();
    const monitor = new DatabaseMonitor(log, probe.probe, { probeTimeoutMs: 100 });
    monitor.failed('unreachable', new Error('PROTOCOL_CONNECTION_LOST'));
    await until(() => probe.calls() === 1);
    await new Promise((r) => setTimeout(r, 10));
    expect(monitor.status()).toEqual({ reachable: true, writable: true, problem: null });
    expect(() => monitor.assertReachable()).not.toThrow();
    expect(lines).toEqual([]);
    monitor.close();
  });

  it('declares an outage when the probe is silent too, fails requests at once, and logs it once each way', async () => {
    const { log, lines } = recordingLogger();
    const probe = controllableProbe();
    const monitor = new DatabaseMonitor(log, probe.probe, { probeTimeoutMs: 30, retryIntervalMs: 5 });
    const aborted: Error[] = [];
    monitor.onOutage((cause) => aborted.push(cause));
    probe.set('silent');
    for (let i = 0; i < 5; i += 1) monitor.suspect();
    await until(() => !monitor.status().reachable);
    expect(monitor.status().problem).toMatchObject({
      kind: 'unreachable',
      cause: expect.stringContaining('DB_UNREACHABLE'),
    });
    expect(() => monitor.assertReachable()).toThrow(DatabaseUnavailable);
    expect(aborted).toHaveLength(1);

    // It keeps asking; still down means nothing new in the log.
    probe.set('down');
    const asked = probe.calls();
    await until(() => probe.calls() > asked + 3);
    expect(lines.filter((l) => l.level === 'error')).toHaveLength(1);

    probe.set('up');
    await until(() => monitor.status().reachable);
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/^database unreachable \(DB_UNREACHABLE/),
      'database reachable again',
    ]);
    expect(aborted).toHaveLength(1);
    monitor.close();
  });

  it('reports within the probe timeout when the database does not answer, sharing one probe', async () => {
    const { log } = recordingLogger();
    const probe = controllableProbe();
    probe.set('silent');
    const monitor = new DatabaseMonitor(log, probe.probe, { probeTimeoutMs: 50, retryIntervalMs: 10_000 });
    const started = Date.now();
    const answers = await Promise.all([monitor.check(), monitor.check(), monitor.check()]);
    expect(answers).toEqual([null, null, null]);
    expect(probe.calls()).toBe(1);
    expect(Date.now() - started).toBeLessThan(5_000);
    probe.set('up');
    expect(await monitor.check()).toBe('10.11.19-MariaDB');
    expect(monitor.status().reachable).toBe(true);
    monitor.close();
  });

  it('marks writes refused on a full disk once, however many writes fail, until a write succeeds after a quiet spell', async () => {
    const { log, lines } = recordingLogger();
    const monitor = new DatabaseMonitor(log, controllableProbe().probe, {
      probeTimeoutMs: 100,
      writeQuietMs: 40,
    });
    for (let i = 0; i < 50; i += 1) monitor.failed('full', sqliteFull);
    expect(monitor.status()).toMatchObject({
      reachable: true,
      writable: false,
      problem: { kind: 'full', cause: 'SQLITE_FULL: database or disk is full' },
    });
    // A write that happens to fit (an update in place) right after a failure does not end it…
    monitor.succeeded(true);
    expect(monitor.status().writable).toBe(false);
    // …nor does a read; a write after a quiet spell does.
    await new Promise((r) => setTimeout(r, 60));
    monitor.succeeded(false);
    expect(monitor.status().writable).toBe(false);
    monitor.succeeded(true);
    expect(monitor.status()).toEqual({ reachable: true, writable: true, problem: null });
    expect(lines.map((l) => [l.level, l.msg.split(' (')[0]])).toEqual([
      ['error', 'database cannot take writes'],
      ['warn', 'database takes writes again'],
    ]);
    monitor.close();
  });

  it('ignores failures that say nothing about the database as a whole (a busy lock, a slow statement)', () => {
    const { log, lines } = recordingLogger();
    const monitor = new DatabaseMonitor(log, controllableProbe().probe, { probeTimeoutMs: 100 });
    monitor.failed('busy', new Error('SQLITE_BUSY'));
    monitor.failed('slow', new Error('max_statement_time exceeded'));
    expect(monitor.status()).toEqual({ reachable: true, writable: true, problem: null });
    expect(lines).toEqual([]);
    monitor.close();
  });
});

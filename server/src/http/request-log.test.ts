import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { RequestLog } from './request-log';

/** A Fastify app with the request log, its lines captured. */
async function appLogging(every: number) {
  const lines: { msg: string; level: number; req?: { url: string }; res?: { statusCode: number } }[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  const app = Fastify({ logger: { level: 'info', stream }, logController: new RequestLog(every) });
  app.get('/ok', async () => ({ ok: true }));
  app.get('/slow', async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    return { ok: true };
  });
  app.get('/missing', async (_request, reply) => reply.status(404).send({}));
  await app.ready();
  return { app, lines };
}

describe('the request log', () => {
  it('writes one line per logged request, with the request, status and time', async () => {
    const { app, lines } = await appLogging(1);
    await app.inject({ method: 'GET', url: '/ok?x=1' });
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request completed',
        req: expect.objectContaining({ method: 'GET', url: '/ok?x=1' }),
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
      }),
    ]);
    await app.close();
  });

  it('samples ordinary requests one in N, and always logs refusals and slow requests', async () => {
    const { app, lines } = await appLogging(5);
    for (let i = 0; i < 20; i += 1) await app.inject({ method: 'GET', url: '/ok' });
    expect(lines.filter((l) => l.req?.url === '/ok')).toHaveLength(4);
    for (let i = 0; i < 3; i += 1) await app.inject({ method: 'GET', url: '/missing' });
    expect(lines.filter((l) => l.req?.url === '/missing')).toHaveLength(3);
    await app.inject({ method: 'GET', url: '/slow' });
    expect(lines.filter((l) => l.req?.url === '/slow')).toHaveLength(1);
    expect(lines.every((l) => l.msg !== 'incoming request')).toBe(true);
    await app.close();
  }, 10_000);

  it('logs a client that went away at info, not as an error', () => {
    const logged: { level: string; msg: string }[] = [];
    const reply = {
      statusCode: 200,
      elapsedTime: 3,
      log: {
        info: (_o: object, msg: string) => logged.push({ level: 'info', msg }),
        error: (_o: object, msg: string) => logged.push({ level: 'error', msg }),
      },
    };
    const gone = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    new RequestLog(1).requestCompleted(gone, {} as never, reply as never);
    expect(logged).toEqual([{ level: 'info', msg: 'client went away' }]);
  });
});

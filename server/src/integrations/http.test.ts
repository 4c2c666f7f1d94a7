import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchText, parseJsonObject, TransportError } from './http';

let server: Server;
let baseUrl: string;
let redirectedTo = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/elsewhere?secret=s' });
      return res.end();
    }
    if (req.url?.startsWith('/elsewhere')) redirectedTo += 1;
    if (req.url === '/slow-body') {
      res.writeHead(200);
      res.write('{"partial":');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('fetchText', () => {
  it('returns status and text', async () => {
    await expect(fetchText(`${baseUrl}/`, {}, 1_000)).resolves.toEqual({
      status: 200,
      ok: true,
      text: '{"ok":true}',
    });
  });

  it('refuses to follow a redirect, which could carry a secret elsewhere', async () => {
    await expect(fetchText(`${baseUrl}/redirect`, {}, 1_000)).rejects.toMatchObject({ kind: 'network' });
    expect(redirectedTo).toBe(0);
  });

  it('times out while the body is still arriving', async () => {
    const error = await fetchText(`${baseUrl}/slow-body`, {}, 100).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: 'timeout' });
  });
});

describe('parseJsonObject', () => {
  it('reads objects only', () => {
    expect(parseJsonObject('{"a":1}')).toEqual({ a: 1 });
    expect(parseJsonObject('[1]')).toBeNull();
    expect(parseJsonObject('null')).toBeNull();
    expect(parseJsonObject('<html>')).toBeNull();
  });
});

import type { TokenPair } from '@xinfang/shared/schemas/identity';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// WeChat's download and upload and its file system are stubs that answer as WeChat does; the API
// client is the real one, so an expired token is renewed by the client's own rule.
const taro = vi.hoisted(() => ({
  downloadFile: vi.fn(),
  uploadFile: vi.fn(),
  files: new Map<string, string>(),
  refresh: vi.fn(),
}));
vi.mock('@tarojs/taro', () => ({
  default: {
    downloadFile: taro.downloadFile,
    uploadFile: taro.uploadFile,
    getFileSystemManager: () => ({
      readFile: (options: { filePath: string; success: (r: { data: string }) => void; fail: () => void }) => {
        const text = taro.files.get(options.filePath);
        if (text === undefined) options.fail();
        else options.success({ data: text });
      },
    }),
  },
}));
vi.mock('./instance', async () => {
  const { createApiClient } = await import('./client');
  const { SessionStore } = await import('./session');
  const { memoryStorage } = await import('@/platform/storage');
  const session = new SessionStore(memoryStorage());
  session.set({ tokens: tokens(1), me: { kind: 'petitioner', id: 'p1' } as never });
  const transport = async (path: string) => {
    if (path !== '/api/auth/refresh') throw new Error(`unexpected call ${path}`);
    taro.refresh();
    return tokens(2);
  };
  return { api: createApiClient({ transport: transport as never, session }), session };
});

import { attachmentSource, uploadPhoto } from './attachments';
import { signedInFile } from './document-file';
import { session } from './instance';

function tokens(n: number): TokenPair {
  const later = new Date(Date.now() + 3600_000).toISOString();
  return {
    accessToken: `access-${n}`,
    accessTokenExpiresAt: later,
    refreshToken: `refresh-${n}-abcdefghijklmnop`,
    refreshTokenExpiresAt: later,
  };
}

type Answer = { statusCode: number; body?: string };

/** WeChat's downloadFile: each call gets the next answer, its body left in a temporary file. */
function downloads(...answers: Answer[]) {
  taro.downloadFile.mockImplementation((options: { success: (r: unknown) => void }) => {
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected download');
    const tempFilePath = `wxfile://tmp/${taro.downloadFile.mock.calls.length}`;
    if (answer.body !== undefined) taro.files.set(tempFilePath, answer.body);
    options.success({ statusCode: answer.statusCode, tempFilePath });
    return { onProgressUpdate: vi.fn() };
  });
}

const errorBody = (code: string, message: string) => JSON.stringify({ error: { code, message } });

beforeEach(() => {
  taro.files.clear();
  session.set({ tokens: tokens(1), me: session.get()?.me as never });
});
afterEach(() => {
  vi.resetAllMocks();
});

describe('downloads in WeChat', () => {
  for (const [name, fetch] of [
    ['an attachment', () => attachmentSource('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'original')],
    ['a document', () => signedInFile('/api/documents/d1/file')],
  ] as const) {
    it(`renews an expired token and fetches ${name} again`, async () => {
      downloads(
        { statusCode: 401, body: errorBody('UNAUTHENTICATED', '登录已过期') },
        { statusCode: 200, body: 'bytes' },
      );
      await expect(fetch()).resolves.toBe('wxfile://tmp/2');
      expect(taro.refresh).toHaveBeenCalledTimes(1);
      const sent = taro.downloadFile.mock.calls.map(([options]) => options.header.Authorization);
      expect(sent).toEqual(['Bearer access-1', 'Bearer access-2']);
    });

    it(`keeps the server's code and words when it refuses ${name}`, async () => {
      downloads({ statusCode: 404, body: errorBody('NOT_FOUND', '没有找到这个附件') });
      await expect(fetch()).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: '没有找到这个附件',
        status: 404,
      });
    });
  }

  it('takes a 401 without a readable body as a refused token, and a gateway page as the gateway', async () => {
    // Refused again after the renewal: the error is the second refusal's.
    downloads({ statusCode: 401 }, { statusCode: 401, body: '<html>' });
    await expect(attachmentSource('01ARZ3NDEKTSV4RRFFQ69G5FAV', 'thumbnail')).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      status: 401,
    });
    expect(taro.refresh).toHaveBeenCalledTimes(1);
    downloads({ statusCode: 502, body: '<html>bad gateway</html>' });
    await expect(signedInFile('/api/units/u1/seal')).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      status: 502,
    });
  });
});

describe('uploads in WeChat', () => {
  it('sends the key it is given, the same on the retry of one file', async () => {
    taro.uploadFile.mockImplementation((options: { success: (r: unknown) => void }) => {
      options.success({ statusCode: 201, data: JSON.stringify({ id: 'a1' }) });
      return { onProgressUpdate: vi.fn() };
    });
    await uploadPhoto('wxfile://photo-1', () => undefined, 'upload-photo-1');
    await uploadPhoto('wxfile://photo-1', () => undefined, 'upload-photo-1');
    const keys = taro.uploadFile.mock.calls.map(([options]) => options.header['Idempotency-Key']);
    expect(keys).toEqual(['upload-photo-1', 'upload-photo-1']);
  });
});

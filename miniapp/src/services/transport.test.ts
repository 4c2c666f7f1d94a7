import { afterEach, describe, expect, it, vi } from 'vitest';

const request = vi.fn();
vi.mock('@tarojs/taro', () => ({ default: { request: (options: unknown) => request(options) } }));

import { exchange } from './transport';

afterEach(() => request.mockReset());

const header = { Accept: 'application/json', 'Content-Type': 'application/json' };

describe('the WeChat transport (wx.request)', () => {
  it('sends a PATCH as a POST that names it, since wx.request has no PATCH', async () => {
    request.mockResolvedValueOnce({ statusCode: 200, data: { id: 'me' } });
    const answer = await exchange({
      url: 'https://xf.example.cn/api/me/profile',
      method: 'PATCH',
      data: { address: '东山矿区三号楼' },
      header,
      timeout: 1000,
    });
    expect(answer).toEqual({ statusCode: 200, data: { id: 'me' } });
    expect(request).toHaveBeenCalledWith({
      url: 'https://xf.example.cn/api/me/profile',
      method: 'POST',
      header: { ...header, 'X-HTTP-Method-Override': 'PATCH' },
      data: { address: '东山矿区三号楼' },
      dataType: 'json',
      timeout: 1000,
    });
  });

  it('sends every other method as it is, with the headers it was given', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE']) {
      request.mockResolvedValueOnce({ statusCode: 204, data: '' });
      await exchange({ url: '/api/x', method, header, timeout: 1000 });
      expect(request).toHaveBeenLastCalledWith(expect.objectContaining({ method, header }));
    }
  });
});

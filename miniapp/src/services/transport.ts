import Taro from '@tarojs/taro';

/**
 * One HTTP exchange, as the platform does it: `Taro.request` in WeChat. The h5 twin
 * (`transport.h5.ts`) uses the browser's own fetch, sparing the phone Taro's fetch polyfills.
 * Rejects when no answer arrived; `transportError` in `api.ts` says why.
 */
export interface Exchange {
  url: string;
  method: string;
  data?: unknown;
  header: Record<string, string>;
  timeout: number;
}

export interface Answer {
  statusCode: number;
  /** Parsed JSON, or the raw text when the answer was not JSON. */
  data: unknown;
}

export async function exchange({ url, method, data, header, timeout }: Exchange): Promise<Answer> {
  const response = await Taro.request<unknown>({
    url,
    method: method as keyof Taro.request.Method,
    data,
    header,
    dataType: 'json',
    timeout,
  });
  return { statusCode: response.statusCode, data: response.data };
}

/**
 * What a release of the WeChat package needs, checked before it is built: the API's https origin,
 * which WeChat's request, uploadFile and downloadFile 合法域名 must list (docs/deployment.md), and
 * the mini-program's AppID. WeChat refuses any other address on a phone (no http, no IP address, no
 * localhost), so a release built without them would fail at its first request.
 */

/** `https://host` or `https://host:port`: a domain name, no path (the client adds `/api/…`). */
const HTTPS_ORIGIN =
  /^https:\/\/(?!localhost(?::|$))(?![\d.]+(?::|$))[a-z\d-]+(?:\.[a-z\d-]+)+(?::\d{1,5})?$/;

/** A mini-program's AppID as WeChat's console shows it (开发管理 → 开发设置). */
const APP_ID = /^wx[\da-f]{16}$/;

/** The problems that keep `env` from building a release, in words for the one who builds it. */
export function weappReleaseProblems(env: Record<string, string | undefined>): string[] {
  const problems: string[] = [];
  const apiBase = env.TARO_APP_API_BASE;
  const given = (value: string | undefined) => (value ? `"${value}"` : 'unset');
  if (!apiBase || !HTTPS_ORIGIN.test(apiBase)) {
    problems.push(
      'TARO_APP_API_BASE must be the API’s https origin, a domain registered in WeChat ' +
        `(e.g. https://xinfang.example.cn); it is ${given(apiBase)}`,
    );
  }
  const appId = env.TARO_APP_ID;
  if (!appId || !APP_ID.test(appId)) {
    problems.push(
      `TARO_APP_ID must be the mini-program’s AppID (wx and 16 hex digits); it is ${given(appId)}`,
    );
  }
  return problems;
}

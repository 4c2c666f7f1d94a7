/**
 * Build-time settings of the client. Taro replaces `process.env.TARO_APP_*` at build time (see
 * config/index.ts); this is the one module that reads them.
 */

/** Base URL of the API, without a trailing slash. Empty: same origin, as when the server serves h5. */
export const API_BASE = (process.env.TARO_APP_API_BASE ?? '').replace(/\/+$/, '');

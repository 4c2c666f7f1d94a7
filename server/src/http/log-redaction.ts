import type { FastifyRequest } from 'fastify';

/**
 * Phone and ID numbers never reach the log (PIPL Art 51; the database holds them only encrypted).
 * The API takes them only in bodies, which are not logged; this is the second line, for a client
 * that puts one in a URL anyway: the request serialiser writes the URL with every mainland mobile
 * number (with or without +86, spaced or dashed) and every 18-character ID number replaced.
 */
const PHONE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g;
const ID_NUMBER = /(?<![\dA-Za-z])\d{17}[\dXx](?![\dA-Za-z])/g;
const REDACTED = '[redacted]';

export function redactPersonalNumbers(text: string): string {
  return text.replace(ID_NUMBER, REDACTED).replace(PHONE, REDACTED);
}

/**
 * The token of the signed address WeChat downloads a photo from (`/api/wechat/media/<token>`):
 * whoever holds it may fetch the photo for an hour, so it is a credential and is not logged.
 */
const MEDIA_TOKEN = /(\/wechat\/media\/)[^/?#]+/gi;

/** A URL as logged: decoded first, so `%2B86…` or `138%200000…` cannot slip past. */
export function redactUrl(url: string): string {
  let decoded = url;
  try {
    decoded = decodeURIComponent(url.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: redact the text as it came.
  }
  return redactPersonalNumbers(decoded.replace(MEDIA_TOKEN, `$1${REDACTED}`));
}

/** Fastify's request log line, with the URL redacted. */
export function requestSerializer(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

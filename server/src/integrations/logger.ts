/**
 * The little of a logger the integrations need. Pino and Fastify's `request.log` both fit, so the
 * caller hands in whichever it has and the integrations never reach for `console`.
 */
export interface IntegrationLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/** For callers that do not care to see what an integration says. */
export const silentLogger: IntegrationLogger = {
  info() {},
  warn() {},
};

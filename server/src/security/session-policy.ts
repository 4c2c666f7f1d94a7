/**
 * How long sessions last (OWASP ASVS 5.0 V7): short access tokens, refresh tokens that slide while
 * used and die when idle, and an absolute end after which the person signs in again. Staff sessions
 * are shorter than petitioners' because staff see other people's data.
 */
export const TOKEN_ISSUER = 'xinfang';
export const TOKEN_AUDIENCE = 'xinfang-api';
export const ACCESS_TOKEN_SECONDS = 15 * 60;

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

export const REFRESH_POLICY = {
  staff: { idleSeconds: 12 * HOUR, absoluteSeconds: 7 * DAY },
  petitioner: { idleSeconds: 30 * DAY, absoluteSeconds: 90 * DAY },
} as const;

export type SubjectType = keyof typeof REFRESH_POLICY;

/**
 * The closed list of error codes the API answers with, and the HTTP status each one travels with.
 * Every error body is `{ error: { code, message, details? } }` (see schemas/error.ts); clients switch
 * on `code`, never on `message`, which is for people and may change.
 */
export const ERROR_STATUS = {
  /** The request did not match the route's schema; `details` lists the failing field paths. */
  VALIDATION_FAILED: 400,
  /** The request is well-formed JSON/multipart but cannot be read (bad JSON, bad content). */
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  /** Wrong username or password (or a disabled account: the answer does not say which). */
  INVALID_CREDENTIALS: 401,
  /** The one-time code is wrong, expired or used up. */
  OTP_INVALID: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  /** The request (its body included) did not arrive whole in time: a stalled or very slow upload. */
  REQUEST_TIMEOUT: 408,
  /** Someone else changed the resource first; `details` carries the current version. */
  VERSION_CONFLICT: 409,
  /** A request with this Idempotency-Key is still being processed. */
  IDEMPOTENCY_IN_PROGRESS: 409,
  /** The thing already exists: a username, a unit code, a phone bound to another account. */
  ALREADY_EXISTS: 409,
  /** The thing is still in use and cannot be retired (a unit holding open petitions); `details` lists what holds it. */
  IN_USE: 409,
  /** Every place of the chosen reception slot is taken. */
  FULLY_BOOKED: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  /** A download resumed from past the end of the file; `Content-Range` carries its size. */
  RANGE_NOT_SATISFIABLE: 416,
  /** The same Idempotency-Key was sent with a different body. */
  IDEMPOTENCY_KEY_REUSED: 422,
  /** The petition lifecycle refuses the action; `details` names the rule and the article. */
  LIFECYCLE_REFUSED: 422,
  /** A new password is too short, too long, too common or the username; `details.problem` says which. */
  WEAK_PASSWORD: 422,
  /** The employee number, name and phone do not match one roster entry. */
  ROSTER_MISMATCH: 422,
  /** A create request came without the Idempotency-Key header it requires. */
  IDEMPOTENCY_KEY_REQUIRED: 428,
  RATE_LIMITED: 429,
  INTERNAL_ERROR: 500,
  /** A dependency (the database, an upstream service) is down; try again later. */
  SERVICE_UNAVAILABLE: 503,
  /** The change would leave the top unit with no active administrator: nobody could manage it. */
  LAST_ADMIN: 409,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof ERROR_STATUS;

export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export function isErrorCode(value: unknown): value is ErrorCode {
  // Not `Object.hasOwn`: the mini-program runs this, and iOS before 15.4 has none.
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}

/** A field that failed validation: a JSON pointer into the request part, and why. */
export interface FieldIssue {
  /** e.g. `/body/title` or `/querystring/limit` */
  path: string;
  message: string;
}

export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    details?: unknown;
  };
}

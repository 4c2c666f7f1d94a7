/** The bytes `start` to `end` of a file, both included (RFC 9110 §14.1.1). */
export interface ByteRange {
  start: number;
  end: number;
}

const SINGLE = /^bytes[ \t]*=[ \t]*(\d*)[ \t]*-[ \t]*(\d*)[ \t]*$/i;

/**
 * The part of a stored file a `Range` request asks for (RFC 9110 §14.2), so a download cut off
 * (WeChat stops any at 60 s; a weak signal underground) resumes where it broke instead of starting
 * over. Only one range is served: several, a malformed header, or an `If-Range` that is not this
 * file's strong ETag (the file changed since the first part; a date cannot be checked, as stored
 * files carry no Last-Modified) get the whole file (`null`), as §14.2 allows.
 * 'unsatisfiable' when the range starts past the end, or a suffix of zero bytes: a 416.
 */
export function requestedRange(
  range: string | undefined,
  ifRange: string | undefined,
  size: number,
  etag: string,
): ByteRange | 'unsatisfiable' | null {
  if (range === undefined) return null;
  if (ifRange !== undefined && ifRange.trim() !== etag) return null;
  const match = SINGLE.exec(range);
  if (!match) return null;
  const [, first = '', last = ''] = match;
  if (first === '' && last === '') return null;
  if (first === '') {
    // bytes=-N: the last N bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? Number.POSITIVE_INFINITY : Number(last);
  if (end < start) return null; // invalid syntax: ignored (§14.1.1)
  if (start >= size) return 'unsatisfiable';
  return { start, end: Math.min(end, size - 1) };
}

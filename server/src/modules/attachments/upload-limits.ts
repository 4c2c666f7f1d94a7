import sharp from 'sharp';
import { AppError } from '../../errors';

/**
 * libvips keeps the results of recent operations (up to 50 MB) to reuse them; we never process the
 * same image twice, so that cache is only memory held (25 MB of the server's RSS in `pnpm soak`).
 * One thread per image: at most UPLOAD_PROCESSING_CONCURRENCY images are processed at once anyway.
 */
export function limitImageMemory(): void {
  sharp.cache(false);
  sharp.concurrency(1);
}

/**
 * How many uploads one account may have in flight at once. Each holds a connection and a file
 * being written; a phone (or a script) opening a hundred at once gets 429 for the ones past the
 * limit instead of tying up the server.
 */
export function perAccountUploads(limit: number) {
  const inFlight = new Map<string, number>();
  return {
    /** Takes one of the owner's slots or refuses; the returned function gives it back. */
    take(ownerId: string): () => void {
      const held = inFlight.get(ownerId) ?? 0;
      if (held >= limit) {
        throw new AppError('RATE_LIMITED', `同时上传的文件不能超过 ${limit} 个，请等前面的上传完成`, {
          retryAfterSeconds: 5,
        });
      }
      inFlight.set(ownerId, held + 1);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        const left = (inFlight.get(ownerId) ?? 1) - 1;
        if (left > 0) inFlight.set(ownerId, left);
        else inFlight.delete(ownerId);
      };
    },
  };
}

/** Runs at most `limit` tasks at once; the others wait their turn in order. */
export function taskGate(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (running < limit) running += 1;
    // A finishing task hands its place straight to the next in line.
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running -= 1;
    }
  };
}

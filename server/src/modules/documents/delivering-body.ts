import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';

/** How much of the file goes out at a time: a connection that stalls holds back the rest. */
const PIECE = 16 * 1024;

/**
 * The body of a petitioner's download of the answer awaiting delivery, whose end records the
 * delivery (Art 35, 36: the windows run from the day the answer was received). The file ends only
 * after every byte of it has been handed to the connection and `deliver` has run: a connection
 * cut half-way (a weak signal underground) records nothing, and a client that has the whole file
 * finds the case delivered when it looks again. Not for a HEAD request, which sends no body.
 */
export function deliveringBody(
  file: Readable,
  response: ServerResponse,
  deliver: () => Promise<void>,
): Readable {
  async function* pieces() {
    for await (const chunk of file) {
      const bytes = chunk as Buffer;
      for (let at = 0; at < bytes.length; at += PIECE) yield bytes.subarray(at, at + PIECE);
    }
    if (await handedOver(response)) await deliver();
  }
  // One piece ahead at most: the generator runs on only as the connection takes what it has.
  return Readable.from(pieces(), { objectMode: false, highWaterMark: 1 });
}

/**
 * Whether everything written so far has left for the client: a write's callback runs once the
 * writes before it are done, and the connection is still there after them.
 */
function handedOver(response: ServerResponse): Promise<boolean> {
  return new Promise((resolve) => {
    response.write(Buffer.alloc(0), (error) =>
      resolve(!error && !response.destroyed && response.socket?.destroyed !== true),
    );
  });
}

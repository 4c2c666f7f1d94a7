import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * HTTP/1.1 over a plain socket, for the fault suite: requests whose bytes the test sends when it
 * chooses — an upload that stalls halfway, a request whose headers are finished only after the
 * server was told to stop — on a keep-alive connection the test holds open.
 */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface RawConnection {
  socket: Socket;
  /** Sends bytes as they are. */
  write(bytes: Buffer | string): Promise<void>;
  /** The next complete answer on this connection. */
  answer(): Promise<RawAnswer>;
  /** Resolves when the server (or anyone) closes the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
  end(): void;
}

export async function rawConnection(baseUrl: string): Promise<RawConnection> {
  const url = new URL(baseUrl);
  const socket = connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.on('error', () => {});
  let buffer = Buffer.alloc(0);
  let wake: (() => void) | null = null;
  let closed = false;
  socket.on('data', (chunk: Buffer) => {
    buffer = Buffer.concat([buffer, chunk]);
    wake?.();
  });
  const closedPromise = new Promise<void>((resolve) =>
    socket.once('close', () => {
      closed = true;
      wake?.();
      resolve();
    }),
  );

  async function answer(): Promise<RawAnswer> {
    for (;;) {
      const parsed = parseAnswer(buffer);
      if (parsed) {
        buffer = buffer.subarray(parsed.length);
        return parsed.answer;
      }
      if (closed) throw new Error(`connection closed before a whole answer (${buffer.length} bytes)`);
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
      wake = null;
    }
  }

  return {
    socket,
    write: (bytes) =>
      new Promise((resolve, reject) => socket.write(bytes, (error) => (error ? reject(error) : resolve()))),
    answer,
    closed: closedPromise,
    isClosed: () => closed,
    end: () => socket.destroy(),
  };
}

function parseAnswer(buffer: Buffer): { answer: RawAnswer; length: number } | null {
  const headEnd = buffer.indexOf('\r\n\r\n');
  if (headEnd < 0) return null;
  const [statusLine = '', ...lines] = buffer.subarray(0, headEnd).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? 0);
  if (buffer.length < headEnd + 4 + length) return null;
  const body = buffer.subarray(headEnd + 4, headEnd + 4 + length).toString('utf8');
  return {
    answer: { status: Number(statusLine.split(' ')[1]), headers, body },
    length: headEnd + 4 + length,
  };
}

/** The head of a request, up to and including the blank line. */
export function requestHead(
  method: string,
  path: string,
  headers: Record<string, string | number> = {},
): string {
  const lines = Object.entries({ host: 'localhost', connection: 'keep-alive', ...headers }).map(
    ([name, value]) => `${name}: ${value}`,
  );
  return `${method} ${path} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
}

/**
 * A one-file multipart upload (field `file`), split so the test can send it in parts: the request
 * head with the multipart preamble, then the file's bytes (in whatever pieces), then the epilogue.
 */
export function multipartUpload(path: string, token: string, fileSize: number, mime = 'image/jpeg') {
  const boundary = `xf-${randomBytes(8).toString('hex')}`;
  const preamble =
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\n` +
    `Content-Type: ${mime}\r\n\r\n`;
  const epilogue = `\r\n--${boundary}--\r\n`;
  const head = requestHead('POST', path, {
    authorization: `Bearer ${token}`,
    'content-type': `multipart/form-data; boundary=${boundary}`,
    'content-length': Buffer.byteLength(preamble) + fileSize + Buffer.byteLength(epilogue),
  });
  return { start: head + preamble, epilogue };
}

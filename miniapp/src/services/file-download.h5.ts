import { API_BASE } from '@/env';
import { ApiError, errorFromAnswer } from './api';
import { progressText } from './download-progress';
import type { DownloadRequest } from './file-download';
import { api } from './instance';

export type { DownloadRequest } from './file-download';

/**
 * A file the API makes for the signed-in, in the browser (the h5 twin of `file-download.ts`):
 * fetched with the access token and read chunk by chunk, so the page can say how much has arrived
 * (a percentage when the answer states its length; an export is streamed, so in kilobytes), then saved under the
 * name the answer gives. A stream that breaks off part-way (the server aborts an export that fails)
 * is an error: nothing is saved.
 */
export function downloadFile(request: DownloadRequest): Promise<void> {
  return api.withAccessToken(async (token) => {
    let response: Response;
    try {
      response = await fetch(`${API_BASE}${request.path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    } catch {
      throw new ApiError('NETWORK_ERROR', 'The download failed');
    }
    if (!response.ok || !response.body) {
      const body: unknown = await response.json().catch(() => null);
      throw errorFromAnswer(response.status, body);
    }
    // A compressed answer states the length it has on the wire, not what the reader counts.
    const expected = response.headers.get('content-encoding')
      ? 0
      : Number(response.headers.get('content-length') ?? 0);
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch {
        throw new ApiError('NETWORK_ERROR', 'The download broke off part-way');
      }
      if (next.done) break;
      chunks.push(next.value);
      received += next.value.length;
      request.onProgress?.(progressText(received, expected));
    }
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(chunks as BlobPart[]));
    link.download = fileNameOf(response.headers.get('content-disposition'), request.fallbackName);
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
}

/** The name a `Content-Disposition` gives: its UTF-8 `filename*` (RFC 5987), else `filename`. */
export function fileNameOf(disposition: string | null, fallback: string): string {
  const extended = /filename\*=UTF-8''([^;\s]+)/i.exec(disposition ?? '')?.[1];
  if (extended) {
    try {
      return decodeURIComponent(extended);
    } catch {
      // A malformed encoding: the plain name below.
    }
  }
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

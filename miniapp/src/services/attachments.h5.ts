import type { Attachment } from '@xinfang/shared/schemas/petitions';
import { API_BASE } from '@/env';
import { ApiError, errorFromAnswer } from './api';
import { api } from './instance';

/**
 * Attachments in the browser (the h5 twin of `attachments.ts`): the photo's bytes go up with
 * XMLHttpRequest, which reports upload progress, and attachments come down with the access token
 * into blob URLs (an <img> cannot send the token itself).
 */

export type PhotoData = string | Blob;

export const UPLOAD_TIMEOUT_MS = 60_000;

/** Uploads one chosen file under its own Idempotency-Key, the same on every retry of it. */
export function uploadPhoto(
  data: PhotoData,
  onProgress: (percent: number) => void,
  idempotencyKey: string,
): Promise<Attachment> {
  if (typeof data === 'string') return Promise.reject(new ApiError('BAD_REQUEST', 'Expected the bytes'));
  return api.withAccessToken(
    (token) =>
      new Promise<Attachment>((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', `${API_BASE}/api/attachments`);
        xhr.setRequestHeader('Authorization', `Bearer ${token}`);
        xhr.setRequestHeader('Accept', 'application/json');
        xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
        xhr.timeout = UPLOAD_TIMEOUT_MS;
        xhr.upload.onprogress = (event) => {
          if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
        };
        xhr.onload = () => {
          let body: unknown = null;
          try {
            body = JSON.parse(xhr.responseText);
          } catch {
            body = null;
          }
          if (xhr.status === 201 && body && typeof body === 'object') resolve(body as Attachment);
          else reject(errorFromAnswer(xhr.status, body));
        };
        xhr.onerror = () => reject(new ApiError('NETWORK_ERROR', 'The upload failed'));
        xhr.ontimeout = () => reject(new ApiError('TIMEOUT', 'The upload timed out'));
        const form = new FormData();
        form.append('file', data, data.type === 'image/png' ? 'photo.png' : 'photo.jpg');
        xhr.send(form);
      }),
  );
}

export function attachmentSource(id: string, variant: 'original' | 'thumbnail'): Promise<string> {
  const path = `/api/attachments/${encodeURIComponent(id)}${variant === 'thumbnail' ? '/thumbnail' : ''}`;
  return api.withAccessToken(async (token) => {
    let response: Response;
    try {
      response = await fetch(`${API_BASE}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    } catch {
      throw new ApiError('NETWORK_ERROR', 'The download failed');
    }
    if (!response.ok) {
      const body: unknown = await response.json().catch(() => null);
      throw errorFromAnswer(response.status, body);
    }
    return URL.createObjectURL(await response.blob());
  });
}

/** Shows an attachment in full, in a new tab (the browser's own image and PDF viewers). */
export async function openAttachment(id: string, _kind: 'image' | 'pdf'): Promise<void> {
  const opened = window.open('', '_blank');
  const full = await attachmentSource(id, 'original');
  if (opened) opened.location.href = full;
  else window.location.href = full;
}

export function releaseSource(source: string): void {
  if (source.startsWith('blob:')) URL.revokeObjectURL(source);
}

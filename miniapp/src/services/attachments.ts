import Taro from '@tarojs/taro';
import type { Attachment } from '@xinfang/shared/schemas/petitions';
import { API_BASE } from '@/env';
import { ApiError, errorFromAnswer, transportError } from './api';
import { downloadError } from './download-error';
import { api } from './instance';

/**
 * Attachments in WeChat: upload a photo file with progress, and fetch an attachment (which needs
 * the access token) to a local file to show. The h5 build uses `attachments.h5.ts` instead — same
 * functions, over XMLHttpRequest and blob URLs.
 */

/** A photo on this device: a file path in WeChat, the bytes themselves in the browser. */
export type PhotoData = string | Blob;

export const UPLOAD_TIMEOUT_MS = 60_000;

/**
 * Uploads one chosen file. `idempotencyKey` is the file's own, made when it was chosen and sent
 * again on every retry of it: the server keeps a file sent twice once (a retry after a lost answer
 * gets the first answer).
 */
export function uploadPhoto(
  data: PhotoData,
  onProgress: (percent: number) => void,
  idempotencyKey: string,
): Promise<Attachment> {
  if (typeof data !== 'string') return Promise.reject(new ApiError('BAD_REQUEST', 'Expected a file path'));
  return api.withAccessToken(
    (token) =>
      new Promise<Attachment>((resolve, reject) => {
        const task = Taro.uploadFile({
          url: `${API_BASE}/api/attachments`,
          filePath: data,
          name: 'file',
          header: { Authorization: `Bearer ${token}`, 'Idempotency-Key': idempotencyKey },
          timeout: UPLOAD_TIMEOUT_MS,
          success: (result) => {
            let body: unknown = null;
            try {
              body = typeof result.data === 'string' ? JSON.parse(result.data) : result.data;
            } catch {
              body = null;
            }
            if (result.statusCode === 201 && body && typeof body === 'object') resolve(body as Attachment);
            else reject(errorFromAnswer(result.statusCode, body));
          },
          fail: (failure) => reject(transportError(failure)),
        });
        task.onProgressUpdate?.((progress) => onProgress(progress.progress));
      }),
  );
}

/** A local address to show an attachment (or its thumbnail) from, fetched with the access token. */
export function attachmentSource(id: string, variant: 'original' | 'thumbnail'): Promise<string> {
  const path = `/api/attachments/${encodeURIComponent(id)}${variant === 'thumbnail' ? '/thumbnail' : ''}`;
  return api.withAccessToken(
    (token) =>
      new Promise<string>((resolve, reject) => {
        Taro.downloadFile({
          url: `${API_BASE}${path}`,
          header: { Authorization: `Bearer ${token}` },
          success: (result) => {
            if (result.statusCode === 200) resolve(result.tempFilePath);
            else void downloadError(result).then(reject);
          },
          fail: (failure) => reject(transportError(failure)),
        });
      }),
  );
}

/** Shows an attachment in full: WeChat's image viewer, or its document viewer for a PDF. */
export async function openAttachment(id: string, kind: 'image' | 'pdf'): Promise<void> {
  const full = await attachmentSource(id, 'original');
  if (kind === 'image') await Taro.previewImage({ urls: [full], current: full });
  else await Taro.openDocument({ filePath: full, fileType: 'pdf' });
}

/** Lets go of an address from `attachmentSource` (a blob URL on h5; WeChat cleans its own). */
export function releaseSource(_source: string): void {}

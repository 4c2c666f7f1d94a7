import Taro from '@tarojs/taro';
import { API_BASE } from '@/env';
import { ApiError, transportError } from './api';
import { downloadError } from './download-error';
import { progressText } from './download-progress';
import { api } from './instance';

export interface DownloadRequest {
  /** The API path with its query, e.g. `/api/reports/annual?year=2026&format=pdf`. */
  path: string;
  /** The kind WeChat's reader opens it as. */
  fileType: 'xlsx' | 'docx' | 'pdf';
  /** The name if the answer names none (the h5 build saves it under this). */
  fallbackName: string;
  /** How much has arrived: a percentage when the length is known, else kilobytes or megabytes. */
  onProgress?: (received: string) => void;
}

/**
 * WeChat stops a download at 60 s unless told otherwise: a year's ledger over a weak signal
 * underground takes longer, and a stalled one still ends (with an error the page offers to retry).
 */
const LARGE_FILE_TIMEOUT_MS = 10 * 60_000;

/**
 * A file the API makes for the signed-in (the ledger's export, a report) in WeChat: downloaded with
 * the access token, then opened in WeChat's reader, whose menu saves and forwards it. A download
 * that breaks off (the server aborts an export that fails part-way) fails here; a file the reader
 * cannot open is refused, never shown as if whole. The h5 build uses `file-download.h5.ts`.
 */
export function downloadFile(request: DownloadRequest): Promise<void> {
  return api.withAccessToken(
    (token) =>
      new Promise<void>((resolve, reject) => {
        const task = Taro.downloadFile({
          url: `${API_BASE}${request.path}`,
          header: { Authorization: `Bearer ${token}` },
          timeout: LARGE_FILE_TIMEOUT_MS,
          success: (result) => {
            if (result.statusCode !== 200) return void downloadError(result).then(reject);
            Taro.openDocument({
              filePath: result.tempFilePath,
              fileType: request.fileType,
              showMenu: true,
            }).then(
              () => resolve(),
              () => reject(new ApiError('BAD_RESPONSE', 'The reader could not open the file')),
            );
          },
          fail: (failure) => reject(transportError(failure)),
        });
        const { onProgress } = request;
        if (onProgress)
          task.onProgressUpdate((update) =>
            onProgress(progressText(update.totalBytesWritten, update.totalBytesExpectedToWrite)),
          );
      }),
  );
}

import Taro from '@tarojs/taro';
import { API_BASE } from '@/env';
import { errorFromAnswer, transportError } from './api';
import { api } from './instance';

export type ExportFormat = 'csv' | 'xlsx';
/** WeChat's reader opens spreadsheets, not CSV text. */
export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx'];

/**
 * The ledger's export in WeChat: downloaded with the access token, reporting its progress as it
 * comes (a large export takes a while), then opened in WeChat's reader, whose menu saves and
 * forwards it. The h5 build uses `ledger-export.h5.ts`.
 */
export function exportLedger(
  query: string,
  format: ExportFormat,
  onProgress: (received: string) => void,
): Promise<void> {
  return api.withAccessToken(
    (token) =>
      new Promise<void>((resolve, reject) => {
        const task = Taro.downloadFile({
          url: `${API_BASE}/api/ledger/export?${query}&format=${format}`,
          header: { Authorization: `Bearer ${token}` },
          success: (result) => {
            if (result.statusCode !== 200) return reject(errorFromAnswer(result.statusCode, null));
            Taro.openDocument({ filePath: result.tempFilePath, fileType: 'xlsx', showMenu: true }).then(
              () => resolve(),
              reject,
            );
          },
          fail: (failure) => reject(transportError(failure)),
        });
        task.onProgressUpdate((update) => onProgress(`${update.progress}%`));
      }),
  );
}

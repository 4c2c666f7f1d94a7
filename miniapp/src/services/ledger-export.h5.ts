import { API_BASE } from '@/env';
import { ApiError, errorFromAnswer } from './api';
import { api } from './instance';

export type ExportFormat = 'csv' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['xlsx', 'csv'];

/**
 * The ledger's export in the browser (the h5 twin of `ledger-export.ts`): fetched with the access
 * token and read chunk by chunk, so the page can say how much has arrived (the export is streamed,
 * its length unknown: the progress is in kilobytes), then saved under its name.
 */
export function exportLedger(
  query: string,
  format: ExportFormat,
  onProgress: (received: string) => void,
): Promise<void> {
  return api.withAccessToken(async (token) => {
    let response: Response;
    try {
      response = await fetch(`${API_BASE}/api/ledger/export?${query}&format=${format}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
    } catch {
      throw new ApiError('NETWORK_ERROR', 'The download failed');
    }
    if (!response.ok || !response.body) {
      const body: unknown = await response.json().catch(() => null);
      throw errorFromAnswer(response.status, body);
    }
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      onProgress(`${Math.round(received / 1024)} KB`);
    }
    const name =
      /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `ledger.${format}`;
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob(chunks as BlobPart[]));
    link.download = name;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
}

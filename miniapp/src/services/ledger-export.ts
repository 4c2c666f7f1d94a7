import { downloadFile } from './file-download';

export type ExportFormat = 'csv' | 'xlsx';
/** WeChat's reader opens spreadsheets, not CSV text; the browser saves either. */
export const EXPORT_FORMATS: readonly ExportFormat[] =
  process.env.TARO_ENV === 'h5' ? ['xlsx', 'csv'] : ['xlsx'];

/**
 * The ledger's export, reporting its progress as it comes (a large export takes a while): opened
 * in WeChat's reader, or saved by the browser (`file-download.ts` and its h5 twin).
 */
export function exportLedger(
  query: string,
  format: ExportFormat,
  onProgress: (received: string) => void,
): Promise<void> {
  return downloadFile({
    path: `/api/ledger/export?${query}&format=${format}`,
    // Only the browser is offered CSV, and saves it as it is.
    fileType: 'xlsx',
    fallbackName: `信访台账.${format}`,
    onProgress,
  });
}

import { downloadFile } from './file-download';

export type ReportFormat = 'docx' | 'pdf';

/** The annual report of a year (Art 41), or the bulletin (通报) of a month or a quarter. */
export type ReportRequest =
  | { kind: 'annual'; year: number }
  | { kind: 'bulletin'; year: number; month: number }
  | { kind: 'bulletin'; year: number; quarter: 1 | 2 | 3 | 4 };

/** The API path of a report (server/src/modules/reports/report.route.ts). */
export function reportPath(report: ReportRequest, format: ReportFormat): string {
  if (report.kind === 'annual') return `/api/reports/annual?year=${report.year}&format=${format}`;
  const part = 'month' in report ? String(report.month).padStart(2, '0') : `Q${report.quarter}`;
  return `/api/reports/bulletin?period=${report.year}-${part}&format=${format}`;
}

/**
 * Downloads a report of the caller's unit: opened in WeChat's reader, or saved by the browser under
 * the report's own title (the server names it, e.g. 晋安煤业集团2026年第一季度信访工作通报.docx).
 */
export function downloadReport(
  report: ReportRequest,
  format: ReportFormat,
  onProgress?: (received: string) => void,
): Promise<void> {
  return downloadFile({
    path: reportPath(report, format),
    fileType: format,
    fallbackName: `信访工作报告.${format}`,
    ...(onProgress ? { onProgress } : {}),
  });
}

import { afterEach, describe, expect, it, vi } from 'vitest';

// The platforms' transports are replaced by stubs that answer the way WeChat and the browser do;
// the unit under test is the reports' paths and how a download that fails or breaks off ends.
const taro = vi.hoisted(() => ({
  downloadFile: vi.fn(),
  openDocument: vi.fn(),
  getFileSystemManager: vi.fn(),
}));
vi.mock('@tarojs/taro', () => ({ default: taro }));
vi.mock('./instance', () => ({
  api: { withAccessToken: <T>(task: (token: string) => Promise<T>) => task('token-1') },
}));

import { ApiError } from './api';
import { downloadFile } from './file-download';
import { downloadFile as browserDownload, fileNameOf } from './file-download.h5';
import { downloadReport, reportPath } from './reports';

afterEach(() => {
  vi.resetAllMocks();
  vi.unstubAllGlobals();
});

describe('reportPath', () => {
  it('asks for the annual report by year and a bulletin by month or quarter', () => {
    expect(reportPath({ kind: 'annual', year: 2026 }, 'docx')).toBe(
      '/api/reports/annual?year=2026&format=docx',
    );
    expect(reportPath({ kind: 'bulletin', year: 2026, month: 3 }, 'pdf')).toBe(
      '/api/reports/bulletin?period=2026-03&format=pdf',
    );
    expect(reportPath({ kind: 'bulletin', year: 2025, quarter: 4 }, 'pdf')).toBe(
      '/api/reports/bulletin?period=2025-Q4&format=pdf',
    );
  });
});

describe('downloadReport in WeChat', () => {
  function downloaded(result: { statusCode: number } | { fail: unknown }) {
    taro.downloadFile.mockImplementation(
      (options: { success: (r: unknown) => void; fail: (f: unknown) => void }) => {
        if ('fail' in result) options.fail(result.fail);
        else options.success({ ...result, tempFilePath: 'wxfile://tmp/1' });
        return { onProgressUpdate: vi.fn() };
      },
    );
  }

  it('downloads with the token and opens the file in WeChat’s reader as its type', async () => {
    downloaded({ statusCode: 200 });
    taro.openDocument.mockResolvedValue({});
    await downloadReport({ kind: 'bulletin', year: 2026, quarter: 1 }, 'docx');
    expect(taro.downloadFile.mock.calls[0]?.[0]).toMatchObject({
      url: expect.stringMatching(/\/api\/reports\/bulletin\?period=2026-Q1&format=docx$/),
      header: { Authorization: 'Bearer token-1' },
    });
    expect(taro.openDocument).toHaveBeenCalledWith({
      filePath: 'wxfile://tmp/1',
      fileType: 'docx',
      showMenu: true,
    });
  });

  it('fails, opening nothing, when the download breaks off or is refused', async () => {
    downloaded({ fail: { errMsg: 'downloadFile:fail net::ERR_CONNECTION_RESET' } });
    await expect(downloadReport({ kind: 'annual', year: 2026 }, 'pdf')).rejects.toMatchObject({
      code: 'NETWORK_ERROR',
    });
    downloaded({ statusCode: 403 });
    // WeChat keeps the error body in the temporary file.
    taro.getFileSystemManager.mockReturnValue({
      readFile: (options: { success: (r: { data: string }) => void }) =>
        options.success({ data: '{"error":{"code":"FORBIDDEN","message":"无权查看"}}' }),
    });
    await expect(downloadReport({ kind: 'annual', year: 2026 }, 'pdf')).rejects.toMatchObject({
      code: 'FORBIDDEN',
      status: 403,
    });
    expect(taro.openDocument).not.toHaveBeenCalled();
  });

  it('waits for a large file past WeChat’s 60 s, saying how much has arrived', async () => {
    const updates: ((update: { totalBytesWritten: number; totalBytesExpectedToWrite: number }) => void)[] =
      [];
    let finish: (() => void) | undefined;
    taro.downloadFile.mockImplementation((options: { success: (r: unknown) => void }) => {
      finish = () => options.success({ statusCode: 200, tempFilePath: 'wxfile://tmp/1' });
      return { onProgressUpdate: (listener: (typeof updates)[number]) => updates.push(listener) };
    });
    taro.openDocument.mockResolvedValue({});
    const progress: string[] = [];
    const done = downloadFile({
      path: '/api/ledger/export?format=xlsx',
      fileType: 'xlsx',
      fallbackName: 'x',
      onProgress: (received) => progress.push(received),
    });
    expect(taro.downloadFile.mock.calls[0]?.[0].timeout).toBeGreaterThan(60_000);
    // A streamed export states no length: the amount so far; a stored file's: a percentage.
    updates[0]?.({ totalBytesWritten: 3 * 1024 * 1024, totalBytesExpectedToWrite: 0 });
    updates[0]?.({ totalBytesWritten: 300, totalBytesExpectedToWrite: 1200 });
    finish?.();
    await done;
    expect(progress).toEqual(['3.0 MB', '25%']);
  });

  it('fails when WeChat’s reader cannot open what arrived', async () => {
    downloaded({ statusCode: 200 });
    taro.openDocument.mockRejectedValue({ errMsg: 'openDocument:fail filetype not supported' });
    await expect(downloadReport({ kind: 'annual', year: 2026 }, 'pdf')).rejects.toBeInstanceOf(ApiError);
  });
});

describe('downloads in the browser', () => {
  function browser(body: ReadableStream<Uint8Array>, disposition: string) {
    const link = { href: '', download: '', click: vi.fn() };
    vi.stubGlobal('document', { createElement: () => link });
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(body, { headers: { 'content-disposition': disposition } })),
    );
    return link;
  }
  const named = `attachment; filename="bulletin-2026-Q1.docx"; filename*=UTF-8''${encodeURIComponent('晋安煤业集团2026年第一季度信访工作通报.docx')}`;

  it('saves the file under the name the server gives in UTF-8', async () => {
    const link = browser(new Blob(['PK…']).stream(), named);
    await browserDownload({
      path: '/api/reports/annual?year=2026&format=docx',
      fileType: 'docx',
      fallbackName: 'x',
    });
    expect(link.click).toHaveBeenCalledOnce();
    expect(link.download).toBe('晋安煤业集团2026年第一季度信访工作通报.docx');
  });

  it('saves nothing when the stream breaks off part-way (the server aborts a failed export)', async () => {
    let sent = false;
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent) return controller.error(new TypeError('network error'));
        sent = true;
        controller.enqueue(new TextEncoder().encode('编号,标题\r\n'));
      },
    });
    const link = browser(broken, named);
    const progress: string[] = [];
    const failure = browserDownload({
      path: '/api/ledger/export?format=csv',
      fileType: 'xlsx',
      fallbackName: 'x',
      onProgress: (received) => progress.push(received),
    });
    await expect(failure).rejects.toMatchObject({ code: 'NETWORK_ERROR' });
    expect(progress).toHaveLength(1);
    expect(link.click).not.toHaveBeenCalled();
  });

  it('reads filename* first, then filename, then the fallback', () => {
    expect(fileNameOf(named, 'x')).toBe('晋安煤业集团2026年第一季度信访工作通报.docx');
    expect(fileNameOf('attachment; filename="audit-2026-03-01.csv"', 'x')).toBe('audit-2026-03-01.csv');
    expect(fileNameOf("attachment; filename*=UTF-8''%E0%A4%A", 'report.pdf')).toBe('report.pdf');
    expect(fileNameOf(null, 'report.pdf')).toBe('report.pdf');
  });
});

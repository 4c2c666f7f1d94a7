import Taro from '@tarojs/taro';
import { API_BASE } from '@/env';
import { transportError } from './api';
import { documentPath } from './documents';
import { downloadError } from './download-error';
import { api } from './instance';

/**
 * A document's PDF in WeChat: downloaded with the access token to a temporary file, then shown by
 * WeChat's own reader (`openDocument`), whose menu saves, forwards and prints it. The h5 build uses
 * `document-file.h5.ts`: the same functions, over a blob URL and the document viewer page.
 */
export function documentFile(documentId: string): Promise<string> {
  return signedInFile(documentPath(documentId));
}

/** A file the API serves only to the signed-in (a document, a unit's seal), as a local path. */
export function signedInFile(path: string): Promise<string> {
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

/** Opens the document for reading and saving. */
export async function openDocument(documentId: string, _title: string): Promise<void> {
  const filePath = await documentFile(documentId);
  await Taro.openDocument({ filePath, fileType: 'pdf', showMenu: true });
}

/** Only the browser keeps blob URLs. */
export function releaseDocumentFile(_source: string): void {}

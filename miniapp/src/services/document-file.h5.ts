import Taro from '@tarojs/taro';
import { API_BASE } from '@/env';
import { routes } from '@/routes';
import { ApiError, errorFromAnswer } from './api';
import { documentPath } from './documents';
import { api } from './instance';

/**
 * A document's PDF in the browser (the h5 twin of `document-file.ts`): fetched with the access token
 * into a blob URL, which the document viewer page shows inline, saves and prints.
 */
export function documentFile(documentId: string): Promise<string> {
  return signedInFile(documentPath(documentId));
}

/** A file the API serves only to the signed-in (a document, a unit's seal), as a blob URL. */
export function signedInFile(path: string): Promise<string> {
  return api.withAccessToken(async (token) => {
    let response: Response;
    try {
      response = await fetch(`${API_BASE}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
      });
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

/** Opens the viewer page for the document. */
export async function openDocument(documentId: string, title: string): Promise<void> {
  await Taro.navigateTo({ url: routes.document(documentId, title) });
}

export function releaseDocumentFile(source: string): void {
  if (source.startsWith('blob:')) URL.revokeObjectURL(source);
}

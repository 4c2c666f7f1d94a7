import Taro from '@tarojs/taro';
import { ApiError, errorFromAnswer } from './api';

/**
 * The error of a download WeChat finished with a status other than 200. `Taro.downloadFile`
 * keeps any answer's body in its temporary file: read as the API's error body, an expired token
 * is UNAUTHENTICATED (which `withAccessToken` renews and tries once more) and a refusal keeps the
 * server's words. A 401 whose body cannot be read is still a refused token.
 */
export async function downloadError(result: {
  statusCode: number;
  tempFilePath?: string;
}): Promise<ApiError> {
  const body = result.tempFilePath ? await readJson(result.tempFilePath) : null;
  const error = errorFromAnswer(result.statusCode, body);
  if (result.statusCode === 401 && error.code === 'BAD_RESPONSE') {
    return new ApiError('UNAUTHENTICATED', 'HTTP 401 without an error body', 401);
  }
  return error;
}

/** The file's text as JSON, or null when it cannot be read or is not JSON (a gateway's page). */
function readJson(filePath: string): Promise<unknown> {
  return new Promise((resolve) => {
    Taro.getFileSystemManager().readFile({
      filePath,
      encoding: 'utf8',
      success: (result) => {
        try {
          resolve(JSON.parse(String(result.data)));
        } catch {
          resolve(null);
        }
      },
      fail: () => resolve(null),
    });
  });
}

import Taro from '@tarojs/taro';
import { signedInFile } from '@/services/document-file';

/**
 * A file the API serves only to the signed-in (an audit export), kept by the person: in WeChat it
 * is sent on to a chat of their choosing (`shareFileMessage`, the way a phone keeps a file); the h5
 * twin (`save-file.h5.ts`) downloads it.
 */
export async function saveSignedInFile(path: string, fileName: string): Promise<void> {
  const filePath = await signedInFile(path);
  await Taro.shareFileMessage({ filePath, fileName });
}

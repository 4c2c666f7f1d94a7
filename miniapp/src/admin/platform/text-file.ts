import Taro from '@tarojs/taro';

/**
 * A text file the administrator chooses (a roster, a notice), read as text. In WeChat a file
 * comes from a chat (`chooseMessageFile`) and is read as UTF-8; the h5 twin (`text-file.h5.ts`)
 * opens the browser's file picker and also reads the GB 18030 files older spreadsheets save.
 * Null when nothing was chosen.
 */
export async function chooseTextFile(_accept: string): Promise<{ name: string; text: string } | null> {
  let chosen: Taro.chooseMessageFile.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseMessageFile({ count: 1, type: 'file' });
  } catch {
    return null;
  }
  const file = chosen.tempFiles[0];
  if (!file) return null;
  const text = await new Promise<string>((resolve, reject) => {
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      encoding: 'utf8',
      success: (result) => resolve(String(result.data)),
      fail: reject,
    });
  });
  return { name: file.name, text };
}

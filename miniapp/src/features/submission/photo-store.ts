import Taro from '@tarojs/taro';
import type { PhotoData } from '@/services/attachments';

/**
 * Where a draft's photos are kept so they survive the app being killed. In WeChat, chosen photos
 * are temporary files that go away; they are copied into the mini-program's own user data folder.
 * The h5 twin (`photo-store.h5.ts`) keeps the bytes in IndexedDB.
 */
export interface KeptPhoto {
  /** What to upload. */
  data: PhotoData;
  /** What an <Image> can show. */
  preview: string;
}

const folder = () => `${Taro.env.USER_DATA_PATH}/drafts`;

export async function keepPhoto(id: string, data: PhotoData): Promise<string> {
  if (typeof data !== 'string') throw new Error('Expected a file path');
  const fs = Taro.getFileSystemManager();
  try {
    fs.mkdirSync(folder(), true);
  } catch {
    // already there
  }
  const ref = `${folder()}/${id}.jpg`;
  fs.copyFileSync(data, ref);
  return ref;
}

export async function loadPhoto(ref: string): Promise<KeptPhoto | null> {
  try {
    Taro.getFileSystemManager().accessSync(ref);
    return { data: ref, preview: ref };
  } catch {
    return null;
  }
}

export async function discardPhoto(ref: string): Promise<void> {
  try {
    Taro.getFileSystemManager().unlinkSync(ref);
  } catch {
    // already gone
  }
}

/** Lets go of a preview address (nothing to do in WeChat). */
export function releasePreview(_preview: string): void {}

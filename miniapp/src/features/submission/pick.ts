import Taro from '@tarojs/taro';
import type { PhotoData } from '@/services/attachments';

/**
 * Taking or choosing photos, compressed on the phone before anything is uploaded: a worker
 * underground may have one bar of signal. WeChat compresses with `compressImage`; the h5 twin
 * (`pick.h5.ts`) draws onto a canvas.
 */
export type PhotoSource = 'camera' | 'album';

export interface PickOptions {
  /**
   * With 'album': WeChat's own sheet offers 拍摄 beside 从相册选择, for the places that have one
   * button and whose words say 拍照. (In h5 a file input without `capture` offers the camera
   * beside the files already, so the twin needs no such option.)
   */
  orCamera?: boolean;
}

export interface PickedPhoto {
  data: PhotoData;
  bytes: number;
}

/** Photos are scaled to fit this many pixels on the long side. */
export const MAX_EDGE_PX = 1600;
export const JPEG_QUALITY = 0.8;

export async function pickPhotos(
  source: PhotoSource,
  max: number,
  { orCamera = false }: PickOptions = {},
): Promise<PickedPhoto[]> {
  if (max <= 0) return [];
  let chosen: Taro.chooseMedia.SuccessCallbackResult;
  try {
    chosen = await Taro.chooseMedia({
      count: max,
      mediaType: ['image'],
      sourceType: orCamera && source === 'album' ? ['album', 'camera'] : [source],
      sizeType: ['compressed'],
    });
  } catch {
    return []; // cancelled
  }
  const photos: PickedPhoto[] = [];
  for (const file of chosen.tempFiles.slice(0, max)) {
    const compressed = await compress(file.tempFilePath).catch(() => file.tempFilePath);
    const bytes = await sizeOf(compressed).catch(() => file.size);
    photos.push({ data: compressed, bytes });
  }
  return photos;
}

async function compress(path: string): Promise<string> {
  const info = await Taro.getImageInfo({ src: path });
  const longEdge = Math.max(info.width, info.height);
  const scale = longEdge > MAX_EDGE_PX ? MAX_EDGE_PX / longEdge : 1;
  // Typed, not spread into the call: a misspelt key (it was once `compressHeight`, so upright
  // photos went up at full size) is then a type error, not an option WeChat silently ignores.
  const fit: Pick<Taro.compressImage.Option, 'compressedWidth' | 'compressedHeight'> =
    scale >= 1
      ? {}
      : info.width >= info.height
        ? { compressedWidth: Math.round(info.width * scale) }
        : { compressedHeight: Math.round(info.height * scale) };
  const result = await Taro.compressImage({
    src: path,
    quality: Math.round(JPEG_QUALITY * 100),
    ...fit,
  });
  return result.tempFilePath;
}

function sizeOf(path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().getFileInfo({
      filePath: path,
      success: (result) => resolve(result.size),
      fail: reject,
    });
  });
}

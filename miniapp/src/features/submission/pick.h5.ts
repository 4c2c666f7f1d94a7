import { copy } from '@/copy/zh-CN';
import type { PhotoData } from '@/services/attachments';

/**
 * The h5 twin of `pick.ts`: a file input (with the camera hint for "拍照"), then each photo drawn
 * onto a canvas no larger than `MAX_EDGE_PX` and saved as JPEG — which also drops its EXIF data
 * before it leaves the phone (the server strips it again).
 */
export type PhotoSource = 'camera' | 'album';

export interface PickedPhoto {
  data: PhotoData;
  bytes: number;
}

export const MAX_EDGE_PX = 1600;
export const JPEG_QUALITY = 0.8;

export async function pickPhotos(source: PhotoSource, max: number): Promise<PickedPhoto[]> {
  if (max <= 0) return [];
  const files = await chooseFiles(source, max);
  const photos: PickedPhoto[] = [];
  for (const file of files.slice(0, max)) {
    const blob = await compress(file).catch(() => (file.size > 0 ? file : null));
    if (blob) photos.push({ data: blob, bytes: blob.size });
  }
  return photos;
}

function chooseFiles(source: PhotoSource, max: number): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/*';
    input.setAttribute('aria-label', source === 'camera' ? copy.submit.takePhoto : copy.submit.choosePhoto);
    if (source === 'camera') input.setAttribute('capture', 'environment');
    if (max > 1 && source === 'album') input.multiple = true;
    input.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0';
    const done = (files: File[]) => {
      input.remove();
      resolve(files);
    };
    input.addEventListener('change', () => done(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => done([]));
    document.body.appendChild(input);
    input.click();
  });
}

async function compress(file: Blob): Promise<Blob> {
  const bitmap = await createImageBitmap(file);
  try {
    const scale = Math.min(1, MAX_EDGE_PX / Math.max(bitmap.width, bitmap.height));
    const width = Math.max(1, Math.round(bitmap.width * scale));
    const height = Math.max(1, Math.round(bitmap.height * scale));
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('no canvas');
    context.fillStyle = '#ffffff';
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) =>
      canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY),
    );
    if (!blob) throw new Error('canvas could not encode');
    return blob;
  } finally {
    bitmap.close();
  }
}

import sharp from 'sharp';

/** The largest side a seal is kept at: 600 px is 0.07 mm a pixel at the 42 mm it is printed. */
const SEAL_MAX_SIDE = 600;
/** Paper under a scanned seal is near white; above this on every channel it becomes transparent. */
const PAPER = 225;

export class SealRefused extends Error {}

/**
 * A unit's seal as the documents print it: a PNG whose paper is transparent, so the seal lies over
 * the issuing unit's name and date as ink would (GB/T 9704 §7.3.5.1), trimmed to the seal itself
 * and at most 600 px a side. The upload has already been checked and cleaned as an image.
 */
export async function sealPng(upload: Buffer): Promise<Buffer> {
  const { data, info } = await sharp(upload, { failOn: 'error' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    if ((data[i] ?? 0) > PAPER && (data[i + 1] ?? 0) > PAPER && (data[i + 2] ?? 0) > PAPER) data[i + 3] = 0;
    else if ((data[i + 3] ?? 0) > 0) inked += 1;
  }
  if (inked < 100) throw new SealRefused('the image shows no seal');
  return sharp(data, { raw: { width: info.width, height: info.height, channels: 4 } })
    .trim()
    .resize({ width: SEAL_MAX_SIDE, height: SEAL_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

import sharp, { type Metadata, type OutputInfo } from 'sharp';

/**
 * What an upload really is, decided by its bytes (never by its name or the client's MIME type),
 * and how it is made safe to keep: photos are decoded and re-encoded with every piece of metadata
 * dropped — EXIF with its GPS position, XMP, IPTC, ICC, comments — because a worker's photo must not
 * reveal where they live (PIPL Art 6: collect no more than the purpose needs). PDFs are refused
 * when they carry anything that acts (scripts, actions, embedded files) and written again without
 * their metadata (author, software, XMP), streamed from file to file: see `pdf/sanitize.ts`.
 */

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';
export type Sniffed = { kind: 'image'; format: ImageFormat } | { kind: 'pdf' };

/** The long side of a stored image: enough to read a document photo, far less than a phone's camera. */
export const IMAGE_MAX_SIDE = 2560;
/** The long side of a thumbnail, a JPEG every client can show. */
export const THUMBNAIL_MAX_SIDE = 320;
/** Images declaring more pixels than this are refused before decoding (decompression bombs): 50 MP. */
export const IMAGE_MAX_PIXELS = 50_000_000;

const startsWith = (bytes: Uint8Array, signature: readonly number[], offset = 0) =>
  bytes.length >= offset + signature.length && signature.every((b, i) => bytes[offset + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** The type the bytes themselves announce, or null for anything we do not accept. */
export function sniff(bytes: Uint8Array): Sniffed | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: 'image', format: 'png' };
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8))
    return { kind: 'image', format: 'webp' };
  if (startsWith(bytes, ascii('GIF87a')) || startsWith(bytes, ascii('GIF89a')))
    return { kind: 'image', format: 'gif' };
  if (startsWith(bytes, ascii('%PDF-'))) return { kind: 'pdf' };
  return null;
}

/**
 * A PDF whose header names a version (`%PDF-1.x` or `%PDF-2.0`) and whose last kilobyte holds the
 * cross-reference pointer and the end-of-file marker. Not a full parse: enough to refuse a renamed
 * file or an upload cut off in transit.
 */
export function looksLikePdf(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!/^%PDF-(1\.[0-7]|2\.0)[\r\n\s%]/.test(buffer.subarray(0, 16).toString('latin1'))) return false;
  const tail = buffer.subarray(Math.max(0, buffer.length - 1024)).toString('latin1');
  return /startxref\s+\d+\s+%%EOF\s*$/.test(tail);
}

export class MediaRefused extends Error {
  constructor(readonly reason: 'undecodable' | 'too_many_pixels' | 'active_content') {
    super(reason);
    this.name = 'MediaRefused';
  }
}

export interface ProcessedImage {
  /** How many bytes the re-encoded image has (written to the output file). */
  byteSize: number;
  mime: string;
  width: number;
  height: number;
  thumbnail: Buffer;
  thumbnailMime: string;
}

/**
 * Decodes the image (first frame only; refusing truncated or corrupt data and anything over
 * IMAGE_MAX_PIXELS), turns it upright by its EXIF orientation, shrinks it to IMAGE_MAX_SIDE, and
 * re-encodes it without metadata into the file `output`. A GIF is kept as a PNG of its first frame.
 * The thumbnail is made from the cleaned image, so it carries nothing the image does not. libvips
 * reads `input` and writes `output` itself: neither file passes through JavaScript's memory, and
 * the decoded pixels (3–4 bytes each) are held only while libvips works on them.
 */
export async function processImage(
  input: string,
  format: ImageFormat,
  output: string,
): Promise<ProcessedImage> {
  const options = { failOn: 'error', limitInputPixels: IMAGE_MAX_PIXELS, animated: false } as const;
  let metadata: Metadata;
  try {
    metadata = await sharp(input, options).metadata();
  } catch (error) {
    throw refusal(error);
  }
  // The decoder must agree with the signature: a PNG header on a TIFF or SVG body is refused.
  if (metadata.format !== format) throw new MediaRefused('undecodable');
  if ((metadata.width ?? 0) * (metadata.height ?? 0) > IMAGE_MAX_PIXELS)
    throw new MediaRefused('too_many_pixels');

  const pipeline = sharp(input, options)
    .timeout({ seconds: 30 })
    .autoOrient()
    .resize({ width: IMAGE_MAX_SIDE, height: IMAGE_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  const encoded =
    format === 'jpeg'
      ? pipeline.jpeg({ quality: 85 })
      : format === 'webp'
        ? pipeline.webp({ quality: 85 })
        : pipeline.png({ compressionLevel: 9 });
  let image: OutputInfo;
  try {
    image = await encoded.toFile(output);
  } catch (error) {
    throw refusal(error);
  }
  const thumbnail = await sharp(output)
    .resize({
      width: THUMBNAIL_MAX_SIDE,
      height: THUMBNAIL_MAX_SIDE,
      fit: 'inside',
      withoutEnlargement: true,
    })
    .flatten({ background: '#ffffff' })
    .jpeg({ quality: 75 })
    .toBuffer();
  return {
    byteSize: image.size,
    mime: format === 'jpeg' ? 'image/jpeg' : format === 'webp' ? 'image/webp' : 'image/png',
    width: image.width,
    height: image.height,
    thumbnail,
    thumbnailMime: 'image/jpeg',
  };
}

function refusal(error: unknown): MediaRefused {
  const message = error instanceof Error ? error.message : '';
  return new MediaRefused(/pixel limit/i.test(message) ? 'too_many_pixels' : 'undecodable');
}

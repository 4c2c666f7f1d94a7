import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizePdf } from './sanitize';

/**
 * The sanitizer's memory does not grow with the file: a 72 MiB PDF (three uncompressed 24 MiB
 * images, written here a megabyte at a time) is rewritten while the process's buffer memory
 * (`arrayBuffers` + `external`, where file data would sit) grows by far less than one image.
 */

const WIDTH = 4096;
const HEIGHT = 6144;
const MIB = 1024 * 1024;

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xinfang-pdf-large-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Writes the PDF to `path` through one reused 1 MiB buffer; returns its size. */
async function writeLargePdf(path: string): Promise<number> {
  const handle = await open(path, 'wx');
  const offsets: number[] = [];
  let size = 0;
  const put = async (data: string | Buffer) => {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    await handle.write(bytes);
    size += bytes.length;
  };
  const object = async (num: number, body: string) => {
    offsets[num] = size;
    await put(`${num} 0 obj\n${body}\nendobj\n`);
  };
  try {
    await put('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n');
    await object(1, '<< /Type /Catalog /Pages 2 0 R >>');
    await object(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
    const images = '/XObject << /Im5 5 0 R /Im6 6 0 R /Im7 7 0 R >>';
    await object(
      3,
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 300] /Resources << ${images} >> /Contents 4 0 R >>`,
    );
    const content = [5, 6, 7].map((n, i) => `q 200 0 0 300 ${i * 200} 0 cm /Im${n} Do Q`).join('\n');
    await object(4, `<< /Length ${content.length} >>\nstream\n${content}\nendstream`);
    const rows = Buffer.alloc(MIB);
    for (const num of [5, 6, 7]) {
      offsets[num] = size;
      const dict = `/Type /XObject /Subtype /Image /Width ${WIDTH} /Height ${HEIGHT} /ColorSpace /DeviceGray /BitsPerComponent 8`;
      await put(`${num} 0 obj\n<< ${dict} /Length ${WIDTH * HEIGHT} >>\nstream\n`);
      for (let written = 0; written < WIDTH * HEIGHT; written += MIB)
        await put(rows.fill(num * 20 + written / MIB));
      await put('\nendstream\nendobj\n');
    }
    await object(8, '<< /Author (LargeFileAuthor) /Producer (Scanner) >>');
    const xrefAt = size;
    const entries = offsets.slice(1).map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`);
    await put(`xref\n0 9\n0000000000 65535 f \n${entries.join('')}`);
    await put(`trailer\n<< /Size 9 /Root 1 0 R /Info 8 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  } finally {
    await handle.close();
  }
  return size;
}

const bufferMemory = () => {
  const { arrayBuffers, external } = process.memoryUsage();
  return arrayBuffers + external;
};

describe('sanitizing a large PDF', () => {
  it('streams it: buffer memory grows by far less than the file', { timeout: 180_000 }, async () => {
    const input = join(dir, 'large.pdf');
    const output = join(dir, 'large-kept.pdf');
    const size = await writeLargePdf(input);
    expect(size).toBeGreaterThan(72 * MIB);

    const before = bufferMemory();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, bufferMemory());
    }, 2);
    let written: Awaited<ReturnType<typeof sanitizePdf>>;
    try {
      written = await sanitizePdf(input, output);
    } finally {
      clearInterval(sampler);
    }
    peak = Math.max(peak, bufferMemory());
    expect(peak - before).toBeLessThan(16 * MIB);

    // All three images are kept, byte for byte in size; the author is not.
    expect(written.byteSize).toBeGreaterThan(3 * WIDTH * HEIGHT);
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(output)) hash.update(chunk as Buffer);
    expect(hash.digest('hex')).toBe(written.sha256);
    const info = execFileSync('pdfinfo', [output], { encoding: 'utf8' });
    expect(info).toMatch(/^Pages:\s+1$/m);
    expect(info).not.toMatch(/^(Author|Producer):/m);
    const images = execFileSync('pdfimages', ['-list', output], { encoding: 'utf8' });
    expect(images.match(new RegExp(`\\s${WIDTH}\\s+${HEIGHT}\\s+gray`, 'g'))).toHaveLength(3);
  });
});

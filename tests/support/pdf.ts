import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

/**
 * Reading generated PDFs back with poppler's tools (Debian's poppler-utils, installed by .ci/run):
 * the text in reading order, the fonts and whether each is embedded as a subset, the images, and a
 * page rendered to PNG. Each call works on its own temporary copy.
 */
const run = promisify(execFile);

async function withFile<T>(pdf: Buffer, work: (path: string, dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'xf-pdf-'));
  try {
    const path = join(dir, 'document.pdf');
    await writeFile(path, pdf);
    return await work(path, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in reading order (pdftotext without layout). */
export function pdfText(pdf: Buffer): Promise<string> {
  return withFile(pdf, async (path) => (await run('pdftotext', ['-enc', 'UTF-8', path, '-'])).stdout);
}

export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  subset: boolean;
}

/** pdffonts' table: every font the document uses. */
export function pdfFonts(pdf: Buffer): Promise<PdfFont[]> {
  return withFile(pdf, async (path) => {
    const { stdout } = await run('pdffonts', [path]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        // name, type (may contain spaces), encoding, emb, sub, uni, object, ID
        const cols = line.trim().split(/\s+/);
        const [emb, sub] = cols.slice(-5, -3);
        return {
          name: cols[0] ?? '',
          type: cols.slice(1, -6).join(' '),
          embedded: emb === 'yes',
          subset: sub === 'yes',
        };
      });
  });
}

/** How many images the document places (pdfimages -list; an image’s transparency mask is not one). */
export function pdfImageCount(pdf: Buffer): Promise<number> {
  return withFile(pdf, async (path) => {
    const { stdout } = await run('pdfimages', ['-list', path]);
    return stdout
      .split('\n')
      .slice(2)
      .filter((line) => line.trim().split(/\s+/)[2] === 'image').length;
  });
}

/** How many pages, from pdfinfo. */
export function pdfPages(pdf: Buffer): Promise<number> {
  return withFile(pdf, async (path) => {
    const { stdout } = await run('pdfinfo', [path]);
    return Number(/Pages:\s+(\d+)/.exec(stdout)?.[1] ?? 0);
  });
}

/** The first page as a PNG at `dpi`, for a visual check of the layout. */
export function firstPagePng(pdf: Buffer, dpi = 72): Promise<Buffer> {
  return withFile(pdf, async (path, dir) => {
    await run('pdftoppm', [
      '-png',
      '-r',
      String(dpi),
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      path,
      join(dir, 'page'),
    ]);
    return readFile(join(dir, 'page.png'));
  });
}

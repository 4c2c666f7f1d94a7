import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AppError } from '../../../errors';

/**
 * The fonts documents embed. GB/T 9704 names 仿宋 for the body, 小标宋 for titles and 黑体 for
 * first-level headings — commercial fonts we cannot ship. We embed Noto Serif SC (SIL Open Font
 * License) instead: Regular for the body, Bold for the issuing unit, titles and headings. It is
 * one static TrueType file per weight from `@expo-google-fonts/noto-serif-sc`; pdfkit embeds only
 * the glyphs a document uses (a subset), so a page stays small and reads the same everywhere.
 * (The @fontsource CJK packages split each font into ranges, which does not subset well.)
 *
 * Noto Serif SC holds every character of the basic block and Extension A, but few beyond: the rare
 * characters of names and places (生僻字, CJK Extensions B–F, GB 18030-2022's third level) come from
 * fallback fonts, character by character (fallback.ts). No npm package ships such a font as one
 * static file, so they are read from the system: Hanazono Mincho (花園明朝, Debian's
 * `fonts-hanazono`, SIL Open Font License), a Ming face like Noto Serif — HanaMinB for Extensions
 * B–F, HanaMinA for the compatibility ideographs — from the directory DOCUMENT_FALLBACK_FONT_DIR
 * names (config.ts). Where they are not there, such a character prints as 「□」 and the staff are
 * told which to write in by hand (coverage.ts).
 */
const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

/** The fallback fonts' files in their directory, in order of preference. */
export const FALLBACK_FONT_FILES: readonly string[] = ['HanaMinB.ttf', 'HanaMinA.ttf'];

export type FontName = keyof typeof FILES;

let loaded: Promise<Record<FontName, Buffer>> | null = null;

/** The font files, read once per process (about 15 MB each). */
export function documentFonts(): Promise<Record<FontName, Buffer>> {
  loaded ??= Promise.all([
    readFile(require.resolve(FILES.regular)),
    readFile(require.resolve(FILES.bold)),
  ]).then(([regular, bold]) => ({ regular, bold }));
  return loaded;
}

/** Where a failed read of a fallback font is told: the server's log, set by the routes. */
export interface FontLog {
  error(obj: object, msg: string): void;
}

let log: FontLog = { error() {} };
export function logFontReadFailuresTo(logger: FontLog): void {
  log = logger;
}

/**
 * Each fallback font file, once read: its bytes, or null where it is not there (ENOENT) — both
 * kept for the life of the process. Any other failure (EACCES, EIO, EMFILE: a mount not yet
 * ready, a permission being fixed) is not kept, so the next document reads the file again; it is
 * logged once per file and kind of failure, not once per document.
 */
const files = new Map<string, Promise<Buffer | null>>();
const failuresLogged = new Set<string>();
/** When to try again: the next document reads the file afresh, so a fixed mount shows at once. */
const RETRY_AFTER_SECONDS = 30;

function readFallback(path: string): Promise<Buffer | null> {
  let file = files.get(path);
  if (!file) {
    file = readFile(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null;
      files.delete(path);
      const kind = `${path}:${error.code ?? error.name}`;
      if (!failuresLogged.has(kind)) {
        failuresLogged.add(kind);
        log.error({ path, code: error.code, err: error }, 'a font for rare characters cannot be read');
      }
      const unavailable = new AppError('SERVICE_UNAVAILABLE', '文件暂时无法生成，请稍后再试', {
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      });
      unavailable.cause = error;
      throw unavailable;
    });
    files.set(path, file);
  }
  return file;
}

/**
 * The fallback fonts found in a directory, in order of preference, for printing: read once per
 * process, and only by a process that prints a character Noto Serif SC lacks (they are some
 * 50 MB). A file that is there but cannot be read now fails the document (503, to be tried again):
 * a notice is kept as first printed, and must not keep a 「□」 for a name a font has.
 */
export async function fallbackFonts(dir: string): Promise<Buffer[]> {
  const read = await Promise.all(FALLBACK_FONT_FILES.map((file) => readFallback(join(dir, file))));
  return read.filter((file) => file !== null);
}

/**
 * The fallback fonts of a directory that can be read now, for the staff's hint of what prints as
 * 「□」 (coverage.ts): one that cannot counts as absent, so the hint names more, never fewer,
 * characters than the page would show — until a later read succeeds.
 */
export async function readableFallbackFonts(dir: string): Promise<Buffer[]> {
  const read = await Promise.allSettled(FALLBACK_FONT_FILES.map((file) => readFallback(join(dir, file))));
  return read.flatMap((file) => (file.status === 'fulfilled' && file.value !== null ? [file.value] : []));
}

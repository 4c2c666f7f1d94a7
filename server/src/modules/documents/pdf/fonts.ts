import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';

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

const fallbacks = new Map<string, Promise<Buffer[]>>();

/**
 * The fallback fonts found in a directory, in order of preference: read once per process, and only
 * by a process that prints a character Noto Serif SC lacks (they are some 50 MB).
 */
export function fallbackFonts(dir: string): Promise<Buffer[]> {
  let fonts = fallbacks.get(dir);
  if (!fonts) {
    fonts = Promise.all(
      FALLBACK_FONT_FILES.map((file) =>
        readFile(join(dir, file)).catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return null;
          throw error;
        }),
      ),
    ).then((files) => files.filter((file) => file !== null));
    fallbacks.set(dir, fonts);
  }
  return fonts;
}

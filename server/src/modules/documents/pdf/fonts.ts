import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

/**
 * The fonts documents embed. GB/T 9704 names 仿宋 for the body, 小标宋 for titles and 黑体 for
 * first-level headings — commercial fonts we cannot ship. We embed Noto Serif SC (SIL Open Font
 * License) instead: Regular for the body, Bold for the issuing unit, titles and headings. It is
 * one static TrueType file per weight from `@expo-google-fonts/noto-serif-sc`; pdfkit embeds only
 * the glyphs a document uses (a subset), so a page stays small and reads the same everywhere.
 * (The @fontsource CJK packages split each font into ranges, which does not subset well.)
 */
const require = createRequire(import.meta.url);
const FILES = {
  regular: '@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf',
} as const;

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

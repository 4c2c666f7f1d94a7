import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FALLBACK_FONT_DIR, loadConfig } from './config';

describe('the fonts for rare characters (生僻字) in notices and reports', () => {
  it("are read from Debian's fonts-hanazono unless DOCUMENT_FALLBACK_FONT_DIR names another place", () => {
    expect(DEFAULT_FALLBACK_FONT_DIR).toBe('/usr/share/fonts/truetype/hanazono');
    expect(loadConfig({}).documentFallbackFontDir).toBe(DEFAULT_FALLBACK_FONT_DIR);
    expect(loadConfig({ DOCUMENT_FALLBACK_FONT_DIR: '/opt/fonts/hanazono' }).documentFallbackFontDir).toBe(
      '/opt/fonts/hanazono',
    );
    expect(loadConfig({ DOCUMENT_FALLBACK_FONT_DIR: 'fonts' }).documentFallbackFontDir).toBe(
      resolve('fonts'),
    );
  });
});

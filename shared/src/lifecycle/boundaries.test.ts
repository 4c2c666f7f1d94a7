import { describe, expect, it } from 'vitest';
import { refusalErrorBody } from './refusal-error';
import { refuse } from './rules';

// shared has no Node types on purpose (its code runs on phones): the test types what it uses.
interface NodeFs {
  readdirSync(path: string, options: { recursive: true; encoding: 'utf8' }): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
}
interface NodePath {
  join(...parts: string[]): string;
  relative(from: string, to: string): string;
  dirname(path: string): string;
}
const { readdirSync, readFileSync } = (await import('node:fs' as string)) as NodeFs;
const { dirname, join, relative } = (await import('node:path' as string)) as NodePath;

/** Source files (not tests, not test support) under a folder of `src`. */
function sources(src: string, folder: string): string[] {
  const root = join(src, folder);
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.endsWith('test-kit.ts'))
    .map((f) => join(root, f));
}

describe('the phone bundle stays small', () => {
  it('lifecycle and clocks import only each other and errors.ts — no typebox, no packages', () => {
    const src = dirname(dirname(expect.getState().testPath as string));
    const offending: string[] = [];
    for (const file of [...sources(src, 'lifecycle'), ...sources(src, 'clocks')]) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/(?:from |import\s*\(?)'([^']+)'/g)) {
        const relativeImport = (specifier as string).startsWith('.');
        const target = relative(src, join(file, '..', specifier as string));
        const allowed = relativeImport && (/^(lifecycle|clocks)\//.test(target) || target === 'errors');
        if (!allowed) offending.push(`${relative(src, file)} → ${specifier}`);
      }
    }
    expect(offending).toEqual([]);
  });
});

describe('refusals over HTTP', () => {
  it('travel as LIFECYCLE_REFUSED with the rule and article in details', () => {
    expect(refusalErrorBody(refuse('extension.too_long', { param: 'days' }))).toEqual({
      error: {
        code: 'LIFECYCLE_REFUSED',
        message: '延长期限不得超过30日（《信访工作条例》第三十四条）',
        details: {
          rule: 'extension.too_long',
          article: 'Art 34',
          messageEn: 'An extension may not exceed 30 days',
          param: 'days',
        },
      },
    });
  });
});

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';

// `defineConfig` hands back what it is given; the CLI behind it takes seconds to load.
vi.mock('@tarojs/cli', () => ({ defineConfig: <T>(config: T) => config }));

/**
 * What the weapp build writes to app.json beside the pages — code injected on demand, subpackages
 * preloaded, the pages WeChat search may index — read from `app.config.ts` by Taro's own
 * `readConfig`, as the build reads it (the build writes that object out as app.json), and
 * `sitemap.json` with WeChat's matching rules. The weapp gate (weapp-build.test.ts) builds the
 * package; this stays fast.
 */

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const { readConfig } = createRequire(join(appRoot, 'package.json'))('@tarojs/helper') as {
  readConfig(path: string): Record<string, unknown>;
};

interface AppJson {
  pages: string[];
  subPackages: { root: string; pages: string[] }[];
  lazyCodeLoading?: string;
  preloadRule?: Record<string, { network?: string; packages: string[] }>;
  sitemapLocation?: string;
}

interface SitemapRule {
  action?: 'allow' | 'disallow';
  page: string;
  params?: string[];
  matching?: 'exact' | 'inclusive' | 'exclusive' | 'partial';
  priority?: number;
}

/** app.config.ts as the build for `platform` reads it. */
function appJsonFor(platform: 'weapp' | 'h5'): AppJson {
  const before = process.env.TARO_ENV;
  process.env.TARO_ENV = platform;
  try {
    return readConfig(join(appRoot, 'src', 'app.config.ts')) as unknown as AppJson;
  } finally {
    if (before === undefined) delete process.env.TARO_ENV;
    else process.env.TARO_ENV = before;
  }
}

/**
 * Whether WeChat may index `page` opened with these parameter names, by its documented rules: the
 * rules by priority (higher first), then in order; the first that matches decides; none, allowed.
 */
function indexable(rules: SitemapRule[], page: string, params: string[]): boolean {
  const ordered = rules
    .map((rule, at) => ({ rule, at }))
    .sort((a, b) => (b.rule.priority ?? 0) - (a.rule.priority ?? 0) || a.at - b.at);
  for (const { rule } of ordered) {
    if (rule.page !== '*' && rule.page !== page) continue;
    const wanted = rule.params ?? [];
    const shared = params.filter((name) => wanted.includes(name));
    const matches = {
      exact: params.length === wanted.length && shared.length === wanted.length,
      inclusive: wanted.every((name) => params.includes(name)),
      exclusive: shared.length === 0,
      partial: shared.length > 0,
    }[rule.matching ?? 'inclusive'];
    if (matches) return (rule.action ?? 'allow') === 'allow';
  }
  return true;
}

/** The pages that publish what anyone may read (Art 18's channels, reception days, privacy). */
const PUBLIC_PAGES = ['pages/index/index', 'public/privacy/index', 'public/reception/index'];

describe('the weapp app.json', () => {
  let app: AppJson;
  let pages: string[];
  beforeAll(() => {
    app = appJsonFor('weapp');
    pages = [...app.pages, ...app.subPackages.flatMap((sub) => sub.pages.map((p) => `${sub.root}/${p}`))];
  });

  it('injects only the code of the page opened (lazyCodeLoading)', () => {
    expect(app.lazyCodeLoading).toBe('requiredComponents');
    expect(appJsonFor('h5')).not.toHaveProperty('lazyCodeLoading');
  });

  it('preloads the petition form from home, and only packages and pages that exist', () => {
    const rules = app.preloadRule ?? {};
    expect(rules['pages/index/index']?.packages).toContain('petition');
    const roots = app.subPackages.map((sub) => sub.root);
    for (const [page, rule] of Object.entries(rules)) {
      expect(pages, page).toContain(page);
      expect(['all', 'wifi', undefined], page).toContain(rule.network);
      for (const root of rule.packages) expect(roots, page).toContain(root);
      // A package's own pages never preload it: it is already there.
      expect(rule.packages, page).not.toContain(page.split('/')[0]);
    }
  });

  it('lets WeChat search index the public pages alone, opened without parameters', () => {
    expect(app.sitemapLocation).toBe('sitemap.json');
    const sitemap = JSON.parse(readFileSync(join(appRoot, 'src', 'sitemap.json'), 'utf8')) as {
      rules: SitemapRule[];
    };
    for (const rule of sitemap.rules) expect([...pages, '*']).toContain(rule.page);
    expect(pages.filter((page) => indexable(sitemap.rules, page, [])).sort()).toEqual(PUBLIC_PAGES);
    // Whatever a link carries, nothing else is ever indexed, nor a public page with parameters.
    const names = fc.uniqueArray(fc.oneof(fc.constantFrom('id', 'code', 'next', 'unitId'), fc.string()), {
      minLength: 1,
    });
    fc.assert(
      fc.property(fc.constantFrom(...pages), names, (page, params) => {
        expect(indexable(sitemap.rules, page, params)).toBe(false);
      }),
    );
    // A page left out of the rules would be indexed: WeChat allows by default.
    expect(indexable([], 'petition/detail/index', [])).toBe(true);
  });

  it('puts sitemap.json beside app.json, wherever the build writes', async () => {
    const { default: config } = (await import('../config/index')) as unknown as {
      default: () => { copy?: { patterns: { from: string; to: string }[] } };
    };
    const out = join(tmpdir(), 'xinfang-weapp-elsewhere');
    const saved = { TARO_ENV: process.env.TARO_ENV, XF_OUTPUT_ROOT: process.env.XF_OUTPUT_ROOT };
    Object.assign(process.env, { TARO_ENV: 'weapp', XF_OUTPUT_ROOT: out });
    try {
      // Taro resolves both ends from the app's root (webpack5-runner's getCopyWebpackPlugin).
      const copies = (config().copy?.patterns ?? []).map(({ from, to }) => [
        resolve(appRoot, from),
        resolve(appRoot, to),
      ]);
      expect(copies).toContainEqual([join(appRoot, 'src', 'sitemap.json'), join(out, 'sitemap.json')]);
    } finally {
      for (const [name, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  });
});

import { realpathSync } from 'node:fs';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import { weappReleaseProblems } from './weapp-release';

/**
 * Where the API lives when `TARO_APP_API_BASE` is unset: same origin for h5, the local server for
 * weapp (a development build only: a weapp release must name its https origin, `weapp-release.ts`).
 */
const DEFAULT_API_BASE: Record<string, string> = {
  h5: '',
  weapp: 'http://127.0.0.1:3000',
};

/** Where `dev:h5` forwards `/api` requests: the API server's default address. */
const DEV_API_TARGET = 'http://127.0.0.1:3000';

const appRoot = path.resolve(__dirname, '..');

/**
 * `@xinfang/shared` is consumed as TypeScript source. Taro compiles only `src/` (and packages named
 * `*taro*`), so the shared package's real directory (pnpm links it) is added to `compile.include`.
 */
const sharedRoot = realpathSync(path.join(appRoot, 'node_modules', '@xinfang', 'shared'));

/**
 * The weapp JavaScript is lowered to what iOS 12's engine parses (no `?.`, `??`, `||=`, class
 * fields), Taro's runtime and the other packages included: WeChat runs the package as it is built
 * (project.config.json leaves `es6` and `enhance` off) and an iPhone 6 or 5s stays on iOS 12. The
 * minifier does it once for every file (babel sees only our own sources). esbuild counts
 * destructuring as missing before iOS 15 (a corner of the spec older Safari fails) and cannot
 * lower it; iOS has parsed and run it since 10, so it is declared supported.
 */
const WEAPP_SYNTAX = { target: 'ios12', supported: { destructuring: true } };

/** NutUI's styles are drawn for a 375 px design; ours for 750 px. */
function designWidth(input?: unknown): number {
  const file = (input as { file?: string } | undefined)?.file?.replace(/\\+/g, '/') ?? '';
  return file.includes('@nutui') ? 375 : 750;
}

export default defineConfig<'webpack5'>(() => {
  const platform = process.env.TARO_ENV ?? 'h5';
  if (platform === 'weapp' && process.env.NODE_ENV === 'production') {
    const problems = weappReleaseProblems(process.env);
    if (problems.length > 0) throw new Error(`A weapp release cannot be built:\n- ${problems.join('\n- ')}`);
  }
  const apiBase = process.env.TARO_APP_API_BASE ?? DEFAULT_API_BASE[platform] ?? '';
  const outputRoot = process.env.XF_OUTPUT_ROOT ?? `dist/${platform}`;

  const config: UserConfigExport<'webpack5'> = {
    projectName: 'xinfang-miniapp',
    designWidth,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    // XF_OUTPUT_ROOT: for a build that must not replace dist/ (the weapp gate's build).
    outputRoot,
    framework: 'react',
    compiler: 'webpack5',
    // Webpack's persistent cache, in miniapp/node_modules/.cache/webpack (one per mode and platform).
    cache: { enable: true },
    // Plain progress lines rather than a redrawn progress bar: readable in CI logs.
    logger: { quiet: true, stats: false },
    alias: {
      '@': path.join(appRoot, 'src'),
    },
    // Only TARO_APP_* values reach the client; `.env` files, if any, still override these.
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase),
    },
    ...(platform === 'weapp'
      ? {
          jsMinimizer: 'esbuild' as const,
          esbuild: { minify: { enable: true, config: WEAPP_SYNTAX } },
        }
      : {}),
    // WeChat reads which pages its search may index from sitemap.json beside app.json.
    ...(platform === 'weapp'
      ? {
          copy: {
            patterns: [{ from: 'src/sitemap.json', to: path.join(outputRoot, 'sitemap.json') }],
            options: {},
          },
        }
      : {}),
    mini: {
      compile: { include: [sharedRoot] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
    },
    h5: {
      // Views, texts and images as plain HTML elements rendered by React (@tarojs/components-react)
      // instead of Stencil web components: the first load sheds ~150 KiB of Stencil's runtime and
      // the component library, which on a 4×-slow phone CPU cost seconds. Text boxes and text areas
      // are the browser's own (ui/controls.h5.tsx).
      useHtmlComponents: true,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'browser' },
      // `dev:h5` serves the app itself; its same-origin API calls go on to the API server.
      devServer: { proxy: { '/api': { target: DEV_API_TARGET } } },
      compile: { include: [sharedRoot] },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // scripts/report-size.mjs prints the first-load size after every build; webpack's fixed
        // 244 KiB hint would only repeat it as a warning.
        chain.performance.hints(false);
        // Taro splits only the initial chunks; pages are loaded on demand, and without this each page
        // would carry its own copy of the UI kit, the copy module and Taro's components. Modules used by
        // two or more pages go into shared chunks instead, fetched once.
        const splitChunks = chain.optimization.get('splitChunks') as Record<string, unknown>;
        chain.optimization.splitChunks({ ...splitChunks, chunks: 'all', minSize: 10_000 });
      },
    },
  };

  return config;
});

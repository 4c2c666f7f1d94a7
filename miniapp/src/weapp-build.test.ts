import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { weappReleaseProblems } from '../config/weapp-release';

/**
 * The weapp gate: the WeChat package built as a release is, and then read as WeChat reads it — its
 * WXSS and WXML by WeChat's own compilers (`wcsc`, `wcc`: the Linux, macOS and Windows builds that
 * come with miniprogram-compiler, which Taro's runner installs), each page's JavaScript in a logic
 * layer that has WeChat's globals and none of the Web's, and every file by a parser held to the
 * syntax iOS 12 knows. DevTools stops at the first WXSS error ("WXSS 文件编译错误"); a phone stops
 * at a missing global or syntax it cannot parse, with a blank page — none of which h5 or its
 * browser tests can show.
 */

const appRoot = fileURLToPath(new URL('..', import.meta.url));
const fromApp = createRequire(join(appRoot, 'package.json'));
/** A release's settings: any https origin and AppID will do, nothing is sent. */
const RELEASE_ENV = { TARO_APP_API_BASE: 'https://xinfang.example.cn', TARO_APP_ID: 'wx0123456789abcdef' };
/** A timeout ends a hang; a cold build beside other suites on 2 cores takes minutes. */
const BUILD_TIMEOUT_MS = 600_000;

/** Runs `taro build --type weapp` as a release into `out`; returns its exit status and output. */
function buildWeapp(out: string, env: Record<string, string>) {
  const taro = fromApp.resolve('@tarojs/cli/bin/taro');
  const inherited = { ...process.env };
  for (const name of Object.keys(inherited)) if (name.startsWith('TARO_')) delete inherited[name];
  return spawnSync(process.execPath, [taro, 'build', '--type', 'weapp'], {
    cwd: appRoot,
    env: { ...inherited, ...env, NODE_ENV: 'production', XF_OUTPUT_ROOT: out },
    encoding: 'utf8',
  });
}

/** Every file under `dir` whose name ends with `ext`, relative to it with `/`. */
function filesOf(dir: string, ext: string): string[] {
  return readdirSync(dir, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith(ext))
    .map((name) => name.split(sep).join('/'))
    .sort();
}

/** WeChat's compilers for this machine, copied where they may be made executable. */
function wechatCompilers(into: string): { wcsc: string; wcc: string } {
  const simulate = createRequire(fromApp.resolve('@tarojs/webpack5-runner/package.json'));
  const compiler = createRequire(simulate.resolve('miniprogram-simulate/package.json'));
  const bin = join(dirname(compiler.resolve('miniprogram-compiler/package.json')), 'bin');
  const [folder, suffix] =
    process.platform === 'darwin'
      ? ['mac', '']
      : process.platform === 'win32'
        ? ['windows', '.exe']
        : ['linux', ''];
  const copy = (name: string) => {
    const target = join(into, `${name}${suffix}`);
    copyFileSync(join(bin, folder, `${name}${suffix}`), target);
    chmodSync(target, 0o755);
    return target;
  };
  return { wcsc: copy('wcsc'), wcc: copy('wcc') };
}

/** What a compiler said when it refused the package, or null when it compiled everything. */
function compile(tool: string, args: string[], cwd: string): string | null {
  const run = spawnSync(tool, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  return run.status === 0 ? null : `${run.stderr}${run.stdout.slice(0, 2000)}`.trim();
}

/** A node of acorn's syntax tree, as far as `builtinsMissingOnIos12` reads it. */
interface SyntaxNode {
  type: string;
  start: number;
  end: number;
  [key: string]: unknown;
}

/**
 * Built-in methods the phone's engine lacks, by the iOS that brought them (WeChat runs the system's
 * JavaScriptCore): a call of one is a TypeError where it runs, on the phone only. `at` is also a
 * field of ours (`event.at`, a time), so only a call of it counts.
 */
const BUILTINS_AFTER_IOS_12: Record<string, string> = {
  at: '15.4',
  hasOwn: '15.4',
  findLast: '15.4',
  findLastIndex: '15.4',
  matchAll: '13',
  replaceAll: '13.1',
  allSettled: '13',
  toSorted: '16',
  toReversed: '16',
  toSpliced: '16',
  groupBy: '17.4',
};

/**
 * Where a script uses one of `BUILTINS_AFTER_IOS_12`, found in its syntax tree rather than its
 * text: a minifier renames variables but never properties, so a property of that name is the
 * built-in (or a look-alike of ours, which would be renamed), and strings and comments that say
 * `.at(` are not code.
 */
function builtinsMissingOnIos12(source: string, program: SyntaxNode): string[] {
  const found: string[] = [];
  const visit = (node: SyntaxNode, parent: SyntaxNode | null) => {
    if (node.type === 'MemberExpression') {
      const property = node.property as SyntaxNode & { name?: string; value?: unknown };
      const name = node.computed ? property.value : property.name;
      const called = parent?.type === 'CallExpression' && parent.callee === node;
      if (typeof name === 'string' && Object.keys(BUILTINS_AFTER_IOS_12).includes(name)) {
        if (name !== 'at' || called) {
          const near = source.slice(Math.max(0, node.start - 30), node.end + 10);
          found.push(`${name} (iOS ${BUILTINS_AFTER_IOS_12[name]}): …${near}…`);
        }
      }
    }
    for (const value of Object.values(node)) {
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof (child as SyntaxNode).type === 'string') visit(child as SyntaxNode, node);
      }
    }
  };
  visit(program, null);
  return found;
}

/** WeChat's `Behavior(…)` gives back what it was given. */
const definitionOf = (definition: unknown) => definition;

/**
 * Loads the app and one page the way WeChat's logic layer does — each file a CommonJS module, in a
 * context with only JavaScript's own objects and WeChat's globals (no TextEncoder, window,
 * document, fetch, URL, …) — and returns what went wrong, or null when the page registered itself.
 * A fresh context per page: a module that failed once is not retried from a cache.
 */
function loadPage(dist: string, page: string, scripts: Map<string, vm.Script>): string | null {
  let registered = false;
  let app: unknown = {};
  const registerApp = (options: unknown) => {
    app = options;
  };
  const registerPage = () => {
    registered = true;
  };
  const context = vm.createContext({
    wx: {},
    console,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    App: registerApp,
    getApp: () => app,
    Page: registerPage,
    Component: registerPage,
    Behavior: definitionOf,
    getCurrentPages: () => [],
    requirePlugin: () => ({}),
  });
  const modules = new Map<string, { exports: unknown }>();
  const run = (file: string): unknown => {
    const known = modules.get(file);
    if (known) return known.exports;
    const module = { exports: {} };
    modules.set(file, module);
    let script = scripts.get(file);
    if (!script) {
      const source = readFileSync(join(dist, file), 'utf8');
      script = new vm.Script(`(function (require, module, exports) {${source}\n})`, { filename: file });
      scripts.set(file, script);
    }
    const require = (path: string) =>
      run(
        relative(dist, resolve(dist, dirname(file), path.endsWith('.js') ? path : `${path}.js`))
          .split(sep)
          .join('/'),
      );
    (script.runInContext(context) as (...args: unknown[]) => void)(require, module, module.exports);
    return module.exports;
  };
  try {
    run('app.js');
    run(`${page}.js`);
    return registered ? null : 'loaded without registering a page';
  } catch (error) {
    // Thrown in the page's context: an Error of that context, not of this one.
    const { name, message } = error as { name?: unknown; message?: unknown };
    return `${String(name)}: ${String(message)}`;
  }
}

describe('the WeChat package (weapp), as WeChat reads it', () => {
  let work: string;
  let dist: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'xinfang-weapp-'));
    dist = join(work, 'weapp');
    const build = buildWeapp(dist, RELEASE_ENV);
    if (build.status !== 0) throw new Error(`the weapp build failed:\n${build.stderr}${build.stdout}`);
  }, BUILD_TIMEOUT_MS);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Each built script parsed once, for the tests that read its syntax (iOS 12's parser: ES2019).
  const acorn = createRequire(fromApp.resolve('webpack'))('acorn') as {
    parse(code: string, options: { ecmaVersion: number; sourceType: 'script' }): SyntaxNode;
  };
  const programs = new Map<string, { source: string; program: SyntaxNode | Error }>();
  const parsed = (file: string) => {
    let known = programs.get(file);
    if (!known) {
      const source = readFileSync(join(dist, file), 'utf8');
      let program: SyntaxNode | Error;
      try {
        program = acorn.parse(source, { ecmaVersion: 2019, sourceType: 'script' });
      } catch (error) {
        program = error as Error;
      }
      known = { source, program };
      programs.set(file, known);
    }
    return known;
  };

  it('compiles with WeChat’s own compilers: every WXSS file with wcsc, every WXML file with wcc', () => {
    const { wcsc, wcc } = wechatCompilers(work);
    const styles = filesOf(dist, '.wxss');
    const templates = filesOf(dist, '.wxml');
    expect(styles.length).toBeGreaterThan(10);
    expect(templates.length).toBeGreaterThan(10);
    expect(compile(wcsc, ['-db', '-pc', '0', ...styles], dist), 'wcsc').toBeNull();
    expect(compile(wcc, ['-d', ...templates, ...filesOf(dist, '.wxs')], dist), 'wcc').toBeNull();
  });

  it('opens every page in a logic layer with WeChat’s globals and none of the Web’s', () => {
    const app = JSON.parse(readFileSync(join(dist, 'app.json'), 'utf8')) as {
      pages: string[];
      subPackages: { root: string; pages: string[] }[];
    };
    const pages = [
      ...app.pages,
      ...app.subPackages.flatMap((sub) => sub.pages.map((p) => `${sub.root}/${p}`)),
    ];
    expect(pages.length).toBeGreaterThan(40);
    const scripts = new Map<string, vm.Script>();
    const failures = pages.flatMap((page) => {
      const failure = loadPage(dist, page, scripts);
      return failure ? [`${page}: ${failure}`] : [];
    });
    expect(failures).toEqual([]);
  });

  it('parses on iOS 12: no syntax past ES2019 (`?.`, `??`, `||=`, class fields), no regex lookbehind', () => {
    const scripts = filesOf(dist, '.js');
    expect(scripts.length).toBeGreaterThan(50);
    const beyond = scripts.flatMap((file) => {
      const { source, program } = parsed(file);
      if (program instanceof Error) return [`${file}: ${program.message}`];
      // Safari learnt lookbehind in 16.4; before that, the pattern throws where it is made.
      return /\(\?<[=!]/.test(source) ? [`${file}: a regular expression with lookbehind`] : [];
    });
    expect(beyond).toEqual([]);
  });

  it('calls no built-in method iOS 12 lacks (`.at()`, `Object.hasOwn`, `findLast`, `matchAll`, …)', () => {
    const missing = filesOf(dist, '.js').flatMap((file) => {
      const { source, program } = parsed(file);
      // A script that does not parse is the test above's to report.
      if (program instanceof Error) return [];
      return builtinsMissingOnIos12(source, program).map((use) => `${file}: ${use}`);
    });
    expect(missing).toEqual([]);
  });

  it('sends PATCH as a POST naming it (wx.request has no PATCH), to the https origin it was built for', () => {
    const main = readFileSync(join(dist, 'common.js'), 'utf8');
    // The WeChat transport (services/transport.ts), not the browser's: the one that maps PATCH.
    expect(main).toContain('"X-HTTP-Method-Override":"PATCH"');
    expect(main).not.toContain('credentials:"same-origin"');
    const code = filesOf(dist, '.js').map((file) => readFileSync(join(dist, file), 'utf8'));
    expect(code.some((source) => source.includes(RELEASE_ENV.TARO_APP_API_BASE))).toBe(true);
    expect(code.some((source) => source.includes('127.0.0.1'))).toBe(false);
    const project = JSON.parse(readFileSync(join(dist, 'project.config.json'), 'utf8'));
    expect(project.appid).toBe(RELEASE_ENV.TARO_APP_ID);
  });
});

describe('a weapp release', () => {
  it('is built only for an https domain WeChat can list, and a real AppID', () => {
    const appId = RELEASE_ENV.TARO_APP_ID;
    expect(weappReleaseProblems(RELEASE_ENV)).toEqual([]);
    expect(
      weappReleaseProblems({ TARO_APP_API_BASE: 'https://xf.example.cn:8443', TARO_APP_ID: appId }),
    ).toEqual([]);
    for (const base of [
      undefined,
      'http://xinfang.example.cn',
      'http://127.0.0.1:3000',
      'https://10.0.0.8',
      'https://localhost:3000',
      'https://xinfang.example.cn/',
      'https://xinfang.example.cn/api',
      'https://xinfang',
    ]) {
      expect(weappReleaseProblems({ TARO_APP_API_BASE: base, TARO_APP_ID: appId }), String(base)).toEqual([
        expect.stringContaining('TARO_APP_API_BASE'),
      ]);
    }
    for (const id of [undefined, 'touristappid', 'wx123']) {
      expect(weappReleaseProblems({ ...RELEASE_ENV, TARO_APP_ID: id }), String(id)).toEqual([
        expect.stringContaining('TARO_APP_ID'),
      ]);
    }
  });

  it('refuses to build without them, before compiling anything', () => {
    const out = mkdtempSync(join(tmpdir(), 'xinfang-weapp-refused-'));
    try {
      const build = buildWeapp(join(out, 'weapp'), {});
      expect(build.status).not.toBe(0);
      expect(build.stderr + build.stdout).toContain('A weapp release cannot be built');
      expect(readdirSync(out)).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

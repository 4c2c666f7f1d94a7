import { describe, expect, it } from 'vitest';
import { AUDIT_AREAS, auditActionLabel, auditTargetLabel } from './audit-actions';
import { ACTION_SPECS } from './lifecycle/action-specs';

// shared has no Node types on purpose (its code runs on phones): the test types what it uses.
interface NodeFs {
  readdirSync(path: string, options: { recursive: true; encoding: 'utf8' }): string[];
  readFileSync(path: string, encoding: 'utf8'): string;
}
interface NodePath {
  join(...parts: string[]): string;
  dirname(path: string): string;
}
const { readdirSync, readFileSync } = (await import('node:fs' as string)) as NodeFs;
const { dirname, join } = (await import('node:path' as string)) as NodePath;

/** The text between the parenthesis at `open` and its match (strings skipped). */
function argumentsAt(source: string, open: number): string {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < source.length; i++) {
    const c = source[i] as string;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return source.slice(open + 1, i);
  }
  return '';
}

const ACTION = /^[a-z_]+(\.[a-z_]+|\.\$\{[\w.]+\})+$/;
const literals = (text: string) =>
  [...text.matchAll(/'([^'\n]*)'|`([^`\n]*)`/g)]
    .map(([, quoted, template]) => (quoted ?? template) as string)
    .filter((literal) => ACTION.test(literal));

/**
 * Every action the server's code records, as written: in an entry's `action:`, or handed to a
 * function that takes an `action: string` (the modules' own `audit(...)` helpers) or whose name
 * says it audits. A template (`petition.${body.type}`) is kept as written. And the kinds of
 * record its entries name as their `target`.
 */
function recorded(serverSrc: string): { actions: Set<string>; targets: Set<string> } {
  const files = readdirSync(serverSrc, { recursive: true, encoding: 'utf8' })
    // Not `testing/`: the test suites' own data, which no running server writes.
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('testing/'))
    .map((f) => readFileSync(join(serverSrc, f), 'utf8'));
  const found = new Set<string>();
  const targets = new Set<string>();
  const takers = new Set<string>();
  for (const source of files) {
    for (const m of source.matchAll(/(?:function\s+(\w+)\s*|(\w+)\s*=\s*(?:async\s*)?)(?=\()/g)) {
      const params = argumentsAt(source, (m.index ?? 0) + m[0].length);
      if (/\baction\??:/.test(params)) takers.add((m[1] ?? m[2]) as string);
    }
  }
  for (const source of files) {
    for (const [, type] of source.matchAll(/\btarget:\s*\{\s*type:\s*'(\w+)'/g)) targets.add(type as string);
    for (const [, rest] of source.matchAll(/\baction:([^\n]*)/g))
      for (const a of literals(rest as string)) found.add(a);
    for (const m of source.matchAll(/\b(\w+)\s*\(/g)) {
      const name = m[1] as string;
      if (!takers.has(name) && !/audit/i.test(name)) continue;
      const args = argumentsAt(source, (m.index ?? 0) + m[0].length - 1);
      for (const a of literals(args)) found.add(a);
    }
  }
  return { actions: found, targets };
}

/** What a template the server fills in stands for; a new template must be added here. */
const TEMPLATES: Record<string, readonly string[]> = {
  'petition.${body.type}': Object.keys(ACTION_SPECS).map((type) => `petition.${type}`),
  'reception.${status}': ['reception.cancelled', 'reception.attended', 'reception.no_show'],
  'report.${spec.kind}': ['report.annual', 'report.bulletin'],
};

describe('audit actions in plain Chinese', () => {
  it('names the actions, a petition step by the lifecycle, and an unnamed one by its area', () => {
    expect(auditActionLabel('auth.staff_login')).toBe('工作人员登录');
    expect(auditActionLabel('petition.assign')).toBe('交办');
    expect(auditActionLabel('org.something_new')).toBe('组织机构：org.something_new');
    expect(auditActionLabel('test.page')).toBe('test.page');
  });

  it('has a Chinese name and an area of the log’s filter for every action the server records', () => {
    const serverSrc = join(dirname(dirname(dirname(expect.getState().testPath as string))), 'server/src');
    const { actions: written, targets } = recorded(serverSrc);
    // The scan still sees the ways actions are written (a literal, a ternary, a helper, a template).
    for (const sure of ['auth.otp_request', 'category.create', 'staff.invite', ...Object.keys(TEMPLATES)])
      expect(written).toContain(sure);
    const unknownTemplates = [...written].filter((a) => a.includes('${') && !TEMPLATES[a]);
    expect(unknownTemplates, 'teach TEMPLATES what these stand for').toEqual([]);
    const actions = [...written].flatMap((a) => TEMPLATES[a] ?? [a]);
    const unnamed = actions.filter((a) => /[a-z]/.test(auditActionLabel(a))).sort();
    expect(unnamed, 'name these in LABELS (audit-actions.ts)').toEqual([]);
    const areas = new Set(Object.keys(AUDIT_AREAS));
    expect(actions.filter((a) => !areas.has(a.split('.')[0] as string)).sort(), 'add their areas').toEqual(
      [],
    );
    expect(targets).toContain('petition');
    const unnamedTargets = [...targets].filter(
      (targetType) =>
        !/\p{Script=Han}/u.test(auditTargetLabel({ targetType, targetId: 'x', details: null }) ?? ''),
    );
    expect(unnamedTargets, 'name these in TARGETS (audit-actions.ts)').toEqual([]);
  });

  it('shows a record as its kind in Chinese, and a case by its number when the entry has it', () => {
    const id = '01M97TRRQ6T5K3N0Z9XW2E4V8B';
    expect(auditTargetLabel({ targetType: 'staff', targetId: id, details: null })).toBe(`工作人员账号 ${id}`);
    expect(
      auditTargetLabel({
        targetType: 'petition',
        targetId: id,
        details: { number: 'JA-2026-000123', channel: 'online' },
      }),
    ).toBe('信访事项 JA-2026-000123');
    expect(auditTargetLabel({ targetType: 'petition', targetId: id, details: null })).toBe(`信访事项 ${id}`);
    expect(auditTargetLabel({ targetType: null, targetId: null, details: null })).toBeNull();
  });
});

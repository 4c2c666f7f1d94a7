import type { ReplyTemplate } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * Decision-letter templates as a unit head keeps them (audit 32): each save is audited with what
 * changed — the short fields before and after, the texts only as changed, never copied into the
 * log (D7) — and a template names a category that exists and, while in use, is in use (D9).
 */
describe('reply templates, audited and offered by a real category', () => {
  let kit: PetitionKit;
  const body = (overrides: Record<string, unknown> = {}) => ({
    unitId: kit.unit('JA-DS'),
    categoryCode: 'safety',
    kind: 'request',
    title: '安全隐患整改答复',
    factsAndReasons: '经现场核查，反映的隐患属实。',
    decision: '支持信访请求，限期十日整改。',
    ...overrides,
  });
  const details = async (id: string) =>
    (await kit.audit(id)).map((a) => [a.action, JSON.parse(a.details ?? 'null')] as const);

  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit?.close());

  it('audits a creation, a rewrite and a retirement apart, without the texts', async () => {
    const created = await kit.http('ds.head', 'POST', '/api/reply-templates', body(), {
      'idempotency-key': 'template-audit-1',
    });
    expect(created.statusCode, created.body).toBe(201);
    const { id } = created.json() as ReplyTemplate;
    const rewritten = await kit.http(
      'ds.head',
      'PUT',
      `/api/reply-templates/${id}`,
      body({ decision: '支持信访请求，限期五日整改。' }),
    );
    expect(rewritten.statusCode, rewritten.body).toBe(200);
    const retired = await kit.http(
      'ds.head',
      'PUT',
      `/api/reply-templates/${id}`,
      body({ decision: '支持信访请求，限期五日整改。', title: '安全隐患整改答复（旧）', active: false }),
    );
    expect(retired.statusCode, retired.body).toBe(200);

    const entries = await details(id);
    expect(entries.map(([action]) => action)).toEqual([
      'reply_template.create',
      'reply_template.update',
      'reply_template.update',
    ]);
    expect(entries[0]?.[1]).toMatchObject({
      fields: 'title,active,categoryCode,kind,unitId,factsAndReasons,decision,legalBasis',
      'title.after': '安全隐患整改答复',
      'unitName.after': '东山煤矿',
    });
    expect(entries[1]?.[1]).toEqual({ fields: 'decision' });
    expect(entries[2]?.[1]).toEqual({
      fields: 'title,active',
      'title.before': '安全隐患整改答复',
      'title.after': '安全隐患整改答复（旧）',
      'active.before': true,
      'active.after': false,
    });
    expect(JSON.stringify(entries)).not.toContain('限期');
  });

  it('refuses a category that does not exist, or an active template for a retired one', async () => {
    const unknown = await kit.http(
      'ds.head',
      'POST',
      '/api/reply-templates',
      body({ categoryCode: 'no_such_cat' }),
      {
        'idempotency-key': 'template-unknown',
      },
    );
    expect(expectError(unknown, 400, 'VALIDATION_FAILED').message).toBe('没有这个分类');

    const retiredCategory = await kit.http('admin', 'PUT', '/api/categories/housing_old', {
      name: '住房（旧）',
      active: false,
    });
    expect(retiredCategory.statusCode, retiredCategory.body).toBe(200);
    const inUse = await kit.http(
      'ds.head',
      'POST',
      '/api/reply-templates',
      body({ categoryCode: 'housing_old' }),
      {
        'idempotency-key': 'template-retired',
      },
    );
    expect(expectError(inUse, 400, 'VALIDATION_FAILED').message).toContain('该分类已停用');
    // Kept retired, it may name it (an old template of that category, kept for the record).
    const kept = await kit.http(
      'ds.head',
      'POST',
      '/api/reply-templates',
      body({ categoryCode: 'housing_old', active: false }),
      { 'idempotency-key': 'template-retired-kept' },
    );
    expect(kept.statusCode, kept.body).toBe(201);
    // Without a category it serves every one.
    const any = await kit.http('ds.head', 'POST', '/api/reply-templates', body({ categoryCode: null }), {
      'idempotency-key': 'template-any',
    });
    expect(any.statusCode, any.body).toBe(201);
  });
});

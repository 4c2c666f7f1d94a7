import { randomUUID } from 'node:crypto';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, PetitionKit } from '../petitions/kit';

/**
 * The subject categories as the group's administrator keeps them: a new one and a change are
 * audited apart, what a change leaves out stays as it was, a retired one leaves the petitioners'
 * list, and the order is set all at once, refused when the list changed meanwhile.
 */
describe('the category list', () => {
  let kit: PetitionKit;
  beforeAll(async () => {
    kit = await PetitionKit.start();
  });
  afterAll(() => kit?.close());

  const inUse = async (query = '') =>
    ((await kit.http(null, 'GET', `/api/categories${query}`)).json() as Category[]).map((c) => c.code);

  it('creates, changes and retires a category, each audited', async () => {
    const created = await kit.http('admin', 'PUT', '/api/categories/pension', {
      name: ' 养老保险 ',
      hint: '退休、社保缴纳',
      sortOrder: 5,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toEqual({
      code: 'pension',
      name: '养老保险',
      hint: '退休、社保缴纳',
      sortOrder: 5,
      active: true,
    });
    expect(await inUse()).toContain('pension');

    const renamed = await kit.http('admin', 'PUT', '/api/categories/pension', { name: '社会保险' });
    expect(renamed.json()).toMatchObject({ name: '社会保险', hint: '退休、社保缴纳', sortOrder: 5 });

    const retired = await kit.http('admin', 'PUT', '/api/categories/pension', {
      name: '社会保险',
      active: false,
    });
    expect(retired.json()).toMatchObject({ active: false });
    expect(await inUse()).not.toContain('pension');
    expect(await inUse('?all=true')).toContain('pension');

    // Each entry says what changed, from what to what: a retirement reads as active true → false.
    expect((await kit.audit('pension')).map((a) => [a.action, JSON.parse(a.details ?? 'null')])).toEqual([
      [
        'category.create',
        {
          nameFrom: null,
          nameTo: '养老保险',
          hintFrom: null,
          hintTo: '退休、社保缴纳',
          sortOrderFrom: null,
          sortOrderTo: 5,
          activeFrom: null,
          activeTo: true,
        },
      ],
      ['category.update', { nameFrom: '养老保险', nameTo: '社会保险' }],
      ['category.update', { activeFrom: true, activeTo: false }],
    ]);
  });

  it('puts the categories in the order given, and refuses a list that changed meanwhile', async () => {
    const codes = (await inUse('?all=true')).reverse();
    const ordered = await kit.http('admin', 'POST', '/api/categories/order', { codes });
    expect(ordered.statusCode, ordered.body).toBe(200);
    expect(await inUse('?all=true')).toEqual(codes);

    const [first, ...rest] = codes;
    const stale = await kit.http('admin', 'POST', '/api/categories/order', { codes: [...rest, 'gone'] });
    expect(stale.statusCode).toBe(400);
    expect(stale.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      message: '分类列表已有变化，请刷新后再排序',
      details: [
        { path: '/body/codes', message: `missing ${first}` },
        { path: '/body/codes', message: 'unknown gone' },
      ],
    });
    expect(await inUse('?all=true')).toEqual(codes);

    const reorders = await kit.app.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'category.reorder')
      .execute();
    expect(reorders).toHaveLength(1);
  });

  it('tells a petitioner plainly that the category he chose was retired', async () => {
    const retired = await kit.http('admin', 'PUT', '/api/categories/pension', { name: '社会保险' });
    expect(retired.json()).toMatchObject({ active: false });
    const submit = (categoryCode: string) =>
      kit.http('13800000001', 'POST', '/api/petitions', kit.submission({ categoryCode }), {
        'idempotency-key': randomUUID(),
      });
    const submitted = await submit('pension');
    const error = expectError(submitted, 400, 'VALIDATION_FAILED');
    expect(error.message).toBe('该分类已停用，请重新选择');
    const unknown = await submit('nope');
    expect(expectError(unknown, 400, 'VALIDATION_FAILED').message).toBe('事项分类不存在');
  });

  it('keeps the last category in use: petitioners choose one to submit at all', async () => {
    const [last, ...others] = await inUse();
    for (const code of others) {
      const off = await kit.http('admin', 'PUT', `/api/categories/${code}`, { name: code, active: false });
      expect(off.statusCode, off.body).toBe(200);
    }
    const refused = expectError(
      await kit.http('admin', 'PUT', `/api/categories/${last}`, { name: '最后一个', active: false }),
      409,
      'IN_USE',
    );
    expect(refused.message).toContain('至少保留一个在用的分类');
    // Refused whole: neither renamed nor retired.
    expect(await inUse()).toEqual([last]);
    expect((await kit.audit(last ?? '')).filter((a) => a.action === 'category.update')).toEqual([]);
    // Another brought back, the last may go.
    const back = await kit.http('admin', 'PUT', `/api/categories/${others[0]}`, {
      name: '恢复',
      active: true,
    });
    expect(back.statusCode, back.body).toBe(200);
    const off = await kit.http('admin', 'PUT', `/api/categories/${last}`, {
      name: '最后一个',
      active: false,
    });
    expect(off.statusCode, off.body).toBe(200);
  });
});

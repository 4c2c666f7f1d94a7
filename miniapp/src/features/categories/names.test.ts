import type { Category } from '@xinfang/shared/schemas/petitions';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The platform's transport and storage, `Taro.request` and `Taro.*StorageSync`, answer the way the
// server does: the categories in use, or with `?all=true` every one, retired ones too.
const taroRequest = vi.hoisted(() => vi.fn());
vi.mock('@tarojs/taro', () => ({
  default: {
    request: taroRequest,
    getStorageSync: () => '',
    setStorageSync: () => undefined,
    removeStorageSync: () => undefined,
  },
}));

import { getAllCategories, getCategories } from '@/services/org';
import { categoryNamer } from './names';

const category = (code: string, name: string, active: boolean): Category => ({
  code,
  name,
  hint: null,
  sortOrder: 0,
  active,
});
const wages = category('wages', '工资待遇', false);
const safety = category('safety', '安全生产', true);

beforeEach(() => {
  taroRequest.mockReset();
  taroRequest.mockImplementation(async ({ url }: { url: string }) => ({
    statusCode: 200,
    data: url.endsWith('/api/categories?all=true') ? [safety, wages] : [safety],
    header: {},
    cookies: [],
    errMsg: 'request:ok',
  }));
});

describe('the category a case carries', () => {
  it('is named from the whole list, so a retired category still reads 工资待遇, not wages', async () => {
    const nameOf = categoryNamer(await getAllCategories());
    expect(nameOf('wages')).toBe('工资待遇');
    expect(nameOf('safety')).toBe('安全生产');
    expect(taroRequest).toHaveBeenCalledWith(
      expect.objectContaining({ url: expect.stringMatching(/\/api\/categories\?all=true$/) }),
    );
  });

  it('while the forms that file a case offer only the categories in use', async () => {
    expect((await getCategories()).map((c) => c.code)).toEqual(['safety']);
    // The list the forms use would have named a retired category's case by its code.
    expect(categoryNamer(await getCategories())('wages')).toBe('wages');
  });
});

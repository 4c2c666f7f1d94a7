import type { Category } from '@xinfang/shared/schemas/petitions';

/**
 * Names the category a case carries from the whole list, retired categories included: a case keeps
 * the category it was filed under after the administrator retires it, and still reads 工资待遇,
 * not `wages`. A code the list does not hold (not loaded yet, or out of reach) shows as itself.
 */
export function categoryNamer(categories: readonly Category[]): (code: string) => string {
  const names = new Map(categories.map((c) => [c.code, c.name]));
  return (code) => names.get(code) ?? code;
}

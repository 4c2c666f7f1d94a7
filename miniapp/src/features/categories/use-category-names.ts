import type { Category } from '@xinfang/shared/schemas/petitions';
import { useEffect, useMemo, useState } from 'react';
import { getAllCategories } from '@/services/org';
import { categoryNamer } from './names';

/**
 * Every category, retired ones too, and the name of a code, for the pages that show the category
 * of cases (the forms that file a case offer `getCategories()`, those in use, instead). Loads once
 * `enabled`; until then, or if the list is out of reach, a code names itself.
 */
export function useCategoryNames(enabled: boolean): {
  categories: Category[];
  nameOf: (code: string) => string;
} {
  const [categories, setCategories] = useState<Category[]>([]);
  useEffect(() => {
    if (!enabled) return;
    getAllCategories()
      .then(setCategories)
      .catch(() => undefined);
  }, [enabled]);
  const nameOf = useMemo(() => categoryNamer(categories), [categories]);
  return { categories, nameOf };
}

import type { LedgerNames } from '@xinfang/shared/figures';
import type { LedgerFilter } from '@xinfang/shared/schemas/figures';
import { useEffect, useState } from 'react';
import { getAllCategories, getUnits } from '@/services/org';

/**
 * The names of the unit and the category a ledger is narrowed to, for its heading: the filter
 * holds them by id and code. Read from the organisation tree and the categories (public, cached);
 * until they come, or when they cannot be read, the heading shows the id or code.
 */
export function useLedgerNames(filter: Pick<LedgerFilter, 'unitId' | 'categoryCode'>): LedgerNames {
  const { unitId, categoryCode } = filter;
  const [names, setNames] = useState<LedgerNames>({});
  useEffect(() => {
    let current = true;
    Promise.all([unitId ? getUnits() : [], categoryCode ? getAllCategories() : []])
      .then(([units, categories]) => {
        if (!current) return;
        setNames({
          unitName: units.find((u) => u.id === unitId)?.name,
          categoryName: categories.find((c) => c.code === categoryCode)?.name,
        });
      })
      // The heading keeps the id or code: the list itself does not depend on the names.
      .catch(() => undefined);
    return () => {
      current = false;
    };
  }, [unitId, categoryCode]);
  return names;
}

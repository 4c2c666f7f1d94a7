import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { useEffect, useState } from 'react';
import { getUnits } from '@/services/org';
import { subtreeUnits } from './oversight-forms';

/** The units of this person's subtree (null while loading), for a form that names one. */
export function useSubtreeUnits(rootId: string): { units: OrgUnit[] | null; error: unknown } {
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    getUnits()
      .then((all) => setUnits(subtreeUnits(all, rootId)))
      .catch(setError);
  }, [rootId]);
  return { units, error };
}

import { useCallback, useEffect, useState } from 'react';

/**
 * What a page shows, fetched once the person is signed in (`ready`) and again whenever `fetch`
 * changes or `load` is called; the failure kept for the page to show with a retry. `fetch` must
 * be stable between renders (module-level, or `useCallback` over what it depends on).
 */
export function useLoaded<T>(ready: boolean, fetch: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(async () => {
    setError(null);
    try {
      setValue(await fetch());
    } catch (failure) {
      setError(failure);
    }
  }, [fetch]);
  useEffect(() => {
    if (ready) void load();
  }, [ready, load]);
  return { value, error, load };
}

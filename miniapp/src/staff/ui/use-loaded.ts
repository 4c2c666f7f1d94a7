import { useCallback, useEffect, useState } from 'react';
import { type Refresh, useRefresh } from './use-refresh';

/**
 * What a page shows, fetched once the person is signed in (`ready` truthy; a new value, such as
 * another person signed in, fetches again) and again whenever `fetch` changes, `load` is called or
 * `refresh` asks (on coming back to the page, on pull-down); the failure kept for the page to show
 * with a retry, the last value shown meanwhile. `fetch` must be stable between renders
 * (module-level, or `useCallback` over what it depends on).
 */
export function useLoaded<T>(ready: unknown, fetch: () => Promise<T>, refresh: Refresh = {}) {
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
  useRefresh(ready, load, refresh);
  return { value, error, load, setValue };
}

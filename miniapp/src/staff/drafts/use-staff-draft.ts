import { useCallback, useEffect, useRef, useState } from 'react';
import { deviceStorage } from '@/platform/device-storage';
import { createStaffDrafts, hasContent } from './staff-drafts';

/** The app's one store of staff drafts, on the device. */
export const staffDrafts = createStaffDrafts(deviceStorage);

/**
 * A form's values, kept on the device at every change under (person, scope), and restored when the
 * form opens again — after a reload, a closed tab, or signing in again after the session expired.
 * Values without content are not kept. `clear` forgets the draft once the server has the text.
 */
export function useStaffDraft<T extends Record<string, unknown>>(
  staffId: string | null,
  scope: string,
  initial: () => T,
): [T, (update: Partial<T>) => void, () => void] {
  const makeInitial = useRef(initial);
  makeInitial.current = initial;
  const [value, setValue] = useState<T>(() => restore(staffId, scope, initial));
  const latest = useRef(value);

  useEffect(() => {
    const restored = restore(staffId, scope, makeInitial.current);
    latest.current = restored;
    setValue(restored);
  }, [staffId, scope]);

  const update = useCallback(
    (patch: Partial<T>) => {
      const next = { ...latest.current, ...patch };
      latest.current = next;
      setValue(next);
      if (!staffId) return;
      if (hasContent(next)) staffDrafts.save(staffId, scope, next);
      else staffDrafts.clear(staffId, scope);
    },
    [staffId, scope],
  );

  const clear = useCallback(() => {
    if (staffId) staffDrafts.clear(staffId, scope);
    const fresh = makeInitial.current();
    latest.current = fresh;
    setValue(fresh);
  }, [staffId, scope]);

  return [value, update, clear];
}

function restore<T extends Record<string, unknown>>(
  staffId: string | null,
  scope: string,
  initial: () => T,
): T {
  const base = initial();
  if (!staffId) return base;
  const stored = staffDrafts.load<Partial<T>>(staffId, scope);
  return stored ? { ...base, ...stored } : base;
}

import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { deviceStorage } from '@/platform/device-storage';
import { api } from './instance';

/**
 * The organisation tree and the subject categories: public, rarely changing, and needed on the
 * home page and in the form even with a bad signal. Kept in memory for the app's life and on the
 * device as a fallback when the network fails.
 */

const memory = new Map<string, Promise<unknown>>();

function cached<T>(path: string, storageKey: string): Promise<T> {
  const hit = memory.get(path) as Promise<T> | undefined;
  if (hit) return hit;
  const loading = api
    .get<T>(path, { auth: false })
    .then((value) => {
      deviceStorage.set(storageKey, value);
      return value;
    })
    .catch((error: unknown) => {
      memory.delete(path);
      const kept = deviceStorage.get<T>(storageKey);
      if (kept !== null) return kept;
      throw error;
    });
  memory.set(path, loading);
  return loading;
}

export function getUnits(): Promise<OrgUnit[]> {
  return cached<OrgUnit[]>('/api/org/units', 'xinfang.cache.units');
}

/** The categories in use: what the forms that file a case offer. */
export function getCategories(): Promise<Category[]> {
  return cached<Category[]>('/api/categories', 'xinfang.cache.categories');
}

/**
 * Every category, retired ones too: to name the category a case carries, which it keeps after the
 * administrator retires it (see features/categories).
 */
export function getAllCategories(): Promise<Category[]> {
  return cached<Category[]>('/api/categories?all=true', 'xinfang.cache.categories.all');
}

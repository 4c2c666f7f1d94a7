/**
 * A small key–value store for what must survive the app being closed: the session, drafts, the
 * text-size preference. Values are JSON. The device implementation (`device-storage.ts`) sits on
 * Taro's storage (WeChat storage, or localStorage on h5); tests use `memoryStorage`.
 */
export interface KeyValueStore {
  get<T>(key: string): T | null;
  /** False when the value could not be kept (storage full or unavailable). */
  set(key: string, value: unknown): boolean;
  remove(key: string): void;
}

export function memoryStorage(initial: Record<string, unknown> = {}): KeyValueStore & {
  dump(): Record<string, unknown>;
} {
  const values = new Map<string, string>(Object.entries(initial).map(([k, v]) => [k, JSON.stringify(v)]));
  return {
    get<T>(key: string): T | null {
      const raw = values.get(key);
      return raw === undefined ? null : (JSON.parse(raw) as T);
    },
    set(key, value) {
      values.set(key, JSON.stringify(value));
      return true;
    },
    remove(key) {
      values.delete(key);
    },
    dump() {
      return Object.fromEntries([...values].map(([k, v]) => [k, JSON.parse(v)]));
    },
  };
}

import Taro from '@tarojs/taro';
import type { KeyValueStore } from './storage';

/**
 * The device's own storage through Taro (WeChat storage, localStorage on h5). Values are kept as
 * JSON text so both platforms store the same thing; a corrupt value reads as absent.
 */
export const deviceStorage: KeyValueStore = {
  get<T>(key: string): T | null {
    try {
      const raw: unknown = Taro.getStorageSync(key);
      if (typeof raw !== 'string' || raw === '') return null;
      return JSON.parse(raw) as T;
    } catch {
      return null;
    }
  },
  set(key, value) {
    try {
      Taro.setStorageSync(key, JSON.stringify(value));
      return true;
    } catch {
      return false;
    }
  },
  remove(key) {
    try {
      Taro.removeStorageSync(key);
    } catch {
      // nothing to remove
    }
  },
};

import { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { session } from '@/services/instance';
import { listMessages } from '@/services/notifications';

/**
 * How many of the signed-in person's messages are unread, shared by everything that shows it (the
 * bottom bar's badge, the "me" page, the staff workbench) so they never disagree. Refreshed when a
 * page shows and whenever the message centre learns a new count.
 */
type Listener = (count: number) => void;
let count = 0;
const listeners = new Set<Listener>();

export const unreadCount = {
  get: () => count,
  set(next: number) {
    count = Math.max(0, next);
    for (const listener of listeners) listener(count);
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** Asks the server (one message's page carries the count); quietly keeps the last count offline. */
  async refresh(): Promise<void> {
    if (!session.get()) return unreadCount.set(0);
    try {
      unreadCount.set((await listMessages({ limit: 1 })).unread);
    } catch {
      // No signal underground: the badge keeps what it knew.
    }
  },
};

export function useUnread(): number {
  const [current, setCurrent] = useState(count);
  useEffect(() => {
    setCurrent(count);
    return unreadCount.subscribe(setCurrent);
  }, []);
  useDidShow(() => void unreadCount.refresh());
  return current;
}

/** The badge's words: a number up to 99, and what a screen reader says. */
export function badgeText(n: number): string {
  return n > 99 ? '99+' : String(n);
}

import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { routes, withNext } from '@/routes';
import { session as store } from '@/services/instance';
import type { Session } from '@/services/session';

/** The current session, re-rendering when someone signs in or out (or the session expires). */
export function useSession(): Session | null {
  const [current, setCurrent] = useState<Session | null>(() => store.get());
  useEffect(() => {
    setCurrent(store.get());
    return store.subscribe((next) => setCurrent(next));
  }, []);
  // Another page (or tab) may have changed it while this one was hidden.
  useDidShow(() => setCurrent(store.reload()));
  return current;
}

/** This page's own address, to come back to after signing in. */
export function currentUrl(): string {
  const router = Taro.getCurrentInstance().router;
  const path = router?.path?.split('?')[0] ?? routes.home;
  const params = Object.entries(router?.params ?? {})
    .filter(([key, value]) => key !== '$taroTimestamp' && key !== 'stamp' && value !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  const absolute = path.startsWith('/') ? path : `/${path}`;
  return params.length ? `${absolute}?${params.join('&')}` : absolute;
}

export interface SignInRequirement {
  /** Who the page is for; someone else signed in is sent to sign in as the right kind. */
  as?: Session['me']['kind'];
  /** The sign-in page to send them to (the staff pages have their own). */
  login?: string;
}

/**
 * The session of a page that needs one: without it (never signed in, or the session just
 * expired), the page goes to sign-in and comes back afterwards. Drafts stay on the device.
 * Returns null until the right person is signed in.
 */
export function useSignedIn({
  as = 'petitioner',
  login = routes.login,
}: SignInRequirement = {}): Session | null {
  const current = useSession();
  const fits = current !== null && current.me.kind === as;
  useEffect(() => {
    if (!fits) void Taro.redirectTo({ url: withNext(login, currentUrl()) });
  }, [fits, login]);
  return fits ? current : null;
}

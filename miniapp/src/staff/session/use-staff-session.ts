import Taro from '@tarojs/taro';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import { useEffect, useRef, useState } from 'react';
import { deviceStorage } from '@/platform/device-storage';
import { withNext } from '@/routes';
import { logout } from '@/services/auth';
import { session as store } from '@/services/instance';
import { currentUrl, useSession } from '@/session/use-session';
import { staffDrafts } from '../drafts/use-staff-draft';
import { staffRoutes } from '../routes';

/** Who was signed in when the session ended: the re-login is offered to them. */
export interface StaffIdentity {
  id: string;
  username: string;
  displayName: string;
}

/** Whose session ended, kept so that a reload still offers that person the re-login. */
const LOST_KEY = 'xinfang.staff.lost';

export interface StaffSessionState {
  /**
   * The signed-in staff member; while `lost`, still the person whose session ended (the page stays
   * as it was; its requests fail until they are back). Null on the way to the sign-in page, and
   * after a reload of a page whose session had ended.
   */
  me: StaffMe | null;
  /** Set when this person's session ended (idle, revoked) while the page was open. */
  lost: StaffIdentity | null;
}

/**
 * The session of a staff page. Nobody (or a petitioner) signed in: the page goes to the staff
 * sign-in and comes back. A temporary password: the page goes to "change password" first (every
 * other route of the API answers 403 until then). A session that ends while the page is open —
 * 12 idle hours, a disabled account, a password changed elsewhere — does not leave the page: it
 * stays as it is, forms and their text included, and asks the same person to sign in again
 * (`lost`) — after a reload too, when the page can only show the dialog until they are back.
 * Someone else signing in starts afresh at the inbox; the first person's drafts stay theirs.
 */
export function useStaffSession({
  passwordPage = false,
}: {
  passwordPage?: boolean;
} = {}): StaffSessionState {
  const current = useSession();
  const me = current?.me.kind === 'staff' ? current.me : null;
  const last = useRef<StaffIdentity | null>(null);
  const lastMe = useRef<StaffMe | null>(null);
  const [lost, setLost] = useState<StaffIdentity | null>(() =>
    store.get() ? null : deviceStorage.get<StaffIdentity>(LOST_KEY),
  );
  if (me) {
    last.current = { id: me.id, username: me.username, displayName: me.displayName };
    lastMe.current = me;
  }

  useEffect(
    () =>
      store.subscribe((next, reason) => {
        if (next === null && reason === 'expired' && last.current) {
          deviceStorage.set(LOST_KEY, last.current);
          setLost(last.current);
        }
      }),
    [],
  );

  useEffect(() => {
    if (me) deviceStorage.remove(LOST_KEY);
    if (lost) {
      if (!me) return;
      if (me.id === lost.id) setLost(null);
      else void Taro.reLaunch({ url: staffRoutes.inbox });
      return;
    }
    if (!me) void Taro.redirectTo({ url: withNext(staffRoutes.login, currentUrl()) });
    else if (me.mustChangePassword && !passwordPage)
      void Taro.redirectTo({ url: withNext(staffRoutes.password, currentUrl()) });
  }, [me, lost, passwordPage]);

  if (lost) return { me: lastMe.current?.id === lost.id ? lastMe.current : null, lost };
  if (!me || (me.mustChangePassword && !passwordPage)) return { me: null, lost: null };
  return { me, lost: null };
}

/** Signing out on purpose: this person's drafts go too (a shared desk should not keep them). */
export async function signOutStaff(): Promise<void> {
  const current = store.get();
  if (current?.me.kind === 'staff') staffDrafts.clearAll(current.me.id);
  deviceStorage.remove(LOST_KEY);
  await logout();
  void Taro.reLaunch({ url: staffRoutes.login });
}

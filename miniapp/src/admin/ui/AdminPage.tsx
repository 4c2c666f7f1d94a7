import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import { type ReactNode, useEffect, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { staffCopy } from '@/copy/staff';
import { can } from '@/staff/session/roles';
import { type StaffSessionState, useStaffSession } from '@/staff/session/use-staff-session';
import { StaffPage } from '@/staff/ui/StaffPage';
import { pressable } from '@/ui/a11y';
import { Notice } from '@/ui/Feedback';
import { adminRoutes } from '../routes';
import { adminUnits } from '../services/admin-api';
import { type AdminSection, atTopOf, offeredSections } from './sections';
import './admin.scss';

export type { AdminSection } from './sections';

/** What a page needs: administering (every page but one), or reading the audit log. */
export type AdminNeed = 'administer' | 'audit';

export interface AdminSession extends StaffSessionState {
  /** The signed-in person, when they may use this page; null otherwise (or while loading). */
  admin: StaffMe | null;
}

/** The session of an administration page: the staff session, and whether this person may use the page. */
export function useAdminSession(need: AdminNeed = 'administer'): AdminSession {
  const session = useStaffSession();
  const allowed = session.me !== null && can[need](session.me);
  return { ...session, admin: allowed ? session.me : null };
}

/** The answer for the administrator last asked about, kept while the app runs: he does not move. */
let asked: { staffId: string; answer: Promise<boolean>; value: boolean | null } | null = null;

function askAtTop(staffId: string): Promise<boolean> {
  if (asked?.staffId === staffId) return asked.answer;
  const entry = { staffId, answer: adminUnits().then(atTopOf), value: null as boolean | null };
  entry.answer.then(
    (value) => {
      entry.value = value;
    },
    () => {
      // Not known: asked again on the next page.
      if (asked === entry) asked = null;
    },
  );
  asked = entry;
  return entry.answer;
}

const knownAtTop = (staffId: string | null) =>
  staffId !== null && asked?.staffId === staffId && asked.value === true;

/**
 * Whether the signed-in administrator sits at the top of the organisation, where the pages for
 * every unit open (`offeredSections`); false while not known, so nothing refused is offered.
 */
export function useAtTop(admin: StaffMe | null): boolean {
  const staffId = admin?.id ?? null;
  const [atTop, setAtTop] = useState(() => knownAtTop(staffId));
  useEffect(() => {
    setAtTop(knownAtTop(staffId));
    if (staffId === null) return;
    let live = true;
    askAtTop(staffId).then(
      (value) => {
        if (live) setAtTop(value);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [staffId]);
  return atTop;
}

/**
 * The frame of every administration page: the workbench's frame (re-login included) with the
 * administration's own sections under it — for administrators; an auditor who is not one sees the
 * audit log alone. Someone whose roles do not open the page is told so, and sees nothing of it.
 */
export function AdminPage({
  title,
  testId,
  section,
  session,
  onRestored,
  children,
}: {
  title: string;
  testId: string;
  section: AdminSection;
  session: AdminSession;
  onRestored?: () => void;
  children: ReactNode;
}) {
  const { me, admin } = session;
  const administrator = me !== null && can.administer(me);
  return (
    <StaffPage
      title={title}
      testId={testId}
      state={session}
      nav={administrator || section !== 'audit' ? 'admin' : 'audit'}
      onRestored={onRestored}
    >
      {administrator && <AdminSections current={section} me={me} />}
      {me && !admin && (
        <Notice tone="warn" testId="admin-forbidden">
          {staffCopy.errors.FORBIDDEN}
        </Notice>
      )}
      {admin && <View className="admin-body">{children}</View>}
    </StaffPage>
  );
}

/** The administration's sections: those refused below the top only for an administrator there. */
function AdminSections({ current, me }: { current: AdminSection; me: StaffMe }) {
  const atTop = useAtTop(me);
  return (
    <View className="staff-nav admin-sections xf-no-print" role="navigation" aria-label={adminCopy.nav.label}>
      {offeredSections(atTop).map((section) => (
        <View
          key={section}
          className={`staff-nav__item admin-sections__item${section === current ? ' staff-nav__item--current' : ''}`}
          data-testid={`admin-nav-${section}`}
          {...pressable(
            adminCopy.nav[section],
            () => (section === current ? undefined : Taro.redirectTo({ url: adminRoutes[section] })),
            { role: 'link', current: section === current },
          )}
        >
          <Text>{adminCopy.nav[section]}</Text>
        </View>
      ))}
    </View>
  );
}

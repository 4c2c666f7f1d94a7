import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import type { ReactNode } from 'react';
import { adminCopy } from '@/copy/admin';
import { staffCopy } from '@/copy/staff';
import { can } from '@/staff/session/roles';
import { type StaffSessionState, useStaffSession } from '@/staff/session/use-staff-session';
import { StaffPage } from '@/staff/ui/StaffPage';
import { pressable } from '@/ui/a11y';
import { Notice } from '@/ui/Feedback';
import { adminRoutes } from '../routes';
import './admin.scss';

export type AdminSection =
  | 'home'
  | 'units'
  | 'accounts'
  | 'roster'
  | 'categories'
  | 'calendar'
  | 'audit'
  | 'outbox'
  | 'health';

const SECTIONS: { section: AdminSection; url: string }[] = [
  { section: 'home', url: adminRoutes.home },
  { section: 'units', url: adminRoutes.units },
  { section: 'accounts', url: adminRoutes.accounts },
  { section: 'roster', url: adminRoutes.roster },
  { section: 'categories', url: adminRoutes.categories },
  { section: 'calendar', url: adminRoutes.calendar },
  { section: 'audit', url: adminRoutes.audit },
  { section: 'outbox', url: adminRoutes.outbox },
  { section: 'health', url: adminRoutes.health },
];

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
      {administrator && <AdminSections current={section} />}
      {me && !admin && (
        <Notice tone="warn" testId="admin-forbidden">
          {staffCopy.errors.FORBIDDEN}
        </Notice>
      )}
      {admin && <View className="admin-body">{children}</View>}
    </StaffPage>
  );
}

function AdminSections({ current }: { current: AdminSection }) {
  return (
    <View className="staff-nav admin-sections xf-no-print" role="navigation" aria-label={adminCopy.nav.label}>
      {SECTIONS.map(({ section, url }) => (
        <View
          key={section}
          className={`staff-nav__item admin-sections__item${section === current ? ' staff-nav__item--current' : ''}`}
          data-testid={`admin-nav-${section}`}
          {...pressable(
            adminCopy.nav[section],
            () => (section === current ? undefined : Taro.redirectTo({ url })),
            { role: 'link', current: section === current },
          )}
        >
          <Text>{adminCopy.nav[section]}</Text>
        </View>
      ))}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { adminRoutes } from '@/admin/routes';
import { messagesCopy } from '@/copy/messages';
import { staffCopy } from '@/copy/staff';
import { UnreadBadge } from '@/features/notifications/UnreadBadge';
import { useUnread } from '@/features/notifications/unread';
import { messageRoutes } from '@/routes';
import { pressable } from '@/ui/a11y';
import { ErrorRetry, Loading, StatusLine } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { staffRoutes } from '../routes';
import { can } from '../session/roles';
import type { StaffSessionState } from '../session/use-staff-session';
import { staffMessageOf } from './errors';
import { ReLogin } from './ReLogin';
import { SignInAlert } from './SignInAlert';
import './staff.scss';

export type StaffNavItem =
  | 'inbox'
  | 'register'
  | 'approvals'
  | 'deliveries'
  | 'supervision'
  | 'coHandling'
  | 'screening'
  | 'followUps'
  | 'reception'
  | 'oversight'
  | 'registers'
  | 'overview'
  | 'figures'
  | 'templates'
  | 'documents'
  | 'admin'
  | 'audit'
  | 'account'
  | null;

/**
 * The frame of every staff page: the page (title, large text, main landmark) with the workbench's
 * navigation for the person's roles, and — when the session ends while the page is open — the
 * re-login dialog over the page, which stays as it is underneath (nothing typed is lost).
 */
export function StaffPage({
  title,
  testId,
  state,
  nav,
  onRestored,
  children,
}: {
  title: string;
  testId: string;
  state: StaffSessionState;
  nav: StaffNavItem;
  /** Called after signing in again, to load what failed while the session was gone. */
  onRestored?: () => void;
  children: ReactNode;
}) {
  const { me, lost } = state;
  const [restored, setRestored] = useState(false);
  const wasLost = useRef(false);

  useEffect(() => {
    if (lost) {
      wasLost.current = true;
      setRestored(false);
    } else if (wasLost.current && me) {
      wasLost.current = false;
      setRestored(true);
      onRestored?.();
    }
  }, [lost, me, onRestored]);

  // While the re-login dialog is open, the page keeps showing what it showed (as the person left it).
  const person = me;
  return (
    <Page title={title} testId={person ? testId : `${testId}-loading`} className="xf-staff">
      {person ? (
        <View className="staff-frame">
          <StaffNav me={person} current={nav} />
          <StatusLine text={restored ? staffCopy.relogin.restored : null} testId="relogin-restored" />
          <SignInAlert me={person} />
          {children}
        </View>
      ) : (
        <Loading />
      )}
      {lost && <ReLogin identity={lost} />}
    </Page>
  );
}

const ITEMS: { item: Exclude<StaffNavItem, null>; url: string; allowed: (me: StaffMe) => boolean }[] = [
  { item: 'inbox', url: staffRoutes.inbox, allowed: can.work },
  { item: 'register', url: staffRoutes.register, allowed: can.register },
  { item: 'approvals', url: staffRoutes.approvals, allowed: can.approve },
  { item: 'deliveries', url: staffRoutes.deliveries, allowed: can.deliver },
  { item: 'supervision', url: staffRoutes.supervision, allowed: can.supervise },
  // Art 24: a unit asked to help with a part of a case answers it here.
  { item: 'coHandling', url: staffRoutes.coHandling, allowed: can.assist },
  {
    item: 'screening',
    url: staffRoutes.screening,
    allowed: (me) => can.screen(me) || can.watchScreening(me),
  },
  { item: 'followUps', url: staffRoutes.followUps, allowed: can.followUp },
  { item: 'reception', url: staffRoutes.reception, allowed: can.receptionDays },
  { item: 'oversight', url: staffRoutes.oversight, allowed: can.oversee },
  { item: 'registers', url: staffRoutes.registers, allowed: can.readRegisters },
  { item: 'overview', url: staffRoutes.overview, allowed: can.overview },
  { item: 'figures', url: staffRoutes.figures, allowed: can.figures },
  { item: 'templates', url: staffRoutes.templates, allowed: can.templates },
  { item: 'documents', url: staffRoutes.documents, allowed: can.documentSettings },
  { item: 'admin', url: adminRoutes.home, allowed: can.administer },
  // An auditor who is not an administrator reaches the audit log from here; administrators from their home.
  { item: 'audit', url: adminRoutes.audit, allowed: (me) => can.audit(me) && !can.administer(me) },
  { item: 'account', url: staffRoutes.account, allowed: () => true },
];

/** The workbench's sections this person's roles open. */
export function StaffNav({ me, current }: { me: StaffMe; current: StaffNavItem }) {
  const unread = useUnread();
  return (
    <View className="staff-nav xf-no-print" role="navigation" aria-label={staffCopy.nav.label}>
      {ITEMS.filter((entry) => entry.allowed(me)).map(({ item, url }) => (
        <View
          key={item}
          className={`staff-nav__item${item === current ? ' staff-nav__item--current' : ''}`}
          data-testid={`staff-nav-${item}`}
          {...pressable(
            staffCopy.nav[item],
            () => (item === current ? undefined : Taro.redirectTo({ url })),
            { role: 'link', current: item === current },
          )}
        >
          <Text>{staffCopy.nav[item]}</Text>
        </View>
      ))}
      <View
        className="staff-nav__item"
        data-testid="staff-nav-messages"
        {...pressable(
          unread > 0
            ? `${messagesCopy.list.title}，${messagesCopy.badge.label(unread)}`
            : messagesCopy.list.title,
          () => Taro.navigateTo({ url: messageRoutes.list }),
          { role: 'link' },
        )}
      >
        <Text>{messagesCopy.list.title}</Text>
        <UnreadBadge count={unread} testId="staff-unread" />
      </View>
    </View>
  );
}

/** A failure on a staff page, in the staff wording, with a retry. */
export function StaffError({
  error,
  message,
  onRetry,
  what,
  testId = 'error',
}: {
  error: unknown;
  /** Overrides the message the error's code would give (a lost answer: it may have gone). */
  message?: string;
  onRetry?: () => void;
  what?: string;
  testId?: string;
}) {
  return (
    <ErrorRetry
      error={error}
      message={message ?? staffMessageOf(error)}
      onRetry={onRetry}
      what={what}
      testId={testId}
    />
  );
}

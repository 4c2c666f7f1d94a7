import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { AdminCalendar, AdminHealth } from '@xinfang/shared/schemas/admin';
import { useCallback, useEffect, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { heading, pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Notice } from '@/ui/Feedback';
import { adminRoutes } from '../routes';
import { adminCalendar, adminHealth } from '../services/admin-api';
import { AdminPage, useAdminSession, useAtTop } from '../ui/AdminPage';
import { offeredSections } from '../ui/sections';

const text = adminCopy.home;
/**
 * An administrator's home: what needs doing now — next year's calendar missing (from November),
 * the service in trouble, notifications that could not be sent — and the way to each part of
 * administration. Each warning is checked on its own: one that cannot be checked stays silent.
 */
export default function AdminHome() {
  const session = useAdminSession();
  const me = session.admin;
  const atTop = useAtTop(me);
  const [calendar, setCalendar] = useState<AdminCalendar | null>(null);
  const [health, setHealth] = useState<AdminHealth | null>(null);

  const load = useCallback(() => {
    adminCalendar().then(setCalendar, () => undefined);
    adminHealth().then(setHealth, () => undefined);
  }, []);
  useEffect(() => {
    if (me) load();
  }, [me, load]);

  const unhealthy =
    health !== null &&
    (!health.database.reachable ||
      !health.database.writable ||
      health.jobs.some((j) => j.outcome === 'failure'));
  // Only the top's administrator opens the outbox (the server refuses the others).
  const dead = atTop ? (health?.outbox?.dead ?? 0) : 0;
  const go = (url: string) => () => void Taro.navigateTo({ url });
  const sections = offeredSections(atTop).filter((section) => section !== 'home');

  return (
    <AdminPage title={text.title} testId="admin-home-page" section="home" session={session} onRestored={load}>
      {me && <Text className="xf-text xf-text--muted">{text.intro(me.unit.name)}</Text>}
      {calendar?.missingYear ? (
        <Notice tone="warn" testId="admin-calendar-warning">
          <Text className="xf-text">{text.calendarMissing(calendar.missingYear)}</Text>
          <Button inline onPress={go(adminRoutes.calendar)} testId="admin-calendar-warning-go">
            {text.calendarAction}
          </Button>
        </Notice>
      ) : null}
      {unhealthy && (
        <Notice tone="warn" testId="admin-health-warning">
          <Text className="xf-text">{text.healthProblem}</Text>
          <Button inline onPress={go(adminRoutes.health)}>
            {text.healthAction}
          </Button>
        </Notice>
      )}
      {dead ? (
        <Notice tone="warn" testId="admin-outbox-warning">
          <Text className="xf-text">{text.deadLetters(dead)}</Text>
          <Button inline onPress={go(adminRoutes.outbox)}>
            {text.deadLettersAction}
          </Button>
        </Notice>
      ) : null}

      <Text className="xf-card__heading" {...heading(2)}>
        {text.sections}
      </Text>
      <View className="admin-entries" role="list" aria-label={text.sections}>
        {sections.map((section) => (
          <View key={section} role="listitem">
            <View
              className="admin-entry"
              data-testid={`admin-home-${section}`}
              {...pressable(`${adminCopy.nav[section]}：${text.desc[section]}`, go(adminRoutes[section]), {
                role: 'link',
              })}
            >
              <Text className="admin-entry__title">{adminCopy.nav[section]}</Text>
              <Text className="admin-entry__desc">{text.desc[section]}</Text>
            </View>
          </View>
        ))}
      </View>
    </AdminPage>
  );
}

import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { NotificationSettings, OutsideChannel } from '@xinfang/shared/schemas/notifications';
import { useCallback, useEffect, useState } from 'react';
import { messagesCopy } from '@/copy/messages';
import { askToSubscribe, canAsk } from '@/features/notifications/subscribe';
import { messageRoutes, routes, withNext } from '@/routes';
import { getSettings, saveSettings } from '@/services/notifications';
import { useSession } from '@/session/use-session';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Choice } from '@/ui/Choice';
import { ErrorRetry, Loading, Notice, StatusLine } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { Switch } from '@/ui/Switch';

const text = messagesCopy.settings;

/**
 * What a person chooses about being told: the notices the statute owes them always come (said
 * plainly at the top); other reminders can be turned off; WeChat or SMS first. Staff read their
 * own words: work notices (new cases, approvals, 督办, overdue) always come, and the switch is
 * about reminders and the daily digest only. In WeChat, the one-time subscriptions WeChat requires
 * are asked for here too, with how many are left.
 */
export default function NotificationSettingsPage() {
  const session = useSession();
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);

  const load = useCallback(async () => {
    setError(null);
    try {
      setSettings(await getSettings());
    } catch (failure) {
      setError(failure);
    }
  }, []);

  useEffect(() => {
    if (session === null) void Taro.redirectTo({ url: withNext(routes.login, messageRoutes.settings) });
    else void load();
  }, [session, load]);

  const save = async (change: Partial<Pick<NotificationSettings, 'nonStatutory' | 'channel'>>) => {
    if (!settings) return;
    const next = { nonStatutory: settings.nonStatutory, channel: settings.channel, ...change };
    setSettings({ ...settings, ...next });
    try {
      setSettings(await saveSettings(next));
      setStatus(text.saved);
    } catch {
      setSettings(settings);
      setStatus(text.saveFailed);
    }
  };

  // Straight from the tap, with the settings already loaded: WeChat asks only inside a tap.
  const subscribe = () => void askToSubscribe('detail', settings).then(load);

  if (error) {
    return (
      <Page title={text.title} testId="settings-page">
        <ErrorRetry error={error} onRetry={() => void load()} />
      </Page>
    );
  }
  if (!settings) {
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  }

  const words = session?.me.kind === 'staff' ? text.staff : text;
  const left = settings.subscriptions.reduce((sum, t) => sum + t.remaining, 0);
  const options: { value: OutsideChannel; label: string; description: string }[] = [
    {
      value: 'wechat',
      label: text.wechat,
      description: settings.available.wechat ? text.wechatDesc : text.wechatUnavailable,
    },
    {
      value: 'sms',
      label: text.sms,
      description: settings.available.sms ? text.smsDesc : text.smsUnavailable,
    },
  ];

  return (
    <Page title={text.title} testId="settings-page">
      <Notice testId="settings-statutory">{words.intro}</Notice>
      <Card>
        <Switch
          label={words.nonStatutory}
          checked={settings.nonStatutory}
          onChange={(nonStatutory) => void save({ nonStatutory })}
          testId="settings-non-statutory"
        />
        <Text className="xf-text xf-text--small xf-text--muted">{words.nonStatutoryDesc}</Text>
      </Card>
      <Card title={text.channel}>
        <Choice
          label={text.channel}
          options={options}
          value={settings.channel}
          onChange={(channel) => void save({ channel })}
          testId="settings-channel"
        />
        <Text className="xf-text xf-text--small xf-text--muted">{text.centreOnly}</Text>
      </Card>
      {canAsk('detail', settings) && (
        <Card>
          <Text className="xf-text" data-testid="settings-subscriptions">
            {text.subscribed(left)}
          </Text>
          <Text className="xf-text xf-text--small xf-text--muted">{text.subscribeHint}</Text>
          <Button variant="primary" onPress={subscribe} testId="settings-subscribe">
            {text.subscribe}
          </Button>
        </Card>
      )}
      <StatusLine text={status} testId="settings-status" />
    </Page>
  );
}

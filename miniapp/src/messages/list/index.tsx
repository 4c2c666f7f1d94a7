import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import type { Notification } from '@xinfang/shared/schemas/notifications';
import { useCallback, useEffect, useState } from 'react';
import { messagesCopy } from '@/copy/messages';
import { unreadCount } from '@/features/notifications/unread';
import { formatDateTime } from '@/format/dates';
import { messageRoutes, routes, withNext } from '@/routes';
import { listMessages, markRead } from '@/services/notifications';
import { useSession } from '@/session/use-session';
import { staffRoutes } from '@/staff/routes';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ErrorRetry, Loading, Notice } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import './index.scss';
import { pageToOpen } from './opens';

const text = messagesCopy.list;

/**
 * The message centre, for petitioners and staff alike: everything the system told the person,
 * newest first, whatever channel also carried it — unread ones marked (in words, not only colour),
 * read when opened, all at once if they like.
 */
export default function Messages() {
  const session = useSession();
  const staff = session?.me.kind === 'staff';
  const [items, setItems] = useState<Notification[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [unread, setUnread] = useState(0);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async (after: string | null) => {
    setError(null);
    setBusy(true);
    try {
      const page = await listMessages({ cursor: after });
      setItems((shown) => (after ? [...(shown ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
      setUnread(page.unread);
      unreadCount.set(page.unread);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    if (session === null) void Taro.redirectTo({ url: withNext(routes.login, messageRoutes.list) });
    else void load(null);
  }, [session, load]);
  usePullDownRefresh(() => {
    void load(null).finally(() => Taro.stopPullDownRefresh());
  });

  const read = async (ids: string[] | 'all') => {
    const answer = await markRead(ids).catch(() => null);
    if (!answer) return;
    const at = new Date().toISOString();
    setItems(
      (shown) =>
        shown?.map((n) => (ids === 'all' || ids.includes(n.id) ? { ...n, readAt: n.readAt ?? at } : n)) ??
        null,
    );
    setUnread(answer.unread);
    unreadCount.set(answer.unread);
  };

  // The page the message names, as its WeChat message opens: an assisting unit's request opens
  // its co-handling list, the case itself not being its to open (Art 24); a booking, the reception
  // days; the day's digest, the workbench.
  const open = (message: Notification, url: string) => {
    if (!message.readAt) void read([message.id]);
    void Taro.navigateTo({ url });
  };

  return (
    <Page title={text.title} testId="messages-page">
      <View className="messages__bar">
        <Text className="xf-text" data-testid="messages-unread" aria-live="polite">
          {text.unreadCount(unread)}
        </Text>
        {unread > 0 && (
          <Button inline onPress={() => void read('all')} testId="messages-read-all">
            {text.allRead}
          </Button>
        )}
      </View>
      {error ? (
        <ErrorRetry
          error={error}
          message={text.failed}
          what={text.loadLabel}
          onRetry={() => void load(null)}
        />
      ) : null}
      {items === null && !error && <Loading />}
      {items?.length === 0 && <Notice testId="messages-empty">{text.empty}</Notice>}
      <View role="list" aria-label={text.title}>
        {items?.map((message) => {
          const url = pageToOpen(message);
          return (
            <View
              key={message.id}
              role="listitem"
              data-testid="message"
              data-read={String(message.readAt !== null)}
            >
              <Card>
                <View className="message__head">
                  {!message.readAt && (
                    <Text className="message__unread" data-testid="message-unread">
                      {text.unread}
                    </Text>
                  )}
                  {message.statutory && <Text className="message__statutory">{text.statutory}</Text>}
                  <Text className="message__title" {...heading(2)}>
                    {message.title}
                  </Text>
                </View>
                <Text className="xf-text xf-text--small xf-text--muted">
                  {formatDateTime(message.createdAt)}
                </Text>
                <Text className="xf-text message__body">{message.body}</Text>
                {url ? (
                  <Button
                    inline
                    variant="link"
                    onPress={() => open(message, url)}
                    label={
                      message.petitionNumber
                        ? text.openLabel(message.petitionNumber)
                        : text.openPageLabel(message.title)
                    }
                    testId="message-open"
                  >
                    {message.petitionNumber ? text.open : text.openPage}
                  </Button>
                ) : (
                  !message.readAt && (
                    <Button
                      inline
                      variant="link"
                      onPress={() => void read([message.id])}
                      testId="message-read"
                    >
                      {text.markRead}
                    </Button>
                  )
                )}
              </Card>
            </View>
          );
        })}
      </View>
      {cursor && (
        <Button onPress={() => void load(cursor)} busy={busy} testId="messages-more">
          {text.more}
        </Button>
      )}
      <Button
        variant="link"
        onPress={() => void Taro.navigateTo({ url: messageRoutes.settings })}
        testId="messages-settings"
      >
        {text.settings}
      </Button>
      {staff && (
        <Button
          variant="link"
          onPress={() => void Taro.redirectTo({ url: staffRoutes.inbox })}
          testId="messages-workbench"
        >
          {text.back}
        </Button>
      )}
    </Page>
  );
}

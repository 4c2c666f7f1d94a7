import { Text, View } from '@tarojs/components';
import type { NotificationEvent, OutboxItem } from '@xinfang/shared/schemas/notifications';
import { useCallback, useEffect, useRef, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { formatDateTime } from '@/format/dates';
import { StaffError } from '@/staff/ui/StaffPage';
import { Button } from '@/ui/Button';
import { ChipChoice } from '@/ui/ChipChoice';
import { Loading, StatusLine } from '@/ui/Feedback';
import { type OutboxFilter, outboxPage, resend } from '../services/outbox-api';
import { AdminPage, useAdminSession } from '../ui/AdminPage';

const text = adminCopy.outbox;

/**
 * Notifications that could not be delivered after every try (dead-lettered), with the last error,
 * and those still waiting; a dead one is sent again once its cause is fixed, unless another
 * delivery of it went (a WeChat notice handed to SMS: 已改由短信送达). No message's content or
 * recipient appears here: only its kind, channel and history.
 */
export default function AdminOutbox() {
  const session = useAdminSession();
  const me = session.admin;
  const [status, setStatus] = useState<OutboxFilter>('dead');
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const inFlight = useRef(false);

  const load = useCallback(
    async (more: string | null) => {
      setError(null);
      try {
        const page = await outboxPage(status, more);
        setItems((shown) => (more && shown ? [...shown, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (failure) {
        setError(failure);
      }
    },
    [status],
  );
  useEffect(() => {
    if (me) void load(null);
  }, [me, load]);

  const send = async (item: OutboxItem) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      await resend(item.id);
      setItems((shown) => shown?.filter((i) => i.id !== item.id) ?? null);
      setDone(text.resent);
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <AdminPage
      title={text.title}
      testId="admin-outbox-page"
      section="outbox"
      session={session}
      onRestored={() => void load(null)}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <ChipChoice
        label={text.title}
        options={[
          { value: 'dead', label: text.dead },
          { value: 'pending', label: text.pending },
        ]}
        value={status}
        onChange={(value) => {
          setItems(null);
          setStatus(value as OutboxFilter);
        }}
        testId="admin-outbox-status"
      />
      <StatusLine text={done} testId="admin-outbox-done" />
      {error ? (
        <StaffError error={error} onRetry={() => void load(null)} testId="admin-outbox-error" />
      ) : null}
      {!items && !error && <Loading />}
      {items?.length === 0 && <Text className="xf-status">{text.empty[status]}</Text>}
      <View role="list" aria-label={status === 'dead' ? text.dead : text.pending}>
        {items?.map((item) => (
          <View key={item.id} role="listitem" className="admin-list-item" data-testid="admin-outbox-item">
            <Text className="xf-text xf-text--strong">
              {`${text.channel[item.channel] ?? item.channel} · ${text.recipient[item.recipientType]} · ${text.events[item.event as NotificationEvent] ?? item.event}`}
            </Text>
            {item.statutory && <Text className="admin-tag admin-tag--warn">{text.statutory}</Text>}
            <Text className="xf-text xf-text--small">{`${text.created}：${formatDateTime(item.createdAt)}，${text.attempts(item.attempts)}`}</Text>
            {item.lastError && (
              <Text className="xf-text xf-text--small">{`${text.lastError}：${item.lastError}`}</Text>
            )}
            {item.handedTo && (
              <Text className="admin-tag" data-testid="admin-outbox-handed-to">
                {text.handedTo(
                  text.channel[item.handedTo.channel] ?? item.handedTo.channel,
                  item.handedTo.sent,
                )}
              </Text>
            )}
            {item.status === 'dead' && !item.handedTo && (
              <Button inline busy={busy} onPress={() => void send(item)} testId="admin-outbox-resend">
                {text.resend}
              </Button>
            )}
          </View>
        ))}
      </View>
      {cursor && (
        <Button onPress={() => void load(cursor)} testId="admin-outbox-more">
          {adminCopy.common.loadMore}
        </Button>
      )}
    </AdminPage>
  );
}

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDate, formatDateString } from '@/format/dates';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { staffRoutes } from '../routes';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';
import { unreachedNotices } from './api';
import { ReachForm } from './ReachForm';

const text = staffCopy.unreached;
/** Recording a delivery is for those who deliver (reception, handlers, unit heads), not watchers. */
const mayRecord = (me: { capabilities?: readonly string[] }) => (me.capabilities ?? []).includes('deliver');
const fetchNotices = async () => (await unreachedNotices()).items;

/**
 * 未送达的法定告知: the accept/decline/forward/assign notices, other written notices, extensions
 * and hearings (Art 22, 23, 31, 34) that no WeChat or SMS carried and nobody read, oldest first,
 * each with its last day and why it failed. The desk delivers it another way and records how;
 * the notice then leaves the list. Written answers are on 待送达 (their 送达 is the case's).
 */
export default function StaffUnreached() {
  const session = useStaffSession();
  const me = session.me;
  const refresh = { onShow: true, pullDown: true };
  const { value: items, error, load, setValue: setItems } = useLoaded(me !== null, fetchNotices, refresh);
  const [open, setOpen] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  return (
    <StaffPage
      title={text.title}
      testId="staff-unreached-page"
      state={session}
      nav="deliveries"
      onRestored={() => void load()}
    >
      {me && !can.deliver(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <StatusLine text={done ? text.done : null} testId="staff-unreached-done" />
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {items === null && !error && <Loading />}
      {items?.length === 0 && (
        <Text className="xf-status" data-testid="staff-unreached-empty">
          {text.empty}
        </Text>
      )}
      <View role="list" aria-label={text.title} data-testid="staff-unreached-list">
        {(items ?? []).map((item) => (
          <View key={item.id} role="listitem" className="staff-row" data-testid="staff-unreached">
            <View
              className="staff-row__open"
              {...pressable(
                null,
                () => void Taro.navigateTo({ url: staffRoutes.petition(item.petitionId) }),
                { role: 'link' },
              )}
            >
              <View className="staff-row__top">
                <Text className="staff-row__number">{item.petitionNumber}</Text>
                <Text className="staff-badge">{text.due(formatDateString(item.dueOn))}</Text>
              </View>
              <Text className="staff-row__title">{item.title}</Text>
              <Text className="staff-row__meta">
                {`${item.unit ? `${item.unit.name} · ` : ''}${formatDate(item.issuedAt)}`}
              </Text>
              <Text className="staff-row__note" data-testid="staff-unreached-reason">
                {text.reasons[item.reason] ?? item.reason}
              </Text>
            </View>
            {me && mayRecord(me) && open !== item.id && (
              <Button testId="staff-unreached-record" onPress={() => setOpen(item.id)}>
                {text.record}
              </Button>
            )}
            {open === item.id && (
              <ReachForm
                item={item}
                onSaved={() => {
                  setOpen(null);
                  setDone(true);
                  setItems((list) => (list ?? []).filter((i) => i.id !== item.id));
                }}
              />
            )}
          </View>
        ))}
      </View>
    </StaffPage>
  );
}

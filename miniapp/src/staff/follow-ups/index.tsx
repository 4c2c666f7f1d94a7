import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { FollowUpStatus } from '@xinfang/shared/schemas/aftercare';
import { FOLLOW_UP_STATUSES } from '@xinfang/shared/schemas/value-lists';
import { useCallback, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { formatDateString } from '@/format/dates';
import { followUps } from '@/services/aftercare';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, StatusLine } from '@/ui/Feedback';
import { staffRoutes } from '../routes';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { usePagedList } from '../ui/use-paged-list';
import { FollowUpForm, FollowUpOutcomeView } from './FollowUpForm';

const text = staffCopy.followUps;

/**
 * 回访: the follow-ups the caller's subtree owes its concluded cases — to make, overdue, made — each
 * opening its case, and the form to record how one went.
 */
export default function StaffFollowUps() {
  const session = useStaffSession();
  const [status, setStatus] = useState<FollowUpStatus>('open');
  const [recording, setRecording] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const signedIn = session.me !== null;

  // A new tab is a new list: the hook starts it over from the first page.
  const fetchPage = useCallback((cursor: string | null) => followUps({ status, cursor }), [status]);
  const { items, nextCursor, busy, error, reload, more } = usePagedList(signedIn, fetchPage);

  return (
    <StaffPage
      title={text.title}
      testId="staff-follow-ups-page"
      state={session}
      nav="followUps"
      onRestored={() => void reload()}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <View className="staff-tabs" role="tablist" aria-label={text.title}>
        {FOLLOW_UP_STATUSES.map((s) => (
          <View
            key={s}
            className={`staff-tab${s === status ? ' staff-tab--current' : ''}`}
            data-testid={`follow-ups-tab-${s}`}
            aria-selected={s === status ? 'true' : 'false'}
            {...pressable(null, () => setStatus(s), { role: 'tab' })}
          >
            <Text>{text.tabs[s]}</Text>
          </View>
        ))}
      </View>
      <StatusLine text={saved} testId="follow-ups-status" />
      {error ? <StaffError error={error} onRetry={() => void reload()} what={text.title} /> : null}
      {items === null && !error && <Loading />}
      {items && (
        <Card title={text.tabs[status] ?? text.title} testId="follow-ups-list" label={text.title}>
          {items.length === 0 && <Text className="xf-text xf-text--muted">{text.empty}</Text>}
          <View role="list">
            {items.map((item) => (
              <View
                key={item.id}
                role="listitem"
                className={`staff-row${item.status === 'overdue' ? ' staff-row--overdue' : ''}`}
                data-testid="follow-up"
                data-number={item.number}
              >
                <View
                  className="staff-row__open"
                  {...pressable(
                    null,
                    () => void Taro.navigateTo({ url: staffRoutes.petition(item.petitionId) }),
                    {
                      role: 'link',
                    },
                  )}
                >
                  <View className="staff-row__top">
                    <Text className="staff-row__number">{item.number}</Text>
                    <Text
                      className={`staff-badge${item.status === 'overdue' ? ' staff-badge--overdue' : ''}`}
                    >
                      {text.tabs[item.status]}
                    </Text>
                  </View>
                  <Text className="staff-row__title">{item.title}</Text>
                  <Text className="staff-row__meta">{`${item.unit.name} · ${text.due(formatDateString(item.dueDate))}`}</Text>
                </View>
                <FollowUpOutcomeView item={item} />
                {!item.outcome && recording !== item.id && (
                  <Button inline testId="follow-up-record" onPress={() => setRecording(item.id)}>
                    {text.record}
                  </Button>
                )}
                {!item.outcome && recording === item.id && (
                  <FollowUpForm
                    item={item}
                    onSaved={() => {
                      setRecording(null);
                      setSaved(text.saved);
                      void reload();
                    }}
                  />
                )}
              </View>
            ))}
          </View>
          {nextCursor && (
            <Button testId="follow-ups-more" busy={busy} busyText={copy.common.loading} onPress={more}>
              {copy.common.loadMore}
            </Button>
          )}
        </Card>
      )}
    </StaffPage>
  );
}

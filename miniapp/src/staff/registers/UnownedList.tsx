import { Text, View } from '@tarojs/components';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import type { UnownedCase } from '@xinfang/shared/schemas/registers';
import { useCallback } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { formatDate, formatDateTime } from '@/format/dates';
import { unownedCases } from '@/services/registers';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading } from '@/ui/Feedback';
import { petitionAction } from '../routes';
import { leads } from '../session/roles';
import { StaffError } from '../ui/StaffPage';
import { usePagedList } from '../ui/use-paged-list';
import { CaseLink, go } from './CaseLink';

const text = staffCopy.unowned;

/**
 * 待包案 (Art 18): the open cases of the subtree nobody leads that should have a leader, the most
 * pressing first, each saying why — who handed it back, when and why; a 督办; a deadline passed —
 * and, for a leader, the way to take it (the case's own 包案 action).
 */
export function UnownedList({ me }: { me: StaffMe }) {
  const fetchPage = useCallback((cursor: string | null) => unownedCases(cursor), []);
  const { items: pages, nextCursor, busy, error, reload, more } = usePagedList(true, fetchPage);
  const items = pages && latestOnce(pages);
  return (
    <>
      {error ? <StaffError error={error} onRetry={() => void reload()} what={text.title} /> : null}
      {items === null && !error && <Loading />}
      {items && (
        <Card title={text.title} testId="register-unowned" label={text.title}>
          <Text className="xf-text xf-text--muted">{text.intro}</Text>
          {items.length === 0 && <Text className="xf-status">{text.empty}</Text>}
          <View role="list" aria-label={text.title}>
            {items.map((item) => (
              <UnownedRow key={item.case.petitionId} item={item} me={me} />
            ))}
          </View>
          {nextCursor && (
            <Button testId="register-unowned-more" busy={busy} busyText={copy.common.loading} onPress={more}>
              {copy.common.loadMore}
            </Button>
          )}
        </Card>
      )}
    </>
  );
}

/**
 * Each case once. A case whose reasons changed between pages (its 督办 closed) may come again on
 * a later page, where it now stands: the later answer is the one that holds.
 */
export function latestOnce(items: readonly UnownedCase[]): UnownedCase[] {
  const last = new Map(items.map((item, i) => [item.case.petitionId, i]));
  return items.filter((item, i) => last.get(item.case.petitionId) === i);
}

function UnownedRow({ item, me }: { item: UnownedCase; me: StaffMe }) {
  const { released, formerLeader } = item;
  return (
    <View
      role="listitem"
      className="staff-row staff-row--overdue"
      data-testid="register-unowned-item"
      data-number={item.case.petitionNumber}
    >
      <View className="staff-row__top">
        {item.reasons.map((reason) => (
          <Text
            key={reason}
            className="staff-badge staff-badge--overdue"
            data-testid="register-unowned-reason"
          >
            {text.reasons[reason] ?? reason}
          </Text>
        ))}
        <Text className="staff-row__meta">
          {item.nextDueAt ? text.due(formatDate(item.nextDueAt)) : text.age(item.ageDays)}
        </Text>
      </View>
      <CaseLink c={item.case} />
      {released && (
        <Text className="xf-text" data-testid="register-unowned-released">
          {text.released(released.leader.name, formatDateTime(released.at), released.reason)}
        </Text>
      )}
      {formerLeader && (
        <Text className="xf-text" data-testid="register-unowned-former">
          {text.formerLeader(formerLeader.name)}
        </Text>
      )}
      {leads(me) && (
        <View className="staff-row__actions">
          <Button
            inline
            testId="register-unowned-take"
            onPress={go(petitionAction(item.case.petitionId, 'take_case'))}
          >
            {text.takeCase}
          </Button>
        </View>
      )}
    </View>
  );
}

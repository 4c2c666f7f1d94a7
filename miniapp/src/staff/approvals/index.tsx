import { Text, View } from '@tarojs/components';
import { useCallback, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { useCategoryNames } from '@/features/categories/use-category-names';
import { Button } from '@/ui/Button';
import { Loading, Notice } from '@/ui/Feedback';
import { EMPTY_FILTERS, inboxQuery } from '../inbox/query';
import { inbox } from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { PetitionRow } from '../ui/PetitionRow';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { usePagedList } from '../ui/use-paged-list';

const text = staffCopy.approvals;

/**
 * What waits for a unit head's or a responsible leader's decision — extension requests (Art 34),
 * decision letters (Art 32), and whether to handle again a case rated unsatisfied that cannot be
 * appealed — the longest waiting first.
 */
export default function StaffApprovals() {
  const session = useStaffSession();
  const me = session.me;
  const [now, setNow] = useState(() => Date.now());
  const signedIn = me !== null;
  const { nameOf: categoryName } = useCategoryNames(signedIn);

  const fetchPage = useCallback(async (cursor: string | null) => {
    const page = await inbox(inboxQuery('approval', { ...EMPTY_FILTERS, sort: 'oldest' }, null, cursor));
    setNow(Date.now());
    return page;
  }, []);
  const { items, nextCursor, busy, error, reload, more } = usePagedList(signedIn, fetchPage);

  return (
    <StaffPage
      title={text.title}
      testId="staff-approvals-page"
      state={session}
      nav="approvals"
      onRestored={() => void reload()}
    >
      {me && !can.approve(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {error ? <StaffError error={error} onRetry={() => void reload()} what={text.title} /> : null}
      {items === null && !error && <Loading />}
      {items?.length === 0 && (
        <Text className="xf-status" data-testid="staff-approvals-empty">
          {text.empty}
        </Text>
      )}
      <View role="list" aria-label={text.title} data-testid="staff-approvals-list">
        {(items ?? []).map((item) => (
          <PetitionRow
            key={item.id}
            item={item}
            now={now}
            categoryName={categoryName}
            note={
              item.state === 'reply_drafted'
                ? text.letter
                : item.state === 'replied'
                  ? text.rehandling
                  : text.extension
            }
          />
        ))}
      </View>
      {nextCursor && (
        <Button busy={busy} busyText={copy.common.loading} onPress={more}>
          {copy.common.loadMore}
        </Button>
      )}
    </StaffPage>
  );
}

import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { Category, PetitionSummary } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { getCategories } from '@/services/org';
import { Button } from '@/ui/Button';
import { Loading, Notice } from '@/ui/Feedback';
import { EMPTY_FILTERS, inboxQuery } from '../inbox/query';
import { inbox } from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { PetitionRow } from '../ui/PetitionRow';
import { StaffError, StaffPage } from '../ui/StaffPage';

const text = staffCopy.approvals;

/**
 * What waits for a unit head's or a responsible leader's decision — extension requests (Art 34),
 * decision letters (Art 32), and whether to handle again a case rated unsatisfied that cannot be
 * appealed — the longest waiting first.
 */
export default function StaffApprovals() {
  const session = useStaffSession();
  const me = session.me;
  const [items, setItems] = useState<PetitionSummary[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const [categories, setCategories] = useState<Category[]>([]);
  const signedIn = me !== null;

  const load = useCallback(async (after: string | null = null) => {
    setBusy(true);
    setError(null);
    try {
      const page = await inbox(inboxQuery('approval', { ...EMPTY_FILTERS, sort: 'oldest' }, null, after));
      setNow(Date.now());
      setItems((previous) => (after ? [...(previous ?? []), ...page.items] : page.items));
      setCursor(page.nextCursor);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    if (!signedIn) return;
    void load();
    getCategories()
      .then(setCategories)
      .catch(() => undefined);
  }, [signedIn, load]);
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && signedIn) void load();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const categoryName = (code: string) => categories.find((c) => c.code === code)?.name ?? code;
  return (
    <StaffPage
      title={text.title}
      testId="staff-approvals-page"
      state={session}
      nav="approvals"
      onRestored={() => void load()}
    >
      {me && !can.approve(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
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
      {cursor && (
        <Button busy={busy} busyText={copy.common.loading} onPress={() => void load(cursor)}>
          {copy.common.loadMore}
        </Button>
      )}
    </StaffPage>
  );
}

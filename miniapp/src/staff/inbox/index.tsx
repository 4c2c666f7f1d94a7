import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import type { PetitionSummary } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { useCategoryNames } from '@/features/categories/use-category-names';
import { deviceStorage } from '@/platform/device-storage';
import { Button } from '@/ui/Button';
import { Loading, Notice } from '@/ui/Feedback';
import { staffHome, staffRoutes } from '../routes';
import { inbox, type QueueCounts, queueCounts } from '../services/staff-api';
import { can, defaultTab, type InboxTab } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { PetitionRow } from '../ui/PetitionRow';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { UnreachedBadge } from '../unreached/UnreachedBadge';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  INBOX_TABS,
  type InboxFilters,
  inboxQuery,
  restoreFilters,
} from './query';
import './index.scss';
import { FilterPanel } from './FilterPanel';
import { SearchBox } from './SearchBox';
import { Tabs } from './Tabs';

const text = staffCopy.inbox;
const _any = staffCopy.common.any;

interface Remembered {
  tab: InboxTab;
  filters: InboxFilters;
}
const rememberKey = (staffId: string) => `xinfang.staff.inbox.${staffId}`;

interface ListState {
  items: PetitionSummary[];
  nextCursor: string | null;
  loaded: boolean;
}

/**
 * The inbox of the signed-in person's subtree: tabs for what waits (to triage, being handled, to
 * approve, overdue, all) with their counts, nearest deadline first with overdue and due-soon badges,
 * filters (state, kind, channel, category, unit, dates), and a search by number or phone. The tab
 * and the filters are remembered on the device.
 */
export default function StaffInbox() {
  const session = useStaffSession();
  const me = session.me;
  const unitParam = useRouter().params.unitId;
  const [tab, setTab] = useState<InboxTab | null>(null);
  const [filters, setFilters] = useState<InboxFilters>(EMPTY_FILTERS);
  const [search, setSearch] = useState<string | null>(null);
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, loaded: false });
  const [counts, setCounts] = useState<QueueCounts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  // Retired categories too: old cases still carry them, to be named and filtered by.
  const { categories, nameOf: categoryName } = useCategoryNames(me !== null);
  const loading = useRef(0);

  // An administrator or auditor who works no cases has a home of their own.
  useEffect(() => {
    if (me && !can.work(me) && staffHome(me) !== staffRoutes.inbox)
      void Taro.redirectTo({ url: staffHome(me) });
  }, [me]);

  // The tab and filters this person left the inbox with (a unit chosen on "my unit" overrides).
  useEffect(() => {
    if (!me || tab !== null) return;
    const remembered = deviceStorage.get<Remembered>(rememberKey(me.id));
    const restored = restoreFilters(remembered?.filters);
    setFilters(unitParam ? { ...restored, unitId: decodeURIComponent(unitParam) } : restored);
    setTab(
      unitParam ? 'all' : remembered && INBOX_TABS.includes(remembered.tab) ? remembered.tab : defaultTab(me),
    );
  }, [me, tab, unitParam]);

  useEffect(() => {
    if (me && tab) deviceStorage.set(rememberKey(me.id), { tab, filters } satisfies Remembered);
  }, [me, tab, filters]);

  const load = useCallback(
    async (more: boolean, cursor: string | null = null) => {
      if (!tab) return;
      const ticket = ++loading.current;
      setBusy(true);
      setError(null);
      try {
        const [page, fresh] = await Promise.all([
          inbox(inboxQuery(tab, filters, search, more ? cursor : null)),
          more ? Promise.resolve(null) : queueCounts().catch(() => null),
        ]);
        if (ticket !== loading.current) return;
        setNow(Date.now());
        if (fresh) setCounts(fresh);
        setList((previous) => ({
          items: more ? [...previous.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
          loaded: true,
        }));
      } catch (failure) {
        if (ticket === loading.current) setError(failure);
      } finally {
        if (ticket === loading.current) setBusy(false);
      }
    },
    [tab, filters, search],
  );

  useEffect(() => {
    if (me && tab) void load(false);
  }, [me, tab, load]);
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && me) void load(false);
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void load(false).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (list.nextCursor && !error && !busy) void load(true, list.nextCursor);
  });

  return (
    <StaffPage
      title={text.title}
      testId="staff-inbox-page"
      state={session}
      nav="inbox"
      onRestored={() => void load(false)}
    >
      {me && tab && (
        <View className="staff-inbox">
          <View className="staff-inbox__tools">
            <SearchBox
              active={search}
              onSearch={(term) => {
                setSearch(term);
              }}
            />
            <FilterPanel me={me} filters={filters} categories={categories} onApply={setFilters} />
          </View>
          <View className="staff-inbox__list">
            <Tabs tab={tab} counts={counts} onChange={setTab} />
            {can.deliver(me) && <UnreachedBadge />}
            {!can.work(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
            {error ? (
              <StaffError
                error={error}
                onRetry={() => void load(list.items.length > 0, list.nextCursor)}
                what={text.title}
              />
            ) : null}
            {!list.loaded && !error && <Loading />}
            {list.loaded && list.items.length === 0 && (
              <Text className="xf-status" data-testid="staff-inbox-empty">
                {search || activeFilterCount(filters) > 0 ? text.emptySearch : text.empty}
              </Text>
            )}
            <View role="list" aria-label={text.tabs[tab]} data-testid="staff-inbox-list" data-tab={tab}>
              {list.items.map((item) => (
                <PetitionRow key={item.id} item={item} now={now} categoryName={categoryName} />
              ))}
            </View>
            {list.nextCursor ? (
              <Button
                busy={busy}
                busyText={copy.common.loading}
                onPress={() => void load(true, list.nextCursor)}
                testId="staff-inbox-more"
              >
                {copy.common.loadMore}
              </Button>
            ) : (
              list.items.length > 0 && <Text className="xf-status">{copy.common.noMore}</Text>
            )}
          </View>
        </View>
      )}
    </StaffPage>
  );
}

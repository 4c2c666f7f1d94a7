import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { PETITION_STATES } from '@xinfang/shared/lifecycle';
import type { OrgUnit, StaffMe } from '@xinfang/shared/schemas/identity';
import type { Category, PetitionSummary } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { deviceStorage } from '@/platform/device-storage';
import { getCategories, getUnits } from '@/services/org';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, Notice } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { inbox, type QueueCounts, queueCounts } from '../services/staff-api';
import { can, defaultTab, type InboxTab } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { ChipChoice } from '../ui/ChipChoice';
import { PetitionRow } from '../ui/PetitionRow';
import { StaffError, StaffPage } from '../ui/StaffPage';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  type FilterErrors,
  INBOX_TABS,
  type InboxFilters,
  inboxQuery,
  parseSearch,
  restoreFilters,
  validateFilters,
} from './query';
import './index.scss';

const text = staffCopy.inbox;
const any = staffCopy.common.any;

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
  const [categories, setCategories] = useState<Category[]>([]);
  const loading = useRef(0);

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
  useEffect(() => {
    if (!me) return;
    getCategories()
      .then(setCategories)
      .catch(() => undefined);
  }, [me]);
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

  const categoryName = (code: string) => categories.find((c) => c.code === code)?.name ?? code;

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

function Tabs({
  tab,
  counts,
  onChange,
}: {
  tab: InboxTab;
  counts: QueueCounts | null;
  onChange: (tab: InboxTab) => void;
}) {
  return (
    <View className="staff-tabs" role="tablist" aria-label={text.tabsLabel} data-testid="staff-tabs">
      {INBOX_TABS.map((t) => {
        const n = counts?.[t];
        const name = text.tabs[t];
        return (
          <View
            key={t}
            className={`staff-tab${t === tab ? ' staff-tab--current' : ''}${t === 'overdue' && n ? ' staff-tab--alarm' : ''}`}
            data-testid={`staff-tab-${t}`}
            data-count={n ?? ''}
            aria-selected={t === tab ? 'true' : 'false'}
            {...pressable(n === undefined ? name : text.tabCount(name, n), () => onChange(t), {
              role: 'tab',
            })}
          >
            <Text>{name}</Text>
            {n !== undefined && <Text className="staff-tab__count">{n}</Text>}
          </View>
        );
      })}
    </View>
  );
}

function SearchBox({ active, onSearch }: { active: string | null; onSearch: (term: string | null) => void }) {
  const [typed, setTyped] = useState(active ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = () => {
    const parsed = parseSearch(typed);
    if (parsed === null) {
      setProblem(null);
      onSearch(null);
    } else if ('error' in parsed) setProblem(parsed.error);
    else {
      setProblem(null);
      onSearch(parsed.search);
    }
  };
  return (
    <View className="staff-search" role="search" aria-label={text.search}>
      <TextField
        label={text.search}
        value={typed}
        onChange={setTyped}
        maxLength={20}
        placeholder={text.searchPlaceholder}
        error={problem}
        testId="staff-search"
      />
      <View className="xf-row">
        <Button inline variant="primary" onPress={submit} testId="staff-search-submit">
          {text.searchSubmit}
        </Button>
        {active && (
          <Button
            inline
            onPress={() => {
              setTyped('');
              onSearch(null);
            }}
            label={`${text.searchClear}（${active}）`}
            testId="staff-search-clear"
          >
            {text.searchClear}
          </Button>
        )}
      </View>
    </View>
  );
}

function FilterPanel({
  me,
  filters,
  categories,
  onApply,
}: {
  me: StaffMe;
  filters: InboxFilters;
  categories: Category[];
  onApply: (filters: InboxFilters) => void;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<InboxFilters>(filters);
  const [errors, setErrors] = useState<FilterErrors>({});
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const set = (patch: Partial<InboxFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const n = activeFilterCount(filters);

  useEffect(() => setDraft(filters), [filters]);
  useEffect(() => {
    if (!open || units) return;
    // My subtree: the units whose path runs through mine.
    getUnits()
      .then((all) => {
        const byId = new Map(all.map((u) => [u.id, u]));
        const below = (unit: OrgUnit): boolean => {
          for (let u: OrgUnit | undefined = unit; u; u = u.parentId ? byId.get(u.parentId) : undefined)
            if (u.id === me.unit.id) return true;
          return false;
        };
        setUnits(all.filter(below));
      })
      .catch(() => setUnits([]));
  }, [open, units, me.unit.id]);

  const apply = () => {
    const problems = validateFilters(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    onApply(draft);
    setOpen(false);
  };

  return (
    <Card testId="staff-filters">
      <Button
        onPress={() => setOpen(!open)}
        expanded={open}
        label={n > 0 ? text.filtersActive(n) : text.filters}
        testId="staff-filters-toggle"
      >
        {n > 0 ? text.filtersActive(n) : text.filters}
      </Button>
      {open && (
        <View className="staff-filters" data-testid="staff-filters-panel">
          <ChipChoice
            label={text.sort}
            options={(['due', 'received', 'oldest'] as const).map((v) => ({
              value: v,
              label: text.sorts[v],
            }))}
            value={draft.sort}
            onChange={(v) => set({ sort: v as InboxFilters['sort'] })}
            testId="filter-sort"
          />
          <ChipChoice
            label={text.due}
            options={[
              { value: '', label: any },
              { value: 'soon', label: text.dueSoon },
              { value: 'overdue', label: text.dueOverdue },
            ]}
            value={draft.due}
            onChange={(v) => set({ due: v as InboxFilters['due'] })}
            testId="filter-due"
          />
          <ChipChoice
            label={text.state}
            options={[
              { value: '', label: any },
              ...PETITION_STATES.map((s) => ({ value: s, label: staffCopy.states[s] })),
            ]}
            value={draft.state}
            onChange={(v) => set({ state: v as InboxFilters['state'] })}
            testId="filter-state"
          />
          <ChipChoice
            label={text.kind}
            options={[
              { value: '', label: any },
              ...(['suggestion', 'accusation', 'request'] as const).map((k) => ({
                value: k,
                label: copy.kinds[k].formal,
              })),
            ]}
            value={draft.kind}
            onChange={(v) => set({ kind: v })}
            testId="filter-kind"
          />
          <ChipChoice
            label={text.channel}
            options={[
              { value: '', label: any },
              ...['online', 'letter', 'visit', 'call', 'fax', 'email'].map((c) => ({
                value: c,
                label: copy.channels[c] ?? c,
              })),
            ]}
            value={draft.channel}
            onChange={(v) => set({ channel: v })}
            testId="filter-channel"
          />
          <ChipChoice
            label={text.category}
            options={[
              { value: '', label: any },
              ...categories.map((c) => ({ value: c.code, label: c.name })),
            ]}
            value={draft.categoryCode}
            onChange={(v) => set({ categoryCode: v })}
            testId="filter-category"
          />
          <View className="staff-filters__unit" data-testid="filter-unit">
            <Text className="staff-chips__label" aria-hidden="true">
              {text.unit}
            </Text>
            {draft.unitId && (
              <Button inline onPress={() => set({ unitId: '' })} testId="filter-unit-all">
                {text.unitAll}
              </Button>
            )}
            {units === null ? (
              <Loading />
            ) : (
              <UnitPicker
                units={units}
                value={draft.unitId || null}
                onChange={(id) => set({ unitId: id })}
                label={text.unit}
              />
            )}
          </View>
          <View className="staff-filters__dates">
            <TextField
              label={text.receivedFrom}
              value={draft.receivedFrom}
              onChange={(v) => set({ receivedFrom: v })}
              maxLength={10}
              placeholder={text.datePlaceholder}
              error={errors.receivedFrom ?? null}
              testId="filter-from"
            />
            <TextField
              label={text.receivedTo}
              value={draft.receivedTo}
              onChange={(v) => set({ receivedTo: v })}
              maxLength={10}
              placeholder={text.datePlaceholder}
              error={errors.receivedTo ?? null}
              testId="filter-to"
            />
          </View>
          <View className="xf-row">
            <Button variant="primary" inline onPress={apply} testId="staff-filters-apply">
              {staffCopy.common.apply}
            </Button>
            <Button
              inline
              onPress={() => {
                setDraft({ ...EMPTY_FILTERS, sort: draft.sort });
                setErrors({});
                onApply({ ...EMPTY_FILTERS, sort: draft.sort });
              }}
              testId="staff-filters-clear"
            >
              {staffCopy.common.clear}
            </Button>
          </View>
        </View>
      )}
    </Card>
  );
}

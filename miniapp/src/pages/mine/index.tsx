import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { PetitionSummary } from '@xinfang/shared/schemas/petitions';
import { useCallback, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { RegistrationClaims } from '@/features/claims/RegistrationClaims';
import { PledgeLine } from '@/features/progress/PledgeLine';
import { pledgeOf } from '@/features/progress/progress';
import { formatDate } from '@/format/dates';
import { routes } from '@/routes';
import { listPetitions } from '@/services/petitions';
import { useSignedIn } from '@/session/use-session';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { ErrorRetry, Loading } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { StateChip } from '@/ui/StateChip';
import './index.scss';

const text = copy.mine;
const PAGE_SIZE = 20;

interface ListState {
  items: PetitionSummary[];
  nextCursor: string | null;
  loaded: boolean;
}

/** My petitions, newest first: state in plain words, who holds it, the next deadline as a countdown. */
export default function MyPetitions() {
  const session = useSignedIn();
  const [list, setList] = useState<ListState>({ items: [], nextCursor: null, loaded: false });
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const loading = useRef(false);
  const [now, setNow] = useState(() => Date.now());

  const load = useCallback(
    async (more: boolean) => {
      if (loading.current) return;
      loading.current = true;
      setBusy(true);
      setError(null);
      try {
        const cursor = more ? list.nextCursor : null;
        const page = await listPetitions({ cursor, limit: PAGE_SIZE });
        setNow(Date.now());
        setList((previous) => ({
          items: more ? [...previous.items, ...page.items] : page.items,
          nextCursor: page.nextCursor,
          loaded: true,
        }));
      } catch (failure) {
        setError(failure);
      } finally {
        loading.current = false;
        setBusy(false);
      }
    },
    [list.nextCursor],
  );

  useDidShow(() => {
    if (session) void load(false);
  });
  usePullDownRefresh(() => {
    void load(false).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (list.nextCursor && !error) void load(true);
  });

  if (!session)
    return (
      <Page title={text.title} nav="mine">
        <Loading />
      </Page>
    );

  return (
    <Page title={text.title} nav="mine" testId="mine-page">
      {error ? (
        <ErrorRetry error={error} onRetry={() => void load(list.items.length > 0)} what={text.title} />
      ) : null}
      <RegistrationClaims onConfirmed={() => void load(false)} />
      {!list.loaded && !error && <Loading />}
      {list.loaded && list.items.length === 0 && (
        <View className="xf-card" data-testid="mine-empty">
          <Text className="xf-text">{text.empty}</Text>
          <Button variant="primary" onPress={() => void Taro.navigateTo({ url: routes.submit })}>
            {text.submit}
          </Button>
        </View>
      )}
      <View role="list" aria-label={text.title} data-testid="mine-list">
        {list.items.map((item) => (
          <Item key={item.id} item={item} now={now} />
        ))}
      </View>
      {list.nextCursor ? (
        <Button busy={busy} busyText={copy.common.loading} onPress={() => void load(true)} testId="mine-more">
          {copy.common.loadMore}
        </Button>
      ) : (
        list.items.length > 0 && <Text className="xf-status">{copy.common.noMore}</Text>
      )}
    </Page>
  );
}

function Item({ item, now }: { item: PetitionSummary; now: number }) {
  // The one date the case page tells too: the server picks the line's clock as the page does.
  const pledge = item.nextDue ? pledgeOf([item.nextDue], now, item.noHigherUnit) : null;
  return (
    <View role="listitem" className="mine__item" data-testid="mine-item" data-number={item.number}>
      <View
        className="mine__open"
        {...pressable(null, () => void Taro.navigateTo({ url: routes.detail(item.id) }), { role: 'link' })}
      >
        <View className="mine__top">
          <StateChip state={item.state} />
          <Text className="mine__number">{item.number}</Text>
        </View>
        <Text className="mine__title">{item.title}</Text>
        <Text className="mine__meta">{`${copy.kinds[item.kind].name} · ${text.received(formatDate(item.receivedAt))}`}</Text>
        {item.holder && <Text className="mine__meta">{text.holder(item.holder.name)}</Text>}
      </View>
      {pledge && <PledgeLine pledge={pledge} now={now} />}
    </View>
  );
}

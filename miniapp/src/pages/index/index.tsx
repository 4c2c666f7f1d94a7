import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { useCallback, useEffect, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { type Channel, publishedUnits } from '@/features/channels/published';
import { drafts } from '@/features/submission/instance';
import { routes, withNext } from '@/routes';
import { getUnits } from '@/services/org';
import { useSession } from '@/session/use-session';
import { heading, pressable } from '@/ui/a11y';
import { Card } from '@/ui/Card';
import { ErrorRetry, Loading } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import './index.scss';

const text = copy.home;

/**
 * The first page: what one can do here, and the published channels — reception addresses, hours
 * and phones of the petition offices, and how to query progress (信访工作条例 Art 18).
 */
export default function Home() {
  const session = useSession();
  const [hasDraft, setHasDraft] = useState(false);
  const petitioner = session?.me.kind === 'petitioner' ? session.me : null;

  useDidShow(() => {
    setHasDraft(petitioner ? drafts.hasContent(drafts.load(petitioner.id)) : false);
  });
  useEffect(() => {
    setHasDraft(petitioner ? drafts.hasContent(drafts.load(petitioner.id)) : false);
  }, [petitioner]);

  const go = (url: string, needsSession: boolean) => () => {
    void Taro.navigateTo({ url: needsSession && !session ? withNext(routes.login, url) : url });
  };
  const name = petitioner?.realName ?? null;

  return (
    <Page title={text.title} nav="home" testId="home-page">
      <Text className="xf-text xf-text--muted home__tagline">
        {name ? `${text.greeting(name)}。${text.tagline}` : text.tagline}
      </Text>

      <View className="home__actions" role="region" aria-label={text.actions}>
        <Entry
          title={text.submit}
          desc={hasDraft ? text.draftWaiting : text.submitDesc}
          primary
          testId="home-submit"
          onPress={go(routes.submit, true)}
        />
        <Entry title={text.mine} desc={text.mineDesc} testId="home-mine" onPress={go(routes.mine, true)} />
        <Entry
          title={text.lookup}
          desc={text.lookupDesc}
          testId="home-lookup"
          onPress={go(routes.lookup, false)}
        />
        <Entry
          title={text.receptionEntry}
          desc={text.receptionEntryDesc}
          testId="home-reception"
          onPress={go(routes.reception, false)}
        />
        {!session && (
          <Entry
            title={text.login}
            desc={text.loginDesc}
            testId="home-login"
            onPress={go(routes.login, false)}
          />
        )}
      </View>

      <Card title={text.howToQuery}>
        {text.howToQuerySteps.map((step, i) => (
          <Text key={step} className="xf-text home__step">{`${i + 1}. ${step}`}</Text>
        ))}
      </Card>

      <Channels />

      <Text className="xf-text xf-text--small xf-text--muted">{text.statute}</Text>
      <View
        className="xf-button xf-button--link"
        data-testid="home-staff"
        {...pressable(
          null,
          () =>
            void Taro.navigateTo({
              url: session?.me.kind === 'staff' ? routes.staffInbox : routes.staffLogin,
            }),
          { role: 'link' },
        )}
      >
        <Text>{session?.me.kind === 'staff' ? text.staffWorkbench : text.staffEntry}</Text>
      </View>
    </Page>
  );
}

function Entry({
  title,
  desc,
  onPress,
  primary = false,
  testId,
}: {
  title: string;
  desc: string;
  onPress: () => void;
  primary?: boolean;
  testId: string;
}) {
  return (
    <View
      className={`home__entry${primary ? ' home__entry--primary' : ''}`}
      data-testid={testId}
      {...pressable(`${title}：${desc}`, onPress, { role: 'link' })}
    >
      <Text className="home__entry-title">{title}</Text>
      <Text className="home__entry-desc">{desc}</Text>
    </View>
  );
}

const CHANNEL_LABELS: Record<Channel, string> = {
  address: text.address,
  receptionHours: text.hours,
  phone: text.phone,
  letterAddress: text.letterAddress,
  email: text.email,
  fax: text.fax,
  onlineAddress: text.onlineAddress,
};

/** The offices that receive petitions, with the channels they publish, from the top of the organisation down. */
function Channels() {
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    getUnits()
      .then(setUnits)
      .catch((failure: unknown) => setError(failure));
  }, []);
  useEffect(load, [load]);

  const published = publishedUnits(units ?? []);
  return (
    <Card title={text.channels} label={text.channels} testId="home-channels">
      <Text className="xf-text xf-text--small xf-text--muted">{text.channelsIntro}</Text>
      {error ? <ErrorRetry error={error} onRetry={load} what={text.channels} /> : null}
      {!units && !error && <Loading />}
      {published.map(({ unit, channels }) => (
        <View key={unit.id} className="home__unit" data-testid="home-unit">
          <Text className="home__unit-name" {...heading(3)}>
            {unit.name}
          </Text>
          {channels.map(([channel, value]) => (
            <Line key={channel} label={CHANNEL_LABELS[channel]} value={value} />
          ))}
        </View>
      ))}
    </Card>
  );
}

function Line({ label, value }: { label: string; value: string }) {
  return (
    <View className="xf-kv">
      <Text className="xf-kv__key">{label}</Text>
      <Text className="xf-kv__value">{value}</Text>
    </View>
  );
}

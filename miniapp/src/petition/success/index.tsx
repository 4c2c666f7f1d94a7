import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { askToSubscribe, canAsk, useSubscribeSettings } from '@/features/notifications/subscribe';
import type { Receipt } from '@/features/submission/draft';
import { drafts } from '@/features/submission/instance';
import { routes } from '@/routes';
import { useSignedIn } from '@/session/use-session';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { leaveFor } from './leave';
import './index.scss';

const text = copy.success;

/**
 * The petition number and the query code, which the server shows this once: copy buttons, a plain
 * warning, and — in WeChat — the offer to be told of progress.
 */
export default function Success() {
  const session = useSignedIn();
  const me = session?.me ?? null;
  const [receipt, setReceipt] = useState<Receipt | null | undefined>(undefined);
  const [status, setStatus] = useState<string | null>(null);
  const [subscribed, setSubscribed] = useState<boolean | null>(null);
  // Loaded as the page shows: the tap must ask WeChat before anything else.
  const subscribeSettings = useSubscribeSettings();

  useEffect(() => {
    if (me) setReceipt(drafts.receipt(me.id));
  }, [me]);

  if (!me || receipt === undefined)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  if (receipt === null) {
    return (
      <Page title={text.title} testId="success-page">
        <Notice>{text.missing}</Notice>
        <Button variant="primary" onPress={() => void leaveFor(routes.mine)}>
          {copy.nav.mine}
        </Button>
      </Page>
    );
  }

  const copyText = async (value: string) => {
    try {
      await Taro.setClipboardData({ data: value });
      setStatus(copy.common.copied);
    } catch {
      setStatus(null);
    }
  };
  const leave = (tab: string, then?: string) => {
    drafts.forgetReceipt(me.id);
    void leaveFor(tab, then);
  };

  // Declined at once (Art 19 ¶3, 36 ¶3): the answer is already given, so no 15 days and no reminders.
  const declined = receipt.declined ?? null;
  return (
    <Page title={text.title} testId="success-page">
      {declined ? (
        <Notice tone="warn" testId="success-declined">
          {text.declined(declined.reason)}
        </Notice>
      ) : (
        <Text className="xf-text">{text.intro}</Text>
      )}
      {declined?.guidance && (
        <Text className="xf-text" data-testid="success-guidance">
          {declined.guidance}
        </Text>
      )}
      <Card>
        <View className="receipt__row">
          <Text className="receipt__label">{text.number}</Text>
          <Text className="receipt__value" data-testid="success-number" selectable>
            {receipt.number}
          </Text>
        </View>
        <View className="receipt__row">
          <Text className="receipt__label">{text.queryCode}</Text>
          <Text className="receipt__value receipt__value--code" data-testid="success-code" selectable>
            {receipt.queryCode}
          </Text>
        </View>
        <Button
          variant="primary"
          onPress={() => void copyText(text.clipboardText(receipt.number, receipt.queryCode))}
          testId="success-copy"
        >
          {text.copyBoth}
        </Button>
        <StatusLine text={status} testId="success-copied" />
      </Card>
      <Notice tone="warn" testId="success-warning">
        {text.warning}
      </Notice>
      <Text className="xf-text xf-text--muted">{declined ? text.declinedNext : text.next}</Text>
      {!declined && canAsk('submitted', subscribeSettings) && (
        <Button
          onPress={() =>
            void askToSubscribe('submitted', subscribeSettings).then((accepted) =>
              setSubscribed(accepted > 0),
            )
          }
          disabled={subscribed === true}
          testId="success-subscribe"
        >
          {subscribed ? text.subscribed : text.subscribe}
        </Button>
      )}
      {subscribed === false && <Notice>{text.subscribeFailed}</Notice>}
      <Button onPress={() => leave(routes.mine, routes.detail(receipt.petitionId))} testId="success-view">
        {text.view}
      </Button>
      <Button variant="link" onPress={() => leave(routes.home)} testId="success-done">
        {text.done}
      </Button>
    </Page>
  );
}

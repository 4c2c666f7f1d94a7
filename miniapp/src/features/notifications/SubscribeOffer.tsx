import { useState } from 'react';
import { messagesCopy } from '@/copy/messages';
import type { SubscribeMoment } from '@/services/notifications';
import { Button } from '@/ui/Button';
import { Notice } from '@/ui/Feedback';
import { askToSubscribe, canAsk, useSubscribeSettings } from './subscribe';

const text = messagesCopy.subscribe;

/**
 * The offer to be told by WeChat, where people expect it: on a petition's page (progress), and
 * after a reply (the deadline to ask for review). The templates are loaded as the page shows, so a
 * tap asks WeChat at once; nothing shows outside WeChat, or when there is nothing to ask for.
 */
export function SubscribeOffer({ moment }: { moment: Exclude<SubscribeMoment, 'submitted'> }) {
  const settings = useSubscribeSettings();
  const [accepted, setAccepted] = useState<number | null>(null);
  if (!canAsk(moment, settings)) return null;
  return (
    <>
      <Button
        onPress={() => void askToSubscribe(moment, settings).then(setAccepted)}
        disabled={accepted !== null && accepted > 0}
        testId={`subscribe-${moment}`}
      >
        {accepted ? text.done : moment === 'reply' ? text.reply : text.detail}
      </Button>
      {accepted === 0 && <Notice>{text.none}</Notice>}
    </>
  );
}

import { useState } from 'react';
import { messagesCopy } from '@/copy/messages';
import type { SubscribeMoment } from '@/services/notifications';
import { Button } from '@/ui/Button';
import { Notice } from '@/ui/Feedback';
import { askToSubscribe, canSubscribe } from './subscribe';

const text = messagesCopy.subscribe;

/**
 * The offer to be told by WeChat, where people expect it: on a petition's page (progress), and
 * after a reply (the deadline to ask for review). A tap asks WeChat; nothing shows outside WeChat.
 */
export function SubscribeOffer({ moment }: { moment: Exclude<SubscribeMoment, 'submitted'> }) {
  const [accepted, setAccepted] = useState<number | null>(null);
  if (!canSubscribe()) return null;
  return (
    <>
      <Button
        onPress={() => void askToSubscribe(moment).then(setAccepted)}
        disabled={accepted !== null && accepted > 0}
        testId={`subscribe-${moment}`}
      >
        {accepted ? text.done : moment === 'reply' ? text.reply : text.detail}
      </Button>
      {accepted === 0 && <Notice>{text.none}</Notice>}
    </>
  );
}

import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';

/**
 * WeChat's mini-program privacy agreement (用户隐私保护指引). When the person has not agreed yet and
 * something needs it (a photo picker, the clipboard, a file), WeChat holds that call and asks
 * `onNeedPrivacyAuthorization`, with a `resolve` to answer once the person has tapped an agree
 * button (open-type "agreePrivacyAuthorization") or declined. Every page hosts a small dialog
 * (`PrivacyDialog`, in `ui/Page`) that shows the agreement in place; answering only lets the held
 * call go on or fail. It never signs anyone in nor leaves the page: a member of staff scanning a
 * letter stays signed in as staff, and a petitioner halfway through a form stays on it.
 */
type Resolve = (answer: { event: 'agree' | 'disagree'; buttonId?: string }) => void;
type Listener = (asked: boolean) => void;

// Every call held at once (a picker and the clipboard, say): one answer lets them all go on.
const waiting = new Set<Resolve>();
const listeners = new Set<Listener>();
let installed = false;

function tell(): void {
  const asked = waiting.size > 0;
  for (const listener of [...listeners]) listener(asked);
}

function install(): void {
  if (installed || process.env.TARO_ENV !== 'weapp' || !Taro.onNeedPrivacyAuthorization) return;
  installed = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    waiting.add(resolve as Resolve);
    tell();
  });
}

export const privacyAgreement = {
  install,

  /** Resolves once the agreement is in place (at once if it already is); fails if declined. */
  require(): Promise<void> {
    install();
    if (process.env.TARO_ENV !== 'weapp' || !Taro.requirePrivacyAuthorize) return Promise.resolve();
    return new Promise((resolve, reject) => {
      Taro.requirePrivacyAuthorize({ success: () => resolve(), fail: reject });
    });
  },

  /** Whether WeChat is waiting for the person's answer now. */
  asked(): boolean {
    return waiting.size > 0;
  },

  /** Told whenever WeChat starts or stops waiting; returns a function that stops listening. */
  watch(listener: Listener): () => void {
    install();
    listeners.add(listener);
    return () => listeners.delete(listener);
  },

  /** The person's answer: `buttonId` names the agree button tapped (WeChat checks it was). */
  answer(agree: boolean, buttonId?: string): void {
    const held = [...waiting];
    waiting.clear();
    for (const resolve of held) resolve(agree ? { event: 'agree', buttonId } : { event: 'disagree' });
    tell();
  },

  /** WeChat's own page with the agreement as registered for this mini-program. */
  openContract(): void {
    Taro.openPrivacyContract?.({});
  },
};

/** Whether the agreement is being asked for, for the dialog every page hosts. */
export function usePrivacyAsked(): boolean {
  const [asked, setAsked] = useState(privacyAgreement.asked);
  useEffect(() => {
    setAsked(privacyAgreement.asked());
    return privacyAgreement.watch(setAsked);
  }, []);
  return asked;
}

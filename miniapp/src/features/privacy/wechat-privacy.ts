import Taro from '@tarojs/taro';
import { routes } from '@/routes';

/**
 * WeChat's mini-program privacy agreement (用户隐私保护指引). When the person has not agreed yet and
 * something needs it, WeChat calls `onNeedPrivacyAuthorization` with a `resolve` to answer once the
 * person has tapped our agree button (open-type "agreePrivacyAuthorization") or declined. Installed
 * once by the app; the login page listens and shows the button.
 */
type Resolve = (answer: { event: 'agree' | 'disagree'; buttonId?: string }) => void;

let waiting: Resolve | null = null;
const listeners = new Set<() => void>();
let installed = false;

function install(): void {
  if (installed || process.env.TARO_ENV !== 'weapp' || !Taro.onNeedPrivacyAuthorization) return;
  installed = true;
  Taro.onNeedPrivacyAuthorization((resolve) => {
    waiting = resolve as Resolve;
    if (listeners.size === 0) void Taro.navigateTo({ url: routes.login });
    for (const listener of [...listeners]) listener();
  });
}

export const privacyAgreement = {
  install,

  /** Resolves once the agreement is in place (at once if it already is). */
  require(): Promise<void> {
    install();
    if (process.env.TARO_ENV !== 'weapp' || !Taro.requirePrivacyAuthorize) return Promise.resolve();
    return new Promise((resolve, reject) => {
      Taro.requirePrivacyAuthorize({ success: () => resolve(), fail: reject });
    });
  },

  /** Called when WeChat asks; returns a function that stops listening. */
  onAsked(listener: () => void): () => void {
    install();
    listeners.add(listener);
    if (waiting) listener();
    return () => listeners.delete(listener);
  },

  answer(agree: boolean, buttonId?: string): void {
    const resolve = waiting;
    waiting = null;
    resolve?.(agree ? { event: 'agree', buttonId } : { event: 'disagree' });
  },
};

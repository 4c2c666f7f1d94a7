import type { PropsWithChildren } from 'react';
import { privacyAgreement } from '@/features/privacy/wechat-privacy';
import './app.scss';

// WeChat asks the app for the privacy agreement whenever a privacy API needs it.
privacyAgreement.install();

/** The app shell: Taro renders the current page as `children`. */
export default function App({ children }: PropsWithChildren) {
  return children;
}

import { useRouter } from '@tarojs/taro';
import { copy } from '@/copy/zh-CN';
import { Page } from '@/ui/Page';
import { PhoneLogin } from './phone-login';
import { WechatLogin } from './wechat-login';

/**
 * Signing in: with WeChat in the mini-program (after WeChat's privacy agreement and our notice),
 * with phone and one-time code in the browser. Afterwards the person goes on to `next`.
 */
export default function Login() {
  const next = useRouter().params.next;
  return (
    <Page title={copy.login.title} testId="login-page">
      {process.env.TARO_ENV === 'weapp' ? <WechatLogin next={next} /> : <PhoneLogin next={next} />}
    </Page>
  );
}

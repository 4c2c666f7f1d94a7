import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { privacyAgreement } from '@/features/privacy/wechat-privacy';
import { routes } from '@/routes';
import { loginWithWechat } from '@/services/auth';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ErrorRetry, Notice } from '@/ui/Feedback';
import { continueTo } from '../shared/next';

const text = copy.login;

/**
 * WeChat: our plain-language notice, then — on the tap — WeChat's own privacy agreement if the
 * person has not agreed yet (asked in place by the dialog every page hosts), then `wx.login`,
 * whose code the server exchanges for the person's openid. Nothing personal is collected before.
 * Signing in is only ever this tap: the agreement, asked anywhere else, signs no one in.
 */
export function WechatLogin({ next }: { next?: string }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  const login = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      // Declined: nothing is collected, and the page stays as it was.
      const agreed = await privacyAgreement.require().then(
        () => true,
        () => false,
      );
      if (!agreed) return;
      const { code } = await Taro.login();
      await loginWithWechat(code);
      continueTo(next);
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <View>
      <Card title={text.privacyTitle}>
        {text.privacySummary.map((line) => (
          <Text key={line} className="xf-text">{`· ${line}`}</Text>
        ))}
        <Button variant="link" onPress={() => void Taro.navigateTo({ url: routes.privacy })}>
          {text.readFull}
        </Button>
      </Card>
      {error ? <ErrorRetry error={error} testId="login-error" /> : null}
      <Button variant="primary" busy={busy} busyText={copy.common.loading} onPress={() => void login()}>
        {text.wechatLogin}
      </Button>
      <Button
        variant="link"
        onPress={() => void Taro.navigateBack().catch(() => Taro.reLaunch({ url: routes.home }))}
      >
        {text.disagree}
      </Button>
      <Notice>{text.disagreeNote}</Notice>
    </View>
  );
}

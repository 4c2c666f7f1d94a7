import { Button as TaroButton, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { privacyAgreement } from '@/features/privacy/wechat-privacy';
import { routes } from '@/routes';
import { loginWithWechat } from '@/services/auth';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ErrorRetry, Notice } from '@/ui/Feedback';
import { continueTo } from '../shared/next';

const text = copy.login;
const AGREE_BUTTON_ID = 'agree-privacy';

/**
 * WeChat: our plain-language notice, then WeChat's own privacy agreement (the button with
 * open-type "agreePrivacyAuthorization" answers `wx.onNeedPrivacyAuthorization`), then `wx.login`,
 * whose code the server exchanges for the person's openid. Nothing personal is collected before.
 */
export function WechatLogin({ next }: { next?: string }) {
  const [needsAgreement, setNeedsAgreement] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  useEffect(() => {
    const stop = privacyAgreement.onAsked(() => setNeedsAgreement(true));
    privacyAgreement
      .require()
      .then(() => setNeedsAgreement(false))
      .catch(() => setNeedsAgreement(true));
    return stop;
  }, []);

  const login = async () => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
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
      {needsAgreement ? (
        <TaroButton
          id={AGREE_BUTTON_ID}
          className="xf-button xf-button--primary"
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => {
            privacyAgreement.answer(true, AGREE_BUTTON_ID);
            setNeedsAgreement(false);
            void login();
          }}
        >
          {text.wechatLogin}
        </TaroButton>
      ) : (
        <Button variant="primary" busy={busy} busyText={copy.common.loading} onPress={() => void login()}>
          {text.wechatLogin}
        </Button>
      )}
      <Button
        variant="link"
        onPress={() => {
          privacyAgreement.answer(false);
          void Taro.navigateBack().catch(() => Taro.reLaunch({ url: routes.home }));
        }}
      >
        {text.disagree}
      </Button>
      <Notice>{text.disagreeNote}</Notice>
    </View>
  );
}

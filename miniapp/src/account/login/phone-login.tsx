import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { routes } from '@/routes';
import { loginWithOtp } from '@/services/auth';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ErrorRetry, Notice } from '@/ui/Feedback';
import { Switch } from '@/ui/Switch';
import { continueTo } from '../shared/next';
import { CODE_PATTERN, OtpFields, PHONE_PATTERN } from '../shared/otp';

const text = copy.login;

/** h5: phone number and SMS code, after agreeing to the privacy notice. */
export function PhoneLogin({ next }: { next?: string }) {
  const [value, setValue] = useState({ phone: '', code: '' });
  const [agreed, setAgreed] = useState(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  const submit = async () => {
    setTried(true);
    if (!PHONE_PATTERN.test(value.phone.trim()) || !CODE_PATTERN.test(value.code) || !agreed) return;
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await loginWithOtp(value.phone.trim(), value.code);
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
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card>
        <OtpFields value={value} onChange={setValue} showErrors={tried} />
        <Switch
          label={`${text.agree}${text.privacyLink}`}
          checked={agreed}
          onChange={setAgreed}
          testId="login-agree"
        />
        <Button
          variant="link"
          onPress={() => void Taro.navigateTo({ url: routes.privacy })}
          testId="login-privacy"
        >
          {text.readFull}
        </Button>
        {tried && !agreed && <Notice tone="warn">{text.mustAgree}</Notice>}
        {error ? <ErrorRetry error={error} testId="login-error" /> : null}
        <Button
          variant="primary"
          busy={busy}
          busyText={copy.common.loading}
          onPress={() => void submit()}
          testId="login-submit"
        >
          {text.submit}
        </Button>
      </Card>
      <Button variant="link" onPress={() => void Taro.navigateTo({ url: routes.lookup })}>
        {text.lookupInstead}
      </Button>
    </View>
  );
}

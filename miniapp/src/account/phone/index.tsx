import { Text } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { provePhone } from '@/services/auth';
import { useSignedIn } from '@/session/use-session';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ErrorRetry, Loading, Notice } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { continueTo } from '../shared/next';
import { CODE_PATTERN, OtpFields, PHONE_PATTERN } from '../shared/otp';

const text = copy.phoneProof;

/** A WeChat user proves a phone number (needed to match the employee roster, and for SMS notices). */
export default function ProvePhone() {
  const session = useSignedIn();
  const next = useRouter().params.next;
  const [value, setValue] = useState({ phone: '', code: '' });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const inFlight = useRef(false);

  const submit = async () => {
    setTried(true);
    if (!PHONE_PATTERN.test(value.phone.trim()) || !CODE_PATTERN.test(value.code) || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await provePhone(value.phone.trim(), value.code);
      setDone(true);
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (!session)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  return (
    <Page title={text.title} testId="phone-page">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card>
        {done ? (
          <>
            <Notice tone="ok">{text.done}</Notice>
            <Button variant="primary" onPress={() => continueTo(next)}>
              {copy.common.done}
            </Button>
          </>
        ) : (
          <>
            <OtpFields value={value} onChange={setValue} showErrors={tried} />
            {error ? <ErrorRetry error={error} /> : null}
            <Button
              variant="primary"
              busy={busy}
              busyText={copy.common.loading}
              onPress={() => void submit()}
            >
              {text.submit}
            </Button>
          </>
        )}
      </Card>
    </Page>
  );
}

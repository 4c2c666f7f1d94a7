import { Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { routes, withNext } from '@/routes';
import { bindEmployee } from '@/services/auth';
import { useSignedIn } from '@/session/use-session';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ErrorRetry, Loading, Notice } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { TextField } from '@/ui/TextField';
import { continueTo } from '../shared/next';

const text = copy.binding;

/**
 * A worker binds their employee number: the server checks number, name and the proven phone
 * against the roster (ROSTER_MISMATCH otherwise). WeChat users prove a phone first.
 */
export default function EmployeeBinding() {
  const session = useSignedIn();
  const next = useRouter().params.next;
  const [employeeNumber, setEmployeeNumber] = useState('');
  const [realName, setRealName] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  const me = session?.me.kind === 'petitioner' ? session.me : null;

  const submit = async () => {
    setTried(true);
    if (!employeeNumber.trim() || !realName.trim() || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await bindEmployee(employeeNumber.trim(), realName.trim());
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  if (!me)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  return (
    <Page title={text.title} testId="employee-page">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {me.worker ? (
        <Card>
          <Notice tone="ok" testId="employee-done">
            {text.done(me.realName ?? '', me.worker.unit.name)}
          </Notice>
          <Button variant="primary" onPress={() => continueTo(next)}>
            {copy.common.done}
          </Button>
        </Card>
      ) : !me.phone ? (
        <Card>
          <Notice tone="warn">{text.needPhone}</Notice>
          <Button
            variant="primary"
            onPress={() => void Taro.navigateTo({ url: withNext(routes.provePhone, routes.bindEmployee) })}
          >
            {copy.phoneProof.title}
          </Button>
        </Card>
      ) : (
        <Card>
          <TextField
            label={text.employeeNumber}
            value={employeeNumber}
            maxLength={32}
            placeholder={text.employeeNumberPlaceholder}
            required
            error={tried && !employeeNumber.trim() ? copy.validation.textRequired : null}
            onChange={setEmployeeNumber}
            testId="employee-number"
          />
          <TextField
            label={text.realName}
            value={realName}
            maxLength={32}
            placeholder={text.realNamePlaceholder}
            required
            error={tried && !realName.trim() ? copy.validation.textRequired : null}
            onChange={setRealName}
            testId="employee-name"
          />
          {error ? <ErrorRetry error={error} testId="employee-error" /> : null}
          <Button
            variant="primary"
            busy={busy}
            busyText={copy.common.loading}
            onPress={() => void submit()}
            testId="employee-submit"
          >
            {text.submit}
          </Button>
          <Button variant="link" onPress={() => continueTo(next)}>
            {text.skip}
          </Button>
        </Card>
      )}
    </Page>
  );
}

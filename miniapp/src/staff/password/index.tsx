import { Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Notice, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { staffNext } from '../routes';
import { changePassword } from '../services/staff-api';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';

const text = staffCopy.password;
const MIN_LENGTH = 8;

/**
 * Changing one's password — first of all after signing in with a temporary one, when the API opens
 * nothing else. The server ends every other session and answers with fresh tokens for this one.
 */
export default function StaffPassword() {
  const session = useStaffSession({ passwordPage: true });
  const me = session.me;
  const next = useRouter().params.next;
  const [current, setCurrent] = useState('');
  const [fresh, setFresh] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const inFlight = useRef(false);

  const problems = {
    current: !current ? staffCopy.login.required : null,
    fresh: [...fresh].length < MIN_LENGTH ? text.tooShort : fresh === current ? text.same : null,
    again: again !== fresh ? text.mismatch : null,
  };

  const submit = async () => {
    setTried(true);
    if (problems.current || problems.fresh || problems.again || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const me = await changePassword(current, fresh);
      setDone(true);
      const url = staffNext(next, me);
      void Taro.redirectTo({ url }).catch(() => Taro.reLaunch({ url }));
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <StaffPage title={text.title} testId="staff-password-page" state={session} nav="account">
      {me?.mustChangePassword ? (
        <Notice tone="warn" testId="staff-password-must">
          {text.mustChange}
        </Notice>
      ) : (
        <Text className="xf-text xf-text--muted">{text.intro}</Text>
      )}
      <Card>
        <TextField
          label={text.current}
          value={current}
          onChange={setCurrent}
          required
          password
          maxLength={256}
          error={tried ? problems.current : null}
          testId="staff-password-current"
        />
        <TextField
          label={text.next}
          value={fresh}
          onChange={setFresh}
          required
          password
          maxLength={128}
          hint={text.nextHint}
          error={tried ? problems.fresh : null}
          testId="staff-password-new"
        />
        <TextField
          label={text.confirm}
          value={again}
          onChange={setAgain}
          required
          password
          maxLength={128}
          error={tried ? problems.again : null}
          testId="staff-password-again"
        />
        {error ? <StaffError error={error} testId="staff-password-error" /> : null}
        <StatusLine text={done ? text.done : null} testId="staff-password-done" />
        <Button
          variant="primary"
          busy={busy}
          busyText={copy.common.loading}
          onPress={() => void submit()}
          testId="staff-password-submit"
        >
          {text.submit}
        </Button>
      </Card>
    </StaffPage>
  );
}

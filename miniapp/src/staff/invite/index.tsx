import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { acceptInvitation } from '@/services/auth';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Page } from '@/ui/Page';
import { TextField } from '@/ui/TextField';
import { staffNext } from '../routes';
import { isApiError } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';
import '../ui/staff.scss';

const text = staffCopy.invite;
const MIN_LENGTH = 8;

/**
 * A new member of staff accepts the invitation an administrator gave them: their username, the
 * code, and a password nobody else ever knew. They are signed in at once, to their work's home.
 */
export default function StaffInvite() {
  const [username, setUsername] = useState('');
  const [code, setCode] = useState('');
  const [fresh, setFresh] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  const problems = {
    username: username.trim() ? null : staffCopy.form.required,
    code: code.trim() ? null : staffCopy.form.required,
    fresh: [...fresh].length < MIN_LENGTH ? staffCopy.password.tooShort : null,
    again: again !== fresh ? staffCopy.password.mismatch : null,
  };

  const submit = async () => {
    setTried(true);
    if (Object.values(problems).some(Boolean) || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const me = await acceptInvitation(username.trim(), code.trim(), fresh);
      const url = staffNext(undefined, me.kind === 'staff' ? me : null);
      void Taro.redirectTo({ url }).catch(() => Taro.reLaunch({ url }));
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <Page title={text.title} testId="staff-invite-page" className="xf-staff">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card>
        <TextField
          label={staffCopy.login.username}
          value={username}
          onChange={setUsername}
          required
          maxLength={64}
          error={tried ? problems.username : null}
          testId="staff-invite-username"
        />
        <TextField
          label={text.code}
          value={code}
          onChange={setCode}
          required
          maxLength={32}
          error={tried ? problems.code : null}
          testId="staff-invite-code"
        />
        <TextField
          label={staffCopy.password.next}
          value={fresh}
          onChange={setFresh}
          required
          password
          maxLength={128}
          hint={staffCopy.password.nextHint}
          error={tried ? problems.fresh : null}
          testId="staff-invite-password"
        />
        <TextField
          label={staffCopy.password.confirm}
          value={again}
          onChange={setAgain}
          required
          password
          maxLength={128}
          error={tried ? problems.again : null}
          testId="staff-invite-again"
        />
        {error ? (
          isApiError(error, 'INVALID_CREDENTIALS') ? (
            <Text className="xf-alert" role="alert" data-testid="staff-invite-error">
              {text.invalid}
            </Text>
          ) : (
            <StaffError error={error} testId="staff-invite-error" />
          )
        ) : null}
        <Button
          variant="primary"
          busy={busy}
          busyText={copy.common.loading}
          onPress={() => void submit()}
          testId="staff-invite-submit"
        >
          {text.submit}
        </Button>
      </Card>
    </Page>
  );
}

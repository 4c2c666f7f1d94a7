import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { withNext } from '@/routes';
import { loginStaff } from '@/services/auth';
import { currentUrl } from '@/session/use-session';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { TextField } from '@/ui/TextField';
import { staffRoutes } from '../routes';
import type { StaffIdentity } from '../session/use-staff-session';
import { staffMessageOf } from './errors';

const text = staffCopy.relogin;

/**
 * Signing in again without leaving the page: a dialog over it, for the person whose session ended.
 * Once they are back, the dialog goes and the page is as they left it, forms and text included.
 */
export function ReLogin({ identity }: { identity: StaffIdentity }) {
  const [username, setUsername] = useState(identity.username);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const inFlight = useRef(false);

  const submit = async () => {
    setTried(true);
    if (!username.trim() || !password) return;
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await loginStaff(username.trim(), password);
      // The session hook sees the same person again and closes this dialog.
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <View className="staff-dialog" data-testid="relogin">
      <View
        className="staff-dialog__box"
        role="dialog"
        aria-modal="true"
        aria-labelledby="staff-relogin-title"
        aria-describedby="staff-relogin-intro"
      >
        <Text className="staff-dialog__title" id="staff-relogin-title" {...heading(2)}>
          {text.title}
        </Text>
        <Text className="xf-text" id="staff-relogin-intro">
          {text.intro}
        </Text>
        <Text className="xf-text xf-text--strong">{identity.displayName}</Text>
        <TextField
          label={staffCopy.login.username}
          value={username}
          onChange={setUsername}
          required
          maxLength={64}
          testId="relogin-username"
          error={tried && !username.trim() ? staffCopy.login.required : null}
        />
        <TextField
          label={staffCopy.login.password}
          value={password}
          onChange={setPassword}
          required
          password
          maxLength={128}
          testId="relogin-password"
          error={tried && !password ? staffCopy.login.required : null}
        />
        {error ? (
          <View className="xf-alert" role="alert" data-testid="relogin-error">
            <Text>{staffMessageOf(error)}</Text>
          </View>
        ) : null}
        <Button
          variant="primary"
          busy={busy}
          busyText={staffCopy.login.submit}
          onPress={() => void submit()}
          testId="relogin-submit"
        >
          {text.submit}
        </Button>
        <Button
          variant="link"
          onPress={() => void Taro.redirectTo({ url: withNext(staffRoutes.login, currentUrl()) })}
          testId="relogin-other"
        >
          {text.otherPerson}
        </Button>
      </View>
    </View>
  );
}

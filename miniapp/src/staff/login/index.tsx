import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { routes, withNext } from '@/routes';
import { loginStaff } from '@/services/auth';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Page } from '@/ui/Page';
import { TextField } from '@/ui/TextField';
import { staffNext, staffRoutes } from '../routes';
import { staffMessageOf } from '../ui/errors';
import '../ui/staff.scss';

const text = staffCopy.login;

/**
 * Staff sign in with the username and password their unit gave them. A temporary password (a new
 * account, a reset) leads to "change password" first; otherwise on to where they were going.
 */
export default function StaffLogin() {
  const next = useRouter().params.next;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  const submit = async () => {
    setTried(true);
    if (!username.trim() || !password) return;
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const me = await loginStaff(username.trim(), password);
      const target = staffNext(next);
      const url =
        me.kind === 'staff' && me.mustChangePassword ? withNext(staffRoutes.password, target) : target;
      void Taro.redirectTo({ url }).catch(() => Taro.reLaunch({ url }));
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <Page title={text.title} testId="staff-login-page" className="xf-staff">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card>
        <TextField
          label={text.username}
          value={username}
          onChange={setUsername}
          required
          maxLength={64}
          placeholder={text.usernamePlaceholder}
          error={tried && !username.trim() ? text.required : null}
          testId="staff-login-username"
        />
        <TextField
          label={text.password}
          value={password}
          onChange={setPassword}
          required
          password
          maxLength={256}
          error={tried && !password ? text.required : null}
          testId="staff-login-password"
        />
        {error ? (
          <View className="xf-alert" role="alert" data-testid="staff-login-error">
            <Text>{staffMessageOf(error)}</Text>
          </View>
        ) : null}
        <Button
          variant="primary"
          busy={busy}
          busyText={copy.common.loading}
          onPress={() => void submit()}
          testId="staff-login-submit"
        >
          {text.submit}
        </Button>
      </Card>
      <Button variant="link" onPress={() => void Taro.reLaunch({ url: routes.home })}>
        {text.petitionerEntry}
      </Button>
    </Page>
  );
}

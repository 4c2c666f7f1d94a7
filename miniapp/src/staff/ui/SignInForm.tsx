import { Text, View } from '@tarojs/components';
import type { Me } from '@xinfang/shared/schemas/identity';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { loginStaff } from '@/services/auth';
import { Button } from '@/ui/Button';
import { TextField } from '@/ui/TextField';
import { staffMessageOf } from './errors';

const text = staffCopy.login;

/**
 * Username and password, checked before sending, one request at a time, and the server's refusal
 * shown in place. The sign-in page and the re-login dialog both use it; `testId` names its parts.
 */
export function SignInForm({
  initialUsername = '',
  submitLabel,
  testId,
  onSignedIn,
}: {
  initialUsername?: string;
  submitLabel: string;
  testId: string;
  /** Where to go once signed in; nothing, where the session's change alone is enough. */
  onSignedIn?: (me: Me) => void;
}) {
  const [username, setUsername] = useState(initialUsername);
  const [password, setPassword] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);

  const submit = async () => {
    setTried(true);
    if (!username.trim() || !password || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const me = await loginStaff(username.trim(), password);
      onSignedIn?.(me);
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <>
      <TextField
        label={text.username}
        value={username}
        onChange={setUsername}
        required
        maxLength={64}
        placeholder={text.usernamePlaceholder}
        error={tried && !username.trim() ? text.required : null}
        testId={`${testId}-username`}
      />
      <TextField
        label={text.password}
        value={password}
        onChange={setPassword}
        required
        password
        maxLength={256}
        error={tried && !password ? text.required : null}
        testId={`${testId}-password`}
      />
      {error ? (
        <View className="xf-alert" role="alert" data-testid={`${testId}-error`}>
          <Text>{staffMessageOf(error)}</Text>
        </View>
      ) : null}
      <Button
        variant="primary"
        busy={busy}
        busyText={copy.common.loading}
        onPress={() => void submit()}
        testId={`${testId}-submit`}
      >
        {submitLabel}
      </Button>
    </>
  );
}

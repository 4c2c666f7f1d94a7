import { Text } from '@tarojs/components';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { Button } from '@/ui/Button';
import { Notice } from '@/ui/Feedback';

const text = staffCopy.signInAlert;
/** Put away for the rest of this sign-in (the API repeats it until the next one). */
let dismissedFor: string | null = null;

/**
 * Tells the person, once they sign in, that someone tried wrong passwords on their account since
 * their last sign-in (and whether that locked it): the API's `signInAlert`, read from the audit log.
 */
export function SignInAlert({ me }: { me: StaffMe }) {
  const alert = me.signInAlert;
  const key = alert ? `${me.id}:${alert.since ?? ''}:${alert.failedAttempts}` : null;
  const [hidden, setHidden] = useState(key === dismissedFor);
  if (!alert || hidden) return null;
  return (
    <Notice tone="warn" testId="staff-sign-in-alert">
      <Text className="xf-text">{text.attempts(alert.failedAttempts)}</Text>
      {alert.locked && <Text className="xf-text">{text.locked}</Text>}
      <Text className="xf-text">{text.advice}</Text>
      <Button
        inline
        onPress={() => {
          dismissedFor = key;
          setHidden(true);
        }}
        testId="staff-sign-in-alert-dismiss"
      >
        {text.dismiss}
      </Button>
    </Notice>
  );
}

import { Text, View } from '@tarojs/components';
import type { PetitionerMe } from '@xinfang/shared/schemas/identity';
import { useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { updateProfile } from '@/services/auth';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ErrorRetry, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';

const text = copy.profile;

/** The petitioner's name and address have both been given. */
export function profileComplete(me: PetitionerMe): boolean {
  return Boolean(me.realName?.trim() && me.address?.trim());
}

/**
 * Name and address, which a petition states (信访工作条例 Art 19) and which the written notice and
 * reply are addressed to. Shown open while either is missing, otherwise as one line with an edit
 * button.
 */
export function ProfileCard({ me, showErrors = false }: { me: PetitionerMe; showErrors?: boolean }) {
  const complete = profileComplete(me);
  const [open, setOpen] = useState(!complete);
  const [realName, setRealName] = useState(me.realName ?? '');
  const [address, setAddress] = useState(me.address ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const inFlight = useRef(false);

  const save = async () => {
    setTried(true);
    if (!realName.trim() || !address.trim() || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      await updateProfile({ realName: realName.trim(), address: address.trim() });
      setStatus(text.saved);
      setOpen(false);
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const errors = tried || showErrors;
  return (
    <Card title={text.title} testId="profile">
      <StatusLine text={status} testId="profile-saved" />
      {!open ? (
        <View>
          <Text className="xf-text" data-testid="profile-summary">
            {text.summary(me.realName ?? '', me.address ?? '')}
          </Text>
          <Button inline onPress={() => setOpen(true)} testId="profile-edit">
            {text.edit}
          </Button>
        </View>
      ) : (
        <View>
          <Text className="xf-text xf-text--small xf-text--muted">{text.intro}</Text>
          <TextField
            label={text.realName}
            value={realName}
            onChange={setRealName}
            maxLength={32}
            placeholder={text.realNamePlaceholder}
            required
            error={errors && !realName.trim() ? copy.validation.textRequired : null}
            testId="profile-name"
          />
          <TextField
            label={text.address}
            value={address}
            onChange={setAddress}
            maxLength={200}
            placeholder={text.addressPlaceholder}
            required
            error={errors && !address.trim() ? copy.validation.textRequired : null}
            testId="profile-address"
          />
          {error ? <ErrorRetry error={error} testId="profile-error" /> : null}
          <Button
            variant="primary"
            busy={busy}
            busyText={copy.common.loading}
            onPress={() => void save()}
            testId="profile-save"
          >
            {text.save}
          </Button>
        </View>
      )}
    </Card>
  );
}

import { Text, View } from '@tarojs/components';
import type { PetitionerMe } from '@xinfang/shared/schemas/identity';
import { useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { StatusLine } from '@/ui/Feedback';
import { ProfileFields } from './ProfileFields';
import { profileComplete, useProfileForm } from './use-profile-form';

const text = copy.profile;

/**
 * Name and address on the 我的 page: one line with an edit button, or the fields with 保存 while
 * either is missing or being changed.
 */
export function ProfileCard({ me }: { me: PetitionerMe }) {
  const form = useProfileForm(me);
  const [open, setOpen] = useState(!profileComplete(me));
  const [tried, setTried] = useState(false);
  const [status, setStatus] = useState<string | null>(null);

  const save = async () => {
    setTried(true);
    if (await form.save()) {
      setStatus(copy.common.saved);
      setOpen(false);
    }
  };

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
          <ProfileFields form={form} showErrors={tried} />
          <Button
            variant="primary"
            busy={form.saving}
            busyText={copy.common.loading}
            onPress={() => void save()}
            testId="profile-save"
          >
            {copy.common.save}
          </Button>
        </View>
      )}
    </Card>
  );
}

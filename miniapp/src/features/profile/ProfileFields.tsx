import { Text, View } from '@tarojs/components';
import { copy } from '@/copy/zh-CN';
import { ErrorRetry } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import type { ProfileForm } from './use-profile-form';

const text = copy.profile;

/** Where a failed save is said under the fields: the submission form scrolls it into view. */
export const PROFILE_ERROR_CLASS = 'profile__error';

/**
 * The name and address fields, which a petition states (信访工作条例 Art 19) and which the
 * written notice and reply are addressed to; a missing one is marked once the person tried to go on.
 */
export function ProfileFields({ form, showErrors }: { form: ProfileForm; showErrors: boolean }) {
  return (
    <View>
      <Text className="xf-text xf-text--small xf-text--muted">{text.intro}</Text>
      <TextField
        label={text.realName}
        value={form.realName}
        onChange={form.setRealName}
        maxLength={32}
        placeholder={text.realNamePlaceholder}
        required
        error={showErrors && !form.realName.trim() ? copy.validation.nameRequired : null}
        testId="profile-name"
      />
      <TextField
        label={text.address}
        value={form.address}
        onChange={form.setAddress}
        maxLength={200}
        placeholder={text.addressPlaceholder}
        required
        error={showErrors && !form.address.trim() ? copy.validation.addressRequired : null}
        testId="profile-address"
      />
      {form.error ? (
        <View className={PROFILE_ERROR_CLASS}>
          <ErrorRetry error={form.error} testId="profile-error" />
        </View>
      ) : null}
    </View>
  );
}

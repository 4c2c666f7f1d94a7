import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { staffCopy } from '@/copy/staff';
import { withNext } from '@/routes';
import { currentUrl } from '@/session/use-session';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { useDialogFocus, useUniqueId } from '@/ui/focus';
import { staffRoutes } from '../routes';
import type { StaffIdentity } from '../session/use-staff-session';
import { SignInForm } from './SignInForm';

const text = staffCopy.relogin;

/**
 * Signing in again without leaving the page: a dialog over it, for the person whose session ended.
 * Once they are back, the dialog goes and the page is as they left it, forms and text included.
 * The password takes focus and Tab stays in the dialog; Esc does nothing, as the page behind cannot
 * be used until someone signs in.
 */
export function ReLogin({ identity }: { identity: StaffIdentity }) {
  const id = useUniqueId('staff-relogin');
  useDialogFocus(id, '[data-testid="relogin-password"]');
  return (
    <View className="staff-dialog" data-testid="relogin">
      <View
        id={id}
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
        {/* Once signed in, the session hook sees the same person again and closes this dialog. */}
        <SignInForm initialUsername={identity.username} submitLabel={text.submit} testId="relogin" />
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

import { Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { Me } from '@xinfang/shared/schemas/identity';
import { staffCopy } from '@/copy/staff';
import { routes, withNext } from '@/routes';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Page } from '@/ui/Page';
import { staffNext, staffRoutes } from '../routes';
import { SignInForm } from '../ui/SignInForm';
import '../ui/staff.scss';

const text = staffCopy.login;

/**
 * Staff sign in with the username and password their unit gave them. A temporary password (a new
 * account, a reset) leads to "change password" first; otherwise on to where they were going.
 */
export default function StaffLogin() {
  const next = useRouter().params.next;
  const onSignedIn = (me: Me) => {
    const target = staffNext(next, me.kind === 'staff' ? me : null);
    const url =
      me.kind === 'staff' && me.mustChangePassword ? withNext(staffRoutes.password, target) : target;
    void Taro.redirectTo({ url }).catch(() => Taro.reLaunch({ url }));
  };

  return (
    <Page title={text.title} testId="staff-login-page" className="xf-staff">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card>
        <SignInForm submitLabel={text.submit} testId="staff-login" onSignedIn={onSignedIn} />
      </Card>
      <Button
        variant="link"
        onPress={() => void Taro.navigateTo({ url: staffRoutes.invite })}
        testId="staff-login-invitation"
      >
        {text.invitation}
      </Button>
      <Button variant="link" onPress={() => void Taro.reLaunch({ url: routes.home })}>
        {text.petitionerEntry}
      </Button>
    </Page>
  );
}

import { Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { staffCopy } from '@/copy/staff';
import { routes } from '@/routes';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { staffRoutes } from '../routes';
import { signOutStaff, useStaffSession } from '../session/use-staff-session';
import { StaffPage } from '../ui/StaffPage';

const text = staffCopy.account;

/** Who is signed in, their unit and roles; change the password; sign out (drafts go too). */
export default function StaffAccount() {
  const session = useStaffSession();
  const me = session.me;
  return (
    <StaffPage title={text.title} testId="staff-account-page" state={session} nav="account">
      {me && (
        <Card>
          <Text className="xf-text xf-text--strong" data-testid="staff-account-name">
            {me.displayName}
          </Text>
          <KeyValue label={text.username}>{me.username}</KeyValue>
          <KeyValue label={text.unit}>{me.unit.name}</KeyValue>
          <KeyValue label={text.roles}>{me.roles.map((r) => staffCopy.roles[r] ?? r).join('、')}</KeyValue>
          <Button
            onPress={() => void Taro.navigateTo({ url: staffRoutes.password })}
            testId="staff-change-password"
          >
            {staffCopy.common.changePassword}
          </Button>
          <Button variant="danger" onPress={() => void signOutStaff()} testId="staff-sign-out">
            {staffCopy.common.signOut}
          </Button>
        </Card>
      )}
      <Button variant="link" onPress={() => void Taro.reLaunch({ url: routes.home })}>
        {staffCopy.login.petitionerEntry}
      </Button>
    </StaffPage>
  );
}

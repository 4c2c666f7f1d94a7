import { Text, View } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { messagesCopy } from '@/copy/messages';
import { copy } from '@/copy/zh-CN';
import { UnreadBadge } from '@/features/notifications/UnreadBadge';
import { useUnread } from '@/features/notifications/unread';
import { signOutPetitioner } from '@/features/petition/sign-out';
import { ProfileCard } from '@/features/profile/ProfileCard';
import { useLargeText } from '@/reach/use-large-text';
import { messageRoutes, routes } from '@/routes';
import { refreshMe } from '@/services/auth';
import { useSession } from '@/session/use-session';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { Page } from '@/ui/Page';
import { Switch } from '@/ui/Switch';

const text = copy.me;

/** The person's account: phone and worker status, the large-text setting, notices, sign-out. */
export default function Me() {
  const session = useSession();
  const [large, toggleLarge] = useLargeText();
  const me = session?.me;
  const unread = useUnread();
  const go = (url: string) => () => void Taro.navigateTo({ url });

  useDidShow(() => {
    if (session) void refreshMe().catch(() => undefined);
  });

  return (
    <Page title={text.title} nav="me" testId="me-page">
      {me?.kind === 'petitioner' && <ProfileCard me={me} />}
      {me?.kind === 'petitioner' ? (
        <Card>
          <KeyValue label={text.phone} testId="me-phone">
            {me.phone ?? text.phoneMissing}
          </KeyValue>
          <KeyValue label={text.worker} testId="me-worker">
            {me.worker ? `${me.worker.employeeNumber} · ${me.worker.unit.name}` : text.workerMissing}
          </KeyValue>
          {!me.phone && (
            <Button onPress={go(routes.provePhone)} testId="me-prove-phone">
              {text.provePhone}
            </Button>
          )}
          {!me.worker && (
            <Button onPress={go(routes.bindEmployee)} testId="me-bind-employee">
              {text.bindEmployee}
            </Button>
          )}
        </Card>
      ) : me?.kind === 'staff' ? (
        <Card>
          <Text className="xf-text xf-text--strong">{me.displayName}</Text>
          <Text className="xf-text xf-text--muted">{me.unit.name}</Text>
        </Card>
      ) : (
        <Card>
          <Text className="xf-text">{text.notSignedIn}</Text>
          <Button variant="primary" onPress={go(routes.login)} testId="me-login">
            {copy.login.submit}
          </Button>
        </Card>
      )}

      {session && (
        <Card>
          <View className="xf-row">
            <Button
              variant="link"
              onPress={go(messageRoutes.list)}
              label={
                unread > 0 ? `${messagesCopy.list.title}，${messagesCopy.badge.label(unread)}` : undefined
              }
              testId="me-messages"
            >
              {messagesCopy.list.title}
            </Button>
            <UnreadBadge count={unread} testId="me-unread" />
          </View>
          <Button variant="link" onPress={go(messageRoutes.settings)} testId="me-notification-settings">
            {messagesCopy.settings.title}
          </Button>
        </Card>
      )}

      <Card>
        <Switch label={text.textSize} checked={large} onChange={toggleLarge} testId="me-text-size" />
        <Text className="xf-text xf-text--small xf-text--muted">{text.textSizeDesc}</Text>
      </Card>

      <Card>
        <Button variant="link" onPress={go(routes.privacy)} testId="me-privacy">
          {text.privacy}
        </Button>
        <Button variant="link" onPress={go(routes.health)} testId="me-health">
          {text.status}
        </Button>
      </Card>

      {session && (
        <Button
          variant="danger"
          onPress={() => void signOutPetitioner().then(() => Taro.reLaunch({ url: routes.home }))}
          testId="me-logout"
        >
          {text.logout}
        </Button>
      )}
    </Page>
  );
}

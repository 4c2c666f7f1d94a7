import { Button as TaroButton, Text, View } from '@tarojs/components';
import { copy } from '@/copy/zh-CN';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { privacyAgreement, usePrivacyAsked } from './wechat-privacy';

const text = copy.privacyPrompt;
// WeChat checks that the button named in the answer was the one tapped.
const AGREE_BUTTON_ID = 'privacy-agree';

/**
 * WeChat's privacy agreement asked for in place, over the page the person is on, when something
 * they tapped needs it: agreeing lets that go on, declining lets it fail; they stay where they
 * are, signed in as whoever they were. Shown only in WeChat (nothing asks elsewhere).
 */
export function PrivacyDialog() {
  const asked = usePrivacyAsked();
  if (!asked) return null;
  const decline = () => privacyAgreement.answer(false);
  return (
    <View className="xf-dialog" data-testid="privacy-dialog">
      <View className="xf-dialog__scrim" onClick={decline} aria-hidden="true" />
      <View className="xf-dialog__box" role="alertdialog" aria-modal="true" aria-label={text.title}>
        <Text className="xf-dialog__title" {...heading(2)}>
          {text.title}
        </Text>
        <Text className="xf-text">{text.body}</Text>
        <Button variant="link" onPress={() => privacyAgreement.openContract()}>
          {text.read}
        </Button>
        <TaroButton
          id={AGREE_BUTTON_ID}
          className="xf-button xf-button--primary"
          openType="agreePrivacyAuthorization"
          onAgreePrivacyAuthorization={() => privacyAgreement.answer(true, AGREE_BUTTON_ID)}
        >
          {text.agree}
        </TaroButton>
        <Button onPress={decline} testId="privacy-disagree">
          {text.disagree}
        </Button>
        <Text className="xf-text xf-text--small xf-text--muted">{text.disagreeNote}</Text>
      </View>
    </View>
  );
}

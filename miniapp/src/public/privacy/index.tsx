import { Text, View } from '@tarojs/components';
import { copy } from '@/copy/zh-CN';
import { heading } from '@/ui/a11y';
import { Card } from '@/ui/Card';
import { Page } from '@/ui/Page';

const text = copy.privacy;

/** Our own privacy notice, in plain language (shown before sign-in, and from "我的"). */
export default function Privacy() {
  return (
    <Page title={text.title} testId="privacy-page">
      <Text className="xf-text xf-text--muted">{text.updated}</Text>
      <Card>
        {text.sections.map((section) => (
          <View key={section.heading} className="privacy__section">
            <Text className="xf-card__heading" {...heading(2)}>
              {section.heading}
            </Text>
            <Text className="xf-text">{section.body}</Text>
          </View>
        ))}
      </Card>
    </Page>
  );
}

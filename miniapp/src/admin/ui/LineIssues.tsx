import { Text, View } from '@tarojs/components';
import type { LineIssue } from '@xinfang/shared/schemas/admin';

/** The problems of an uploaded file, line by line, in Chinese (each message names its line): what to fix first. */
export function LineIssues({
  title,
  issues,
  testId,
}: {
  title: string;
  issues: readonly LineIssue[];
  testId: string;
}) {
  return (
    <View className="xf-alert" role="alert" data-testid={testId}>
      <Text className="xf-text xf-text--strong">{title}</Text>
      <View role="list">
        {issues.map((issue) => (
          <Text key={`${issue.line}:${issue.message}`} role="listitem" className="xf-text">
            {issue.message}
          </Text>
        ))}
      </View>
    </View>
  );
}

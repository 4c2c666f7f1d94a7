import { Text, View } from '@tarojs/components';
import type { LineIssue } from '@xinfang/shared/schemas/admin';
import { adminCopy } from '@/copy/admin';

/** The problems of an uploaded file, line by line, in Chinese: what to fix before it can be used. */
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
            {`${adminCopy.common.lineIssue(issue.line)}：${issue.message}`}
          </Text>
        ))}
      </View>
    </View>
  );
}

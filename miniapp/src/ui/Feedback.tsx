import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { copy } from '@/copy/zh-CN';
import { ApiError } from '@/services/api';
import { Button } from './Button';
import { messageOf } from './message-of';

/** What went wrong, in words, with a way to try again (timeouts and lost signal are common). */
export function ErrorRetry({
  error,
  onRetry,
  what,
  message,
  testId = 'error',
}: {
  error: unknown;
  /** Overrides the message the error's code would give. */
  message?: string;
  onRetry?: () => void;
  /** What is retried, for the button's accessible name. */
  what?: string;
  testId?: string;
}) {
  const shown = message ?? messageOf(error);
  const code = error instanceof ApiError ? error.code : 'UNKNOWN';
  return (
    <View className="xf-alert" role="alert" data-testid={testId} data-code={code}>
      <Text className="xf-text">{shown}</Text>
      {onRetry && (
        <Button
          inline
          variant="danger"
          onPress={onRetry}
          label={what ? copy.errorRetry.retryLabel(what) : copy.common.retry}
          testId={`${testId}-retry`}
        >
          {copy.common.retry}
        </Button>
      )}
    </View>
  );
}

export function Loading({ text = copy.common.loading }: { text?: string }) {
  return (
    <View className="xf-status" role="status" aria-live="polite" data-testid="loading">
      {text}
    </View>
  );
}

export function Notice({
  children,
  tone = 'info',
  testId,
}: {
  children: ReactNode;
  tone?: 'info' | 'warn' | 'ok';
  testId?: string;
}) {
  return (
    <View
      className={`xf-notice${tone === 'info' ? '' : ` xf-notice--${tone}`}`}
      role="note"
      data-testid={testId}
    >
      {children}
    </View>
  );
}

/** A polite live region for confirmations ("已保存", "已复制"). */
export function StatusLine({ text, testId }: { text: string | null; testId?: string }) {
  return (
    <View
      className="xf-notice xf-notice--ok"
      role="status"
      aria-live="polite"
      data-testid={testId}
      style={text ? undefined : { display: 'none' }}
    >
      {text ?? ''}
    </View>
  );
}

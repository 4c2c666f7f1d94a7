import { Text, View } from '@tarojs/components';
import type { Health } from '@xinfang/shared/schemas/health';
import { useCallback, useEffect, useRef, useState } from 'react';
import { copy, errorMessage } from '@/copy/zh-CN';
import { ApiError, getHealth } from '@/services/api';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Page } from '@/ui/Page';
import './index.scss';

type HealthState =
  | { kind: 'loading' }
  | { kind: 'loaded'; health: Health }
  | { kind: 'failed'; error: ApiError };

const text = copy.health;

/**
 * Is the service up? (Linked from "我的".) In words for the public: whether one can submit and
 * look up now — not which database runs behind it (that stays in `/api/health` for operators).
 */
export default function HealthPage() {
  const [state, setState] = useState<HealthState>({ kind: 'loading' });
  const latest = useRef(0);

  const check = useCallback(async () => {
    const attempt = ++latest.current;
    setState({ kind: 'loading' });
    try {
      const health = await getHealth();
      if (attempt === latest.current) setState({ kind: 'loaded', health });
    } catch (failure) {
      const error = failure instanceof ApiError ? failure : new ApiError('NETWORK_ERROR', String(failure));
      if (attempt === latest.current) setState({ kind: 'failed', error });
    }
  }, []);

  useEffect(() => {
    void check();
  }, [check]);

  const failed = state.kind === 'failed';

  return (
    <Page title={`${text.heading}${text.title}`}>
      <Text className="xf-text xf-text--muted">{text.tagline}</Text>
      <Card title={text.title} label={text.title}>
        <HealthStatus state={state} />
        {failed && (
          <View
            className="health__error"
            role="alert"
            data-testid="health-error"
            data-code={state.error.code}
          >
            {`${text.failed}：${errorMessage(state.error.code)}`}
          </View>
        )}
        <Button
          variant="primary"
          busy={state.kind === 'loading'}
          busyText={text.checking}
          label={failed ? text.retryLabel : text.refreshLabel}
          testId="health-refresh"
          onPress={() => void check()}
        >
          {failed ? copy.common.retry : text.refresh}
        </Button>
      </Card>
    </Page>
  );
}

function HealthStatus({ state }: { state: HealthState }) {
  const status =
    state.kind === 'loaded' ? state.health.status : state.kind === 'loading' ? 'loading' : 'error';
  const label =
    state.kind === 'loaded'
      ? state.health.db.reachable && !state.health.db.writable
        ? text.readOnly
        : text.status[state.health.status]
      : state.kind === 'loading'
        ? text.checking
        : text.unknown;
  return (
    <View
      className={`health__status health__status--${status}`}
      role="status"
      aria-live="polite"
      data-testid="health-status"
      data-status={status}
    >
      {label}
    </View>
  );
}

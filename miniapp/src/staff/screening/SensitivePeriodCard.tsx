import { Text, View } from '@tarojs/components';
import type { SensitivePeriodList } from '@xinfang/shared/schemas/screening';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { newIdempotencyKey } from '@/platform/ids';
import { declareSensitivePeriod } from '@/services/screening';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { TextField } from '@/ui/TextField';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.screening;

/**
 * The sensitive periods the office declared (敏感时期: every unit reports daily through them), and
 * for those who may, a form to declare one.
 */
export function SensitivePeriodCard({
  periods,
  canDeclare,
  onDeclared,
}: {
  periods: SensitivePeriodList['items'];
  canDeclare: boolean;
  onDeclared: () => Promise<void>;
}) {
  const [form, setForm] = useState({ name: '', from: '', to: '' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // One key per filled form: a retried declaration is declared once.
  const key = useRef(newIdempotencyKey());
  const set = (name: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [name]: value }));
  const declare = async () => {
    setBusy(true);
    setError(null);
    try {
      await declareSensitivePeriod(
        { name: form.name.trim(), from: form.from.trim(), to: form.to.trim() },
        key.current,
      );
      key.current = newIdempotencyKey();
      setForm({ name: '', from: '', to: '' });
      await onDeclared();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={text.sensitiveTitle} testId="screening-sensitive-periods" label={text.sensitiveTitle}>
      {periods.length === 0 && <Text className="xf-text xf-text--muted">{text.sensitiveNone}</Text>}
      <View role="list">
        {periods.map((p) => (
          <Text key={p.id} role="listitem" className="xf-text" data-testid="screening-sensitive-period">
            {`${p.name}：${formatDateString(p.from)}至${formatDateString(p.to)}`}
          </Text>
        ))}
      </View>
      {canDeclare && (
        <View data-testid="screening-sensitive-form">
          <TextField
            label={text.sensitiveName}
            value={form.name}
            onChange={set('name')}
            maxLength={64}
            required
          />
          <TextField label={text.sensitiveFrom} value={form.from} onChange={set('from')} required />
          <TextField label={text.sensitiveTo} value={form.to} onChange={set('to')} required />
          <Button
            variant="primary"
            busy={busy}
            testId="screening-sensitive-declare"
            onPress={() => void declare()}
          >
            {text.sensitiveDeclare}
          </Button>
        </View>
      )}
      {error ? (
        <StaffError
          error={error}
          onRetry={retryOf(error, () => void declare())}
          what={text.sensitiveDeclare}
        />
      ) : null}
    </Card>
  );
}

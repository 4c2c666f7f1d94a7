import { Text, View } from '@tarojs/components';
import type { SensitivePeriodList } from '@xinfang/shared/schemas/screening';
import { useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { newIdempotencyKey } from '@/platform/ids';
import { getUnits } from '@/services/org';
import { declareSensitivePeriod } from '@/services/screening';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { beijingDateIn } from '../forms/dates';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';
import { isTopUnit, periodRows } from './sensitive-periods';
import { WithdrawPeriod } from './WithdrawPeriod';

const text = staffCopy.screening;

/**
 * The sensitive periods the office declared (敏感时期: every unit reports daily through them), and
 * for a supervisor of the group itself, a form to declare one and 撤回 on each not yet over.
 * `canDeclare`: the caller's capability; `unitId`: the caller's unit, which must be the top.
 */
export function SensitivePeriodCard({
  periods,
  canDeclare,
  unitId,
  onChanged,
}: {
  periods: SensitivePeriodList['items'];
  canDeclare: boolean;
  unitId: string;
  onChanged: () => Promise<void>;
}) {
  const [atTop, setAtTop] = useState(false);
  const [unitsFailure, setUnitsFailure] = useState<unknown>(null);
  // Withdrawals made here, by period id, until the list is read again (see periodRows).
  const [withdrawn, setWithdrawn] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<string | null>(null);
  useEffect(() => {
    if (!canDeclare) return;
    getUnits()
      .then((units) => setAtTop(isTopUnit(units, unitId)))
      .catch(setUnitsFailure);
  }, [canDeclare, unitId]);
  const mayDeclare = canDeclare && atTop;
  const rows = periodRows(periods, withdrawn, beijingDateIn(Date.now(), 0));
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
      await onChanged();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={text.sensitiveTitle} testId="screening-sensitive-periods" label={text.sensitiveTitle}>
      {periods.length === 0 && <Text className="xf-text xf-text--muted">{text.sensitiveNone}</Text>}
      <StatusLine text={status} testId="screening-sensitive-status" />
      <View role="list">
        {rows.map(({ period: p, withdrawal, withdrawable }) => (
          <View
            key={p.id}
            role="listitem"
            className="staff-row"
            data-testid="screening-sensitive-period"
            data-status={withdrawal === null ? 'declared' : 'withdrawn'}
          >
            <Text className="xf-text">{`${p.name}：${formatDateString(p.from)}至${formatDateString(p.to)}`}</Text>
            {withdrawal !== null && (
              <Text className="staff-row__meta" data-testid="screening-sensitive-withdrawn">
                {text.sensitiveWithdrawn(withdrawal)}
              </Text>
            )}
            {mayDeclare && withdrawable && (
              <WithdrawPeriod
                period={p}
                onWithdrawn={async (reason) => {
                  setWithdrawn((w) => ({ ...w, [p.id]: reason }));
                  setStatus(text.sensitiveWithdrawnDone);
                  await onChanged();
                }}
              />
            )}
          </View>
        ))}
      </View>
      {unitsFailure ? <StaffError error={unitsFailure} what={text.sensitiveTitle} /> : null}
      {mayDeclare && (
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

import { Text, View } from '@tarojs/components';
import type { PendingRegistration } from '@xinfang/shared/schemas/petitions';
import { useEffect, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { formatDate } from '@/format/dates';
import { ApiError } from '@/services/api';
import { claimRegistration, pendingRegistrations } from '@/services/petitions';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ErrorRetry, StatusLine } from '@/ui/Feedback';
import { messageOf } from '@/ui/message-of';
import { TextField } from '@/ui/TextField';

const text = copy.claims;

/**
 * The petitions a reception desk registered for the phone this person signed in with: each is
 * theirs only once they say so (the API keeps it off their list until then). Shows what a receipt
 * shows — the number, where and when — so it can be compared with the slip from the desk, and
 * asks for the query code printed on it: a phone the clerk mistyped belongs to someone without
 * that slip, who must not get the case. `onConfirmed` reloads the list the petition has joined.
 */
export function RegistrationClaims({ onConfirmed }: { onConfirmed: () => void }) {
  const [items, setItems] = useState<PendingRegistration[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [codes, setCodes] = useState<Record<string, string>>({});
  const [codeErrors, setCodeErrors] = useState<Record<string, string | null>>({});

  const load = () => {
    setError(null);
    pendingRegistrations().then(setItems, setError);
  };
  useEffect(load, []);

  const codeError = (petitionId: string, message: string | null) =>
    setCodeErrors((all) => ({ ...all, [petitionId]: message }));

  const answer = async (item: PendingRegistration, mine: boolean) => {
    const code = (codes[item.petitionId] ?? '').trim();
    if (mine && !code) return codeError(item.petitionId, text.codeRequired);
    codeError(item.petitionId, null);
    setBusy(item.petitionId);
    setError(null);
    try {
      setItems(
        await claimRegistration(item.petitionId, mine ? { mine: true, queryCode: code } : { mine: false }),
      );
      setStatus(mine ? text.confirmed : text.declined);
      if (mine) onConfirmed();
    } catch (failure) {
      // A wrong code, or too many of them, is said under the field; the list stays.
      if (failure instanceof ApiError && failure.code === 'VALIDATION_FAILED')
        codeError(item.petitionId, text.codeWrong);
      else if (failure instanceof ApiError && failure.code === 'RATE_LIMITED')
        codeError(item.petitionId, messageOf(failure));
      else setError(failure);
    } finally {
      setBusy(null);
    }
  };

  if (error) return <ErrorRetry error={error} onRetry={load} what={text.title} />;
  if (items.length === 0) return <StatusLine text={status} testId="claims-status" />;
  return (
    <Card title={text.title} label={text.title} testId="claims">
      <Text className="xf-text">{text.intro}</Text>
      <View role="list">
        {items.map((item) => (
          <View key={item.petitionId} role="listitem" className="mine__item" data-testid="claim">
            <Text className="xf-text xf-text--strong">
              {text.item(item.number, item.receivingUnit.name, formatDate(item.receivedAt))}
            </Text>
            {item.registeredName && <Text className="xf-text">{text.name(item.registeredName)}</Text>}
            <TextField
              label={text.code}
              value={codes[item.petitionId] ?? ''}
              onChange={(value) => setCodes((all) => ({ ...all, [item.petitionId]: value }))}
              maxLength={20}
              hint={text.codeHint}
              required
              error={codeErrors[item.petitionId] ?? null}
              testId="claim-code"
            />
            <Button
              variant="primary"
              busy={busy === item.petitionId}
              onPress={() => void answer(item, true)}
              label={text.mineLabel(item.number)}
              testId="claim-mine"
            >
              {text.mine}
            </Button>
            <Button
              busy={busy === item.petitionId}
              onPress={() => void answer(item, false)}
              label={text.notMineLabel(item.number)}
              testId="claim-not-mine"
            >
              {text.notMine}
            </Button>
          </View>
        ))}
      </View>
      <StatusLine text={status} testId="claims-status" />
    </Card>
  );
}

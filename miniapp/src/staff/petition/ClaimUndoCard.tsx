import { Text } from '@tarojs/components';
import type { ClaimState, ClaimUndone } from '@xinfang/shared/schemas/claims';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { claimView } from '@/features/claims/claim-state';
import { claimState, undoClaim } from '@/features/claims/claim-undo';
import { formatDateTime } from '@/format/dates';
import { ApiError } from '@/services/api';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { Notice, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.claimUndo;

/**
 * 认领有误: a desk registration confirmed by someone who is not the petitioner (a relative's or a
 * shared phone, a receipt in the wrong hands). The desk that registered it, or a head above it,
 * gives it back to the desk's record with a reason; the new query code is shown once, for the real
 * petitioner's new receipt. Shown only once somebody confirmed the registration.
 */
export function ClaimUndoCard({ detail, onUndone }: { detail: PetitionDetail; onUndone: () => void }) {
  const [state, setState] = useState<ClaimState | null>(null);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [undone, setUndone] = useState<ClaimUndone | null>(null);
  const inFlight = useRef(false);

  const refresh = useCallback(() => {
    claimState(detail.id).then(setState, () => setState(null));
  }, [detail.id]);
  useEffect(refresh, [refresh]);

  const submit = async () => {
    if (!state || inFlight.current) return;
    if (!reason.trim()) {
      setProblem(text.reasonRequired);
      return;
    }
    inFlight.current = true;
    setBusy(true);
    setProblem(null);
    setError(null);
    try {
      setUndone(await undoClaim(detail.id, state.version, reason));
      setReason('');
      refresh();
      onUndone();
    } catch (failure) {
      // Someone acted first, or it is no longer confirmed: show the case as it is now.
      if (failure instanceof ApiError && ['VERSION_CONFLICT', 'NOT_FOUND'].includes(failure.code)) {
        setProblem(text.changed);
        refresh();
        onUndone();
      } else if (failure instanceof ApiError && failure.code === 'VALIDATION_FAILED') {
        setProblem(text.reasonRequired);
      } else setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const view = claimView(state);
  if (view === 'hidden' && !undone) return null;
  return (
    <Card title={text.title} testId="staff-claim" label={text.title}>
      {view === 'undone' && state?.at && (
        <Text className="xf-text">{text.undone(formatDateTime(state.at))}</Text>
      )}
      {(view === 'undo' || view === 'confirmed') && state?.at && (
        <Text className="xf-text">{text.confirmed(formatDateTime(state.at))}</Text>
      )}
      {undone && (
        <Notice tone="ok" testId="staff-claim-undone">
          {text.done}
        </Notice>
      )}
      {undone && (
        <KeyValue label={text.newCode} testId="staff-claim-code">
          {undone.queryCode}
        </KeyValue>
      )}
      {undone && <Text className="xf-text xf-text--small xf-text--muted">{text.newCodeHint}</Text>}
      {view === 'undo' && (
        <>
          <Text className="xf-text xf-text--small xf-text--muted">{text.intro}</Text>
          <TextField
            label={text.reason}
            value={reason}
            onChange={setReason}
            maxLength={200}
            multiline
            required
            placeholder={text.reasonPlaceholder}
            error={problem}
            testId="staff-claim-reason"
          />
          {error ? <StaffError error={error} testId="staff-claim-error" /> : null}
          <Button
            variant="danger"
            busy={busy}
            onPress={() => void submit()}
            label={text.submitLabel(detail.number)}
            testId="staff-claim-undo"
          >
            {text.submit}
          </Button>
        </>
      )}
      {view !== 'undo' && problem && <StatusLine text={problem} testId="staff-claim-status" />}
    </Card>
  );
}

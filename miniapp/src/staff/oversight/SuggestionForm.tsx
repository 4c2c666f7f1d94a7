import { Text, View } from '@tarojs/components';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import type { Suggestion } from '@xinfang/shared/schemas/suggestions';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { newIdempotencyKey } from '@/platform/ids';
import { issueSuggestion } from '@/services/oversight';
import { Button } from '@/ui/Button';
import { StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { beijingDateIn } from '../forms/dates';
import { inbox } from '../services/staff-api';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';
import { isClean, type SuggestionFields, suggestionProblems, toSuggestionBody } from './oversight-forms';
import { SubtreeUnitField } from './SubtreeUnitField';

const text = staffCopy.oversight;
const blank = (): SuggestionFields => ({ number: '', unitId: null, suggestion: '', dueDate: '' });

/** The case a number names, among those the person may see; null when there is none. */
async function caseByNumber(number: string): Promise<string | null> {
  const found = await inbox({ search: number.trim() });
  return found.items.find((p) => p.number === number.trim())?.id ?? null;
}

/**
 * Issuing a suggestion to improve work (改进建议, Art 40) to a unit of one's subtree: what to
 * improve and the date its written answer is due. From a case (`petitionId`), or from the
 * oversight page, where the case is named by its number. One key per filled form: a retried
 * suggestion is issued once.
 */
export function SuggestionForm({
  me,
  petitionId,
  onIssued,
}: {
  me: StaffMe;
  petitionId?: string;
  onIssued?: (suggestion: Suggestion) => void;
}) {
  const [fields, setFields] = useState(blank);
  const [key, setKey] = useState(newIdempotencyKey);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [missing, setMissing] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const fromCase = petitionId !== undefined;
  const problems = suggestionProblems(fields, beijingDateIn(Date.now(), 0), fromCase);
  const shown = tried ? problems : {};
  const set = (patch: Partial<SuggestionFields>) => setFields((f) => ({ ...f, ...patch }));

  const send = async () => {
    setTried(true);
    setStatus(null);
    setMissing(null);
    if (!isClean(problems) || busy) return;
    setBusy(true);
    setError(null);
    try {
      const id = petitionId ?? (await caseByNumber(fields.number));
      if (!id) {
        setMissing(text.numberNotFound(fields.number.trim()));
        return;
      }
      const issued = await issueSuggestion(toSuggestionBody(fields, id), key);
      setFields(blank());
      setKey(newIdempotencyKey());
      setTried(false);
      setStatus(text.issueDone);
      onIssued?.(issued);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid="suggestion-form">
      <Text className="xf-text xf-text--muted">{text.issueIntro}</Text>
      {!fromCase && (
        <TextField
          label={text.number}
          value={fields.number}
          onChange={(number) => set({ number })}
          required
          maxLength={40}
          error={shown.number ?? missing}
          testId="suggestion-number"
        />
      )}
      <SubtreeUnitField
        rootId={me.unit.id}
        label={text.unit}
        value={fields.unitId}
        onChange={(unitId) => set({ unitId })}
        error={shown.unitId ?? null}
        testId="suggestion-unit"
      />
      <TextField
        label={text.content}
        value={fields.suggestion}
        onChange={(suggestion) => set({ suggestion })}
        multiline
        required
        maxLength={2000}
        error={shown.suggestion ?? null}
        testId="suggestion-content"
      />
      <TextField
        label={text.dueDate}
        value={fields.dueDate}
        onChange={(dueDate) => set({ dueDate })}
        keyboard="date"
        required
        min={beijingDateIn(Date.now(), 1)}
        error={shown.dueDate ?? null}
        testId="suggestion-due"
      />
      {error ? (
        <StaffError error={error} onRetry={retryOf(error, () => void send())} what={text.issue} />
      ) : null}
      <Button variant="primary" busy={busy} onPress={() => void send()} testId="suggestion-submit">
        {text.issueSubmit}
      </Button>
      <StatusLine text={status} testId="suggestion-status" />
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { PETITION_KINDS, type PetitionKind } from '@xinfang/shared/lifecycle';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { Attachment, Category, Submitted } from '@xinfang/shared/schemas/petitions';
import type { Booking } from '@xinfang/shared/schemas/reception';
import { useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import {
  addRepresentative,
  EMPTY_FIELDS,
  isValid,
  LIMITS,
  type SubmissionFields,
  toSubmitBody,
  validate,
} from '@/features/submission/form';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { newIdempotencyKey } from '@/platform/ids';
import { getCategories, getUnits } from '@/services/org';
import { registerBookedVisit } from '@/services/reception';
import { Button } from '@/ui/Button';
import { ChipChoice } from '@/ui/ChipChoice';
import { Loading } from '@/ui/Feedback';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';
import type { RegisterDraft } from '../register/register-form';
import { Scans } from '../register/Scans';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';

const text = staffCopy.reception;

/** The visit's fields as the walk-in form has them, the person's words to start from. */
const startFields = (topic: string): SubmissionFields => ({
  ...EMPTY_FIELDS,
  kind: 'request',
  content: topic,
});

/**
 * What the person raised with the leader, registered as a visit from their booking, as a walk-in
 * visit is (RegisterForm): the kind, the category, the unit it is about (or 「不清楚」), the content
 * and a title, materials, and a group's headcount and representatives (Art 20). One key per opened
 * form, so a retried registration is one case.
 */
export function VisitForm({
  dayId,
  booking,
  onDone,
}: {
  dayId: string;
  booking: Booking;
  onDone: (made: Submitted) => void;
}) {
  const [categories, setCategories] = useState<Category[]>([]);
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [fields, setFields] = useState<SubmissionFields>(() => startFields(booking.topic));
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const key = useRef(newIdempotencyKey());
  useEffect(() => {
    void getCategories().then(setCategories, setError);
    void getUnits().then(setUnits, setError);
  }, []);
  const set = (patch: Partial<SubmissionFields>) => setFields((f) => ({ ...f, ...patch }));
  const photos = attachments.map((a) => ({ attachmentId: a.id }));
  const problems = validate(fields, photos);
  const shown = tried ? problems.fields : {};
  // Scans keeps its list in a registration draft: here only the list itself is kept.
  const commitScans = (change: (d: RegisterDraft) => RegisterDraft) =>
    setAttachments((list) => change({ attachments: list } as RegisterDraft).attachments);
  const save = async () => {
    setTried(true);
    if (!isValid(problems) || busy) return;
    setBusy(true);
    setError(null);
    try {
      onDone(await registerBookedVisit(dayId, booking.id, toSubmitBody(fields, photos), key.current));
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <View data-testid="reception-visit-form">
      <ChipChoice
        label={text.kind}
        options={PETITION_KINDS.map((k) => ({ value: k, label: copy.kinds[k].name }))}
        value={fields.kind ?? ''}
        onChange={(v) => set({ kind: v as PetitionKind })}
        testId="reception-visit-kind"
      />
      <ChipChoice
        label={text.category}
        options={categories.map((c) => ({ value: c.code, label: c.name }))}
        value={fields.categoryCode ?? ''}
        onChange={(categoryCode) => set({ categoryCode })}
        error={shown.categoryCode}
        required
        testId="reception-visit-category"
      />
      {units ? (
        <UnitPicker
          units={units}
          value={fields.concernedUnitId}
          onChange={(id) => set({ concernedUnitId: id, unitUnknown: false })}
          unknown={{ chosen: fields.unitUnknown, onChoose: () => set({ unitUnknown: true }) }}
          error={shown.concernedUnitId}
          label={text.visitUnit}
        />
      ) : (
        !error && <Loading />
      )}
      <TextField
        label={text.content}
        value={fields.content}
        onChange={(content) => set({ content })}
        multiline
        maxLength={LIMITS.content}
        required
        error={shown.content}
        testId="reception-visit-content"
      />
      <TextField
        label={text.visitTitle}
        value={fields.title}
        onChange={(title) => set({ title })}
        hint={copy.submit.titleHint}
        maxLength={LIMITS.title}
        error={shown.title}
        testId="reception-visit-title"
      />
      <Scans attachments={attachments} commit={commitScans} error={shown.photos} />
      <Switch
        label={copy.submit.collectiveToggle}
        checked={fields.collective}
        onChange={(collective) => set({ collective })}
        testId="reception-visit-collective"
      />
      {fields.collective && (
        <View>
          <Text className="xf-text xf-text--small xf-text--muted">{copy.submit.collectiveHint}</Text>
          <TextField
            label={copy.submit.headcount}
            value={fields.headcount}
            onChange={(headcount) => set({ headcount })}
            keyboard="number"
            required
            maxLength={6}
            error={shown.headcount}
            testId="reception-visit-headcount"
          />
          {fields.representatives.map((name, i) => (
            <TextField
              // biome-ignore lint/suspicious/noArrayIndexKey: representative lines are positional
              key={i}
              label={copy.submit.representative(i + 1)}
              value={name}
              onChange={(value) =>
                set({ representatives: fields.representatives.map((n, j) => (j === i ? value : n)) })
              }
              maxLength={LIMITS.representativeName}
              error={tried ? (problems.representatives[i] ?? null) : null}
              testId={`reception-visit-rep-${i}`}
            />
          ))}
          {shown.representatives && (
            <Text className="xf-field__error" role="alert">
              {shown.representatives}
            </Text>
          )}
          {fields.representatives.length < LIMITS.representatives && (
            <Button
              inline
              onPress={() => set({ representatives: addRepresentative(fields.representatives) })}
              testId="reception-visit-rep-add"
            >
              {copy.submit.addRepresentative}
            </Button>
          )}
        </View>
      )}
      <Button variant="primary" busy={busy} testId="reception-visit-save" onPress={() => void save()}>
        {text.save}
      </Button>
      {tried && !isValid(problems) && (
        <Text className="xf-field__error" role="alert" data-testid="reception-visit-problems">
          {text.visitProblems}
        </Text>
      )}
      {error ? (
        <StaffError error={error} onRetry={retryOf(error, () => void save())} what={text.receive} />
      ) : null}
    </View>
  );
}

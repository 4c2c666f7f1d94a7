import { Text, View } from '@tarojs/components';
import type { PetitionKind } from '@xinfang/shared/lifecycle';
import type { OrgUnit, StaffMe } from '@xinfang/shared/schemas/identity';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { addRepresentative, LIMITS, removeRepresentative } from '@/features/submission/form';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ChipChoice } from '@/ui/ChipChoice';
import { Choice } from '@/ui/Choice';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { Loading } from '@/ui/Feedback';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';
import { beijingParts } from '../forms/dates';
import { StaffError } from '../ui/StaffPage';
import { PetitionerStep } from './PetitionerStep';
import {
  REGISTER_CHANNELS,
  type RegisterDraft,
  type RegisterFields,
  type validateRegister,
} from './register-form';
import { Scans } from './Scans';

const text = staffCopy.register;

/** The registration form itself: the petitioner, how and when it arrived, the matter, scans and collective fields. */
export function RegisterForm({
  me,
  draft,
  problems,
  representativeProblems,
  units,
  categories,
  listsError,
  onRetryLists,
  setFields,
  commit,
  busy,
  error,
  onSubmit,
  onDiscard,
}: {
  me: StaffMe;
  draft: RegisterDraft;
  problems: ReturnType<typeof validateRegister>['fields'];
  representativeProblems: (string | null)[];
  units: OrgUnit[] | null;
  categories: Category[] | null;
  listsError: unknown;
  onRetryLists: () => void;
  setFields: (patch: Partial<RegisterFields>) => void;
  commit: (change: (d: RegisterDraft) => RegisterDraft) => void;
  busy: boolean;
  error: unknown;
  onSubmit: () => void;
  onDiscard: () => void;
}) {
  const f = draft.fields;
  const [discarding, setDiscarding] = useState(false);
  const requiredTag = <Text className="xf-field__tag">{copy.common.required}</Text>;
  return (
    <View className="staff-register" data-testid="staff-register-form">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card title={text.petitioner} testId="register-petitioner">
        <PetitionerStep fields={f} setFields={setFields} problems={problems} />
      </Card>

      <Card title={text.channelStep} testId="register-channel">
        <ChipChoice
          label={text.channel}
          options={REGISTER_CHANNELS.map((c) => ({ value: c, label: staffCopy.channels[c] }))}
          value={f.channel ?? ''}
          onChange={(v) => setFields({ channel: v as RegisterFields['channel'] })}
          testId="register-channel"
          error={problems.channel}
          required
        />
        <View className="staff-register__when">
          <TextField
            label={text.receivedDate}
            value={f.receivedDate}
            onChange={(v) => setFields({ receivedDate: v })}
            keyboard="date"
            max={beijingParts(Date.now()).date}
            required
            maxLength={10}
            testId="register-received-date"
          />
          <TextField
            label={text.receivedTime}
            value={f.receivedTime}
            onChange={(v) => setFields({ receivedTime: v })}
            keyboard="time"
            required
            maxLength={5}
            testId="register-received-time"
          />
        </View>
        {problems.received && (
          <Text className="xf-field__error" role="alert">
            {problems.received}
          </Text>
        )}
        <Text className="xf-field__hint">{text.receivedHint}</Text>
        <Button
          inline
          onPress={() => {
            const { date, time } = beijingParts(Date.now());
            setFields({ receivedDate: date, receivedTime: time });
          }}
          label={`${text.receivedTime}：${text.receivedNow}`}
          testId="register-received-now"
        >
          {text.receivedNow}
        </Button>
      </Card>

      <Card title={text.matterStep} testId="register-matter">
        {listsError ? <StaffError error={listsError} onRetry={onRetryLists} /> : null}
        <Text className="xf-field__label" aria-hidden="true">
          {text.kind}
          {requiredTag}
        </Text>
        <Choice
          label={text.kind}
          required
          testId="register-kind"
          value={f.kind}
          onChange={(kind: PetitionKind) => setFields({ kind })}
          options={(['suggestion', 'accusation', 'request'] as const).map((k) => ({
            value: k,
            label: copy.kinds[k].formal,
            description: staffCopy.kinds[k],
          }))}
        />
        {problems.kind && (
          <Text className="xf-field__error" role="alert">
            {problems.kind}
          </Text>
        )}
        {categories ? (
          <ChipChoice
            label={copy.submit.category}
            options={categories.map((c) => ({ value: c.code, label: c.name }))}
            value={f.categoryCode ?? ''}
            onChange={(v) => setFields({ categoryCode: v })}
            testId="register-category"
            error={problems.categoryCode}
            required
          />
        ) : (
          !listsError && <Loading />
        )}
        <Text className="xf-field__label" aria-hidden="true">
          {text.unit}
          {requiredTag}
        </Text>
        {units ? (
          <UnitPicker
            units={units}
            value={f.concernedUnitId}
            onChange={(id) => setFields({ concernedUnitId: id, unitUnknown: false })}
            suggested={{ id: me.unit.id, label: text.unitOwn(me.unit.name) }}
            unknown={{ chosen: f.unitUnknown, onChoose: () => setFields({ unitUnknown: true }) }}
            error={problems.concernedUnitId}
            label={text.unit}
          />
        ) : null}
        <TextField
          label={staffCopy.detail.content}
          value={f.content}
          onChange={(content) => setFields({ content })}
          required
          multiline
          maxLength={LIMITS.content}
          error={problems.content}
          testId="register-content"
        />
        <TextField
          label={copy.submit.titleLabel}
          value={f.title}
          onChange={(title) => setFields({ title })}
          hint={copy.submit.titleHint}
          maxLength={LIMITS.title}
          error={problems.title}
          testId="register-title"
        />
        <TextField
          label={staffCopy.detail.location}
          value={f.location}
          onChange={(location) => setFields({ location })}
          maxLength={LIMITS.location}
          error={problems.location}
          testId="register-location"
        />
      </Card>

      <Card title={text.scans} testId="register-scans">
        <Scans attachments={draft.attachments} commit={commit} error={problems.photos} />
      </Card>

      <Card title={text.collectiveStep} testId="register-collective">
        <Switch
          label={copy.submit.collectiveToggle}
          checked={f.collective}
          onChange={(collective) => setFields({ collective })}
          testId="register-collective-toggle"
        />
        {f.collective && (
          <View>
            <Text className="xf-text xf-text--small xf-text--muted">{copy.submit.collectiveHint}</Text>
            <TextField
              label={copy.submit.headcount}
              value={f.headcount}
              onChange={(headcount) => setFields({ headcount })}
              keyboard="number"
              required
              maxLength={6}
              error={problems.headcount}
              testId="register-headcount"
            />
            {f.representatives.map((name, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: representative lines are positional
              <View key={i} className="staff-register__rep">
                <TextField
                  label={copy.submit.representative(i + 1)}
                  value={name}
                  onChange={(value) =>
                    setFields({ representatives: f.representatives.map((n, j) => (j === i ? value : n)) })
                  }
                  maxLength={LIMITS.representativeName}
                  error={representativeProblems[i] ?? null}
                  testId={`register-rep-${i}`}
                />
                {f.representatives.length > 1 && (
                  <Button
                    inline
                    variant="danger"
                    onPress={() => setFields({ representatives: removeRepresentative(f.representatives, i) })}
                    label={copy.submit.removeRepresentative(i + 1)}
                  >
                    {copy.common.remove}
                  </Button>
                )}
              </View>
            ))}
            {problems.representatives && (
              <Text className="xf-field__error" role="alert">
                {problems.representatives}
              </Text>
            )}
            {f.representatives.length < LIMITS.representatives && (
              <Button
                inline
                onPress={() => setFields({ representatives: addRepresentative(f.representatives) })}
                testId="register-rep-add"
              >
                {copy.submit.addRepresentative}
              </Button>
            )}
          </View>
        )}
      </Card>

      {error ? <StaffError error={error} testId="staff-register-error" /> : null}
      <Text className="staff-saved-note">{text.draftSaved}</Text>
      <Button
        variant="primary"
        busy={busy}
        busyText={text.submitting}
        onPress={onSubmit}
        testId="staff-register-submit"
      >
        {text.submit}
      </Button>
      <Button variant="link" onPress={() => setDiscarding(true)} testId="staff-register-discard">
        {text.discard}
      </Button>
      {discarding && (
        <ConfirmDialog
          title={copy.submit.discardTitle}
          body={copy.submit.discardBody}
          confirm={copy.submit.discardYes}
          cancel={copy.submit.discardNo}
          onConfirm={() => {
            setDiscarding(false);
            onDiscard();
          }}
          onCancel={() => setDiscarding(false)}
          testId="staff-register-discard-dialog"
        />
      )}
    </View>
  );
}

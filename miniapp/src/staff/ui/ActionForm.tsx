import { Text, View } from '@tarojs/components';
import type { OrgUnit, StaffAccount, StaffMe } from '@xinfang/shared/schemas/identity';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import type { ActionFailure } from '@/features/petition/use-petition';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { Button } from '@/ui/Button';
import { ChipChoice } from '@/ui/ChipChoice';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';
import { actionScope } from '../drafts/staff-drafts';
import { useStaffDraft } from '../drafts/use-staff-draft';
import {
  type ActionLike,
  type FormContext,
  type FormField,
  type FormValues,
  fieldsOf,
  initialValues,
  isEmptyErrors,
  toParams,
  unitAllowed,
  validateAction,
} from '../forms/action-form';
import { beijingDateIn } from '../forms/dates';
import { listStaff, referralLeaders } from '../services/staff-api';
import { can } from '../session/roles';
import { StaffError } from './StaffPage';

const form = staffCopy.form;

/** The words of an enum parameter's options, from the shared vocabulary. */
export function optionLabel(param: string, value: string): string {
  const tables: Record<string, Record<string, string>> = {
    route: copy.diversionRoutes,
    ground: staffCopy.declineGrounds,
    outcome: copy.outcomes,
    result: staffCopy.mediationResults,
    concern: staffCopy.supervisionConcerns,
    reward: staffCopy.rewardKinds,
    rating: copy.ratings,
    channel: staffCopy.channels,
  };
  return tables[param]?.[value] ?? value;
}

export interface UnitsWithPaths {
  list: OrgUnit[];
  /** Each unit's ancestors from the root down, for the descriptors' unit filters. */
  paths: Map<string, string[]>;
}

/**
 * One action's form, drawn from its descriptor: every parameter the server asks for, with the
 * server's limits, in the order of the statute's spec. What is typed is kept on the device as it is
 * typed (a draft per petition and action) and comes back after a reload or a new sign-in; it is
 * forgotten once the server has taken the action.
 */
export function ActionForm({
  action,
  petitionId,
  context,
  me,
  units,
  busy,
  failure,
  onSubmit,
  prefill,
  extras,
  children,
}: {
  action: ActionLike;
  petitionId: string;
  context: FormContext;
  me: StaffMe;
  units: UnitsWithPaths | null;
  busy: boolean;
  /** Why the last send did not go through — or that no answer came, and it may well have. */
  failure: ActionFailure | null;
  onSubmit: (params: Record<string, unknown>) => Promise<boolean>;
  /** Values to start from instead of empty ones (a returned letter's last draft). */
  prefill?: FormValues;
  /** Helpers drawn above the fields, given the form's values (the decision-letter templates). */
  extras?: (update: (patch: FormValues) => void) => ReactNode;
  /** What the action decides on, shown above the form (a pending extension, a drafted letter). */
  children?: ReactNode;
}) {
  const [values, update, clear] = useStaffDraft<FormValues>(
    me.id,
    actionScope(petitionId, action.type),
    () => ({
      ...initialValues(action, context),
      ...(prefill ?? {}),
    }),
  );
  // Some fields depend on others (a decline asks where to turn only on some grounds).
  const fields = fieldsOf(action, context, values);
  const [tried, setTried] = useState(false);
  // The server's refusal answered the form as it was sent: once the person changes it or sends it
  // again, it no longer speaks for what is on screen.
  const [answered, setAnswered] = useState<ActionFailure | null>(null);
  const refusal = failure !== answered ? failure : null;
  const errors = validateAction(action, values, context);
  const testId = `action-${action.type}`;
  const change = (patch: FormValues) => {
    setAnswered(failure);
    update(patch);
  };

  const submit = async () => {
    setAnswered(failure);
    setTried(true);
    if (!isEmptyErrors(errors)) return;
    if (await onSubmit(toParams(action, values, context))) {
      clear();
      setTried(false);
    }
  };

  return (
    <View className="staff-action-form" role="group" aria-label={action.label} data-testid={`${testId}-form`}>
      {staffCopy.actionHints[action.type] && (
        <Text className="xf-text xf-text--small xf-text--muted">{staffCopy.actionHints[action.type]}</Text>
      )}
      {children}
      {extras?.(change)}
      {fields.map((field) => (
        <ParamField
          key={field.name}
          action={action.type}
          petitionId={petitionId}
          field={field}
          value={values[field.name]}
          error={tried ? (errors[field.name] ?? null) : null}
          onChange={(value) => change({ [field.name]: value })}
          me={me}
          units={units}
          context={context}
          testId={`${testId}-${field.name}`}
        />
      ))}
      {refusal ? (
        <StaffError
          error={refusal.error}
          message={refusal.unconfirmed ? form.unconfirmed(staffCopy.detail.confirm(action.label)) : undefined}
          testId={`${testId}-error`}
        />
      ) : null}
      <Button
        variant={action.type.startsWith('return') || action.type.startsWith('refuse') ? 'danger' : 'primary'}
        busy={busy}
        busyText={copy.common.loading}
        onPress={() => void submit()}
        testId={`${testId}-submit`}
      >
        {staffCopy.detail.confirm(action.label)}
      </Button>
      {fields.length > 0 && <Text className="staff-saved-note">{form.savedLocally}</Text>}
    </View>
  );
}

function ParamField({
  action,
  petitionId,
  field,
  value,
  error,
  onChange,
  me,
  units,
  context,
  testId,
}: {
  action: string;
  petitionId: string;
  field: FormField;
  value: FormValues[string] | undefined;
  error: string | null;
  onChange: (value: string | boolean) => void;
  me: StaffMe;
  units: UnitsWithPaths | null;
  context: FormContext;
  testId: string;
}) {
  const typed = typeof value === 'string' ? value : '';
  const required = field.requiredHere;
  switch (field.kind) {
    case 'boolean':
      return <Switch label={field.label} checked={value === true} onChange={onChange} testId={testId} />;
    case 'enum':
      return (
        <ChipChoice
          label={`${field.label}${required ? '' : `（${copy.common.optional}）`}`}
          options={field.options.map((option) => ({
            value: String(option),
            label: optionLabel(field.name, String(option)),
          }))}
          value={typed}
          onChange={onChange}
          testId={testId}
          error={error}
        />
      );
    case 'integer':
      if (field.values)
        return (
          <ChipChoice
            label={field.label}
            options={field.values.map((n) => ({
              value: String(n),
              label:
                action === 'withdraw_assist'
                  ? staffCopy.coHandling.partNo(n)
                  : staffCopy.detail.supervision(n),
            }))}
            value={typed}
            onChange={onChange}
            testId={testId}
            error={error}
          />
        );
      return (
        <TextField
          label={field.label}
          value={typed}
          onChange={onChange}
          keyboard="number"
          required={required}
          error={error}
          hint={`${field.min}–${field.max}`}
          maxLength={String(field.max).length}
          testId={testId}
        />
      );
    case 'date':
      return (
        <View>
          <TextField
            label={field.label}
            value={typed}
            onChange={onChange}
            keyboard="date"
            min={field.minDate}
            required={required}
            error={error}
            maxLength={10}
            testId={testId}
          />
          <View className="xf-row staff-quick">
            {[7, 15, 30].map((days) => (
              <Button
                key={days}
                inline
                onPress={() => onChange(beijingDateIn(context.now, days))}
                label={`${field.label}：${form.inDays(days)}`}
                testId={`${testId}-in-${days}`}
              >
                {form.inDays(days)}
              </Button>
            ))}
          </View>
        </View>
      );
    case 'instant': {
      // Chosen as a date and a time of day (Beijing), kept together as `YYYY-MM-DD HH:MM`.
      const [date = '', time = ''] = typed.split(' ');
      return (
        <View>
          <View className="staff-when">
            <View className="staff-when__part">
              <TextField
                label={form.dateOf(field.label)}
                value={date}
                onChange={(next) => onChange(`${next} ${time}`)}
                keyboard="date"
                required={required}
                error={error}
                maxLength={10}
                testId={testId}
              />
            </View>
            <View className="staff-when__part">
              <TextField
                label={form.timeOf(field.label)}
                value={time}
                onChange={(next) => onChange(`${date} ${next}`)}
                keyboard="time"
                required={required}
                maxLength={5}
                testId={`${testId}-time`}
              />
            </View>
          </View>
        </View>
      );
    }
    case 'unit':
      return (
        <UnitParam
          field={field}
          value={typed}
          onChange={onChange}
          units={units}
          error={error}
          testId={testId}
        />
      );
    case 'staff':
      return (
        <StaffParam
          action={action}
          petitionId={petitionId}
          field={field}
          value={typed}
          onChange={onChange}
          me={me}
          error={error}
          testId={testId}
        />
      );
    default:
      return (
        <TextField
          label={field.label}
          value={typed}
          onChange={onChange}
          multiline={field.kind === 'long_text' || field.kind === 'list'}
          required={required}
          error={error}
          maxLength={field.kind === 'list' ? undefined : field.maxLength}
          testId={testId}
        />
      );
  }
}

/** A unit from the tree, offered only where the descriptor's filter allows (assignable units). */
function UnitParam({
  field,
  value,
  onChange,
  units,
  error,
  testId,
}: {
  field: FormField;
  value: string;
  onChange: (value: string) => void;
  units: UnitsWithPaths | null;
  error: string | null;
  testId: string;
}) {
  const allowed = useMemo(
    () =>
      (units?.list ?? []).filter((unit) =>
        unitAllowed({ id: unit.id, path: units?.paths.get(unit.id) ?? [unit.id] }, field.unitFilter),
      ),
    [units, field.unitFilter],
  );
  return (
    <View className="staff-unit-param" data-testid={testId}>
      <Text className="xf-field__label" aria-hidden="true">
        {field.label}
      </Text>
      <UnitPicker
        units={allowed}
        value={value || null}
        onChange={onChange}
        error={error}
        label={field.label}
      />
    </View>
  );
}

/**
 * A staff member: for a referral, the leaders the server accepts for this case (its receiving unit
 * and above, Art 18, 22, 30), as 姓名（单位）; for a recusal, myself — and, for a unit head, the
 * staff of his subtree (Art 28: a head recuses his own people); where the descriptor names the
 * people (`staffIds`: oneself, or the recusals one may lift), those; for the 承办人, the case
 * workers of the handling unit (Art 24).
 */
function StaffParam({
  action,
  petitionId,
  field,
  value,
  onChange,
  me,
  error,
  testId,
}: {
  action: string;
  petitionId: string;
  field: FormField;
  value: string;
  onChange: (value: string) => void;
  me: StaffMe;
  error: string | null;
  testId: string;
}) {
  const [people, setPeople] = useState<Pick<StaffAccount, 'id' | 'displayName'>[] | null>(null);
  const named = field.staffIds?.join(',');
  useEffect(() => {
    let alive = true;
    const self = { id: me.id, displayName: form.staffMe(me.displayName) };
    const load = async (): Promise<Pick<StaffAccount, 'id' | 'displayName'>[]> => {
      if (action === 'refer') {
        const leaders = await referralLeaders(petitionId);
        return leaders.map((p) => ({ id: p.id, displayName: form.staffLeader(p.displayName, p.unit.name) }));
      }
      if (action === 'set_handler') {
        if (!can.listStaff(me)) return [];
        return (await listStaff()).filter(
          (p) => p.unit.id === field.staffOfUnit && p.roles.some((r) => r === 'handler' || r === 'unit_head'),
        );
      }
      if (named !== undefined) {
        const ids = named ? named.split(',') : [];
        const known = ids.some((id) => id !== me.id) && can.listStaff(me) ? await listStaff() : [];
        return ids.flatMap((id) => (id === me.id ? [self] : known.filter((p) => p.id === id)));
      }
      if (action === 'recuse' && me.roles.includes('unit_head') && can.listStaff(me)) {
        const everyone = await listStaff();
        return [self, ...everyone.filter((p) => p.id !== me.id)];
      }
      return [self];
    };
    load()
      .then((list) => alive && setPeople(list))
      .catch(() => alive && setPeople(action === 'recuse' ? [self] : []));
    return () => {
      alive = false;
    };
  }, [action, petitionId, me, field.staffOfUnit, named]);

  if (people === null) return <Text className="xf-status">{form.staffLoading}</Text>;
  if (people.length === 0) return <Text className="xf-text xf-text--muted">{form.staffEmpty}</Text>;
  return (
    <ChipChoice
      label={field.label}
      options={people.map((p) => ({ value: p.id, label: p.displayName }))}
      value={value}
      onChange={onChange}
      testId={testId}
      error={error}
    />
  );
}

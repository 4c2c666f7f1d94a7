import {
  type DeclineGround,
  type DeclineGuidanceAsk,
  declineBasisRefusal,
  declineGuidanceAsk,
  type ParamDescriptor,
  type PetitionKind,
  type RuleId,
} from '@xinfang/shared/lifecycle';
import { staffCopy } from '@/copy/staff';
import { parseDate, parseInstant } from './dates';

/**
 * An action's form, drawn from the parameter descriptors the server sends with `allowedActions`
 * (ACTION_SPECS narrowed for this petition: outcomes by kind, assignable units, earliest dates,
 * open supervision notices). The form offers exactly those parameters with exactly those limits,
 * checks them before sending, and turns what was typed into the action's `params`.
 *
 * Values are kept as typed — text for every text-like field (dates, times, numbers too), true/false
 * for switches — so that a draft can be stored and restored as it was.
 */

export interface ActionLike {
  type: string;
  label: string;
  params: readonly object[];
}

export type FieldValue = string | boolean;
export type FormValues = Record<string, FieldValue>;
export type FormErrors = Record<string, string>;

/** A unit as the unit filter needs it: its id and the ids from the root down to it. */
export interface UnitNode {
  id: string;
  path: readonly string[];
}

export interface FormContext {
  /** The petition's kind (Art 32: a request's decision states its legal basis). */
  kind: PetitionKind;
  now: number;
  /** Units with their paths, to hold a chosen unit to the descriptor's filter. */
  units?: readonly UnitNode[];
  /** The petition's own number: a decline's reason names another (Art 19 ¶3, 36 ¶3). */
  number?: string;
}

/** One field of the form: the descriptor, plus what the form knows beyond it. */
export type FormField = ParamDescriptor & {
  /** The form asks for it though the descriptor says optional (a rule the descriptor cannot carry). */
  requiredHere: boolean;
};

/**
 * Parameter rules that depend on the petition or on the form's other values, and so are not in the
 * descriptor: `decide` refuses a request's decision letter without a legal basis (Art 32, rule
 * `reply.legal_basis_required`); a decline asks where to turn only on some grounds (Art 22,
 * `declineGuidanceAsk`).
 */
function requiredHere(action: string, param: ParamDescriptor, context: FormContext, values: FormValues) {
  if (param.required) return true;
  if (action === 'decline' && param.name === 'guidance') return guidanceAsk(values) === 'required';
  return action === 'draft_reply' && param.name === 'legalBasis' && context.kind === 'request';
}

/** What a decline's chosen ground asks of its guidance; nothing until a ground is chosen. */
function guidanceAsk(values: FormValues): DeclineGuidanceAsk {
  const ground = text(values.ground);
  return ground === '' ? 'not_asked' : declineGuidanceAsk(ground as DeclineGround);
}

/** The fields the form shows and sends, given what is typed so far (`values`). */
export function fieldsOf(action: ActionLike, context: FormContext, values: FormValues = {}): FormField[] {
  return action.params
    .map((raw) => raw as unknown as ParamDescriptor)
    .filter(
      (param) =>
        !(action.type === 'decline' && param.name === 'guidance' && guidanceAsk(values) === 'not_asked'),
    )
    .map(
      (param) => ({ ...param, requiredHere: requiredHere(action.type, param, context, values) }) as FormField,
    );
}

/** An empty form: blank text, switches off, the only choice chosen when there is just one. */
export function initialValues(action: ActionLike, context: FormContext): FormValues {
  const values: FormValues = {};
  for (const field of fieldsOf(action, context)) {
    if (field.kind === 'boolean') values[field.name] = false;
    else if (field.kind === 'integer' && field.values?.length === 1)
      values[field.name] = String(field.values[0]);
    else if (field.kind === 'enum' && field.options.length === 1)
      values[field.name] = String(field.options[0]);
    else values[field.name] = '';
  }
  return values;
}

/** A unit passes the descriptor's filter: under `within`, not `not`, not under `notWithin`. */
export function unitAllowed(unit: UnitNode, filter: ParamDescriptor['unitFilter']): boolean {
  if (!filter) return true;
  if (!unit.path.includes(filter.within)) return false;
  if (unit.id === filter.not) return false;
  if (filter.notWithin && unit.path.includes(filter.notWithin)) return false;
  return true;
}

const text = (value: FieldValue | undefined): string => (typeof value === 'string' ? value.trim() : '');

/** Characters as the server counts them (JSON Schema `maxLength` counts code points). */
const lengthOf = (value: string): number => [...value].length;

/** What is wrong with the form, by parameter name (empty when it can be sent). */
export function validateAction(action: ActionLike, values: FormValues, context: FormContext): FormErrors {
  const m = staffCopy.form;
  const errors: FormErrors = {};
  for (const field of fieldsOf(action, context, values)) {
    const value = values[field.name];
    const typed = text(value);
    if (field.kind === 'boolean') continue;
    if (typed === '') {
      if (field.requiredHere) errors[field.name] = missingMessage(action.type, field);
      continue;
    }
    const problem = problemOf(field, typed, context);
    if (problem) errors[field.name] = problem;
  }
  if (action.type === 'decline' && !errors.ground && !errors.reason) {
    const ground = text(values.ground) as DeclineGround;
    const missing = declineBasisRefusal({ ground, reason: text(values.reason) }, context.number ?? '');
    if (missing) errors.reason = m.declineBasis[missing.rule as DeclineBasisRule];
  }
  return errors;
}

/** What the form says of a required field left empty. */
function missingMessage(action: string, field: FormField): string {
  const m = staffCopy.form;
  if (field.required) return isChoice(field) ? m.chooseField(field.label) : m.required;
  if (action === 'draft_reply' && field.name === 'legalBasis') return m.legalBasisRequired;
  if (action === 'decline' && field.name === 'guidance') return m.declineGuidanceRequired;
  return m.required;
}

const isChoice = (field: FormField) =>
  field.kind === 'enum' || field.kind === 'unit' || field.kind === 'staff';

type DeclineBasisRule = Extract<
  RuleId,
  'decline.final_case_required' | 'decline.pending_case_required' | 'decline.basis_required'
>;

function problemOf(field: FormField, typed: string, context: FormContext): string | null {
  const m = staffCopy.form;
  switch (field.kind) {
    case 'text':
    case 'long_text':
      return lengthOf(typed) > field.maxLength ? m.tooLong(field.maxLength) : null;
    case 'date': {
      const date = parseDate(typed);
      if (!date) return m.dateInvalid;
      if (field.minDate && date < field.minDate) return m.dateTooEarly(field.minDate);
      return field.maxDate && date > field.maxDate ? m.dateTooLate(field.maxDate) : null;
    }
    case 'instant': {
      return parseInstant(typed) ? null : m.instantInvalid;
    }
    case 'integer': {
      const n = /^\d+$/.test(typed) ? Number(typed) : Number.NaN;
      if (!Number.isInteger(n) || n < field.min || n > field.max)
        return m.integerInvalid(field.min, field.max);
      return field.values && !field.values.includes(n) ? m.chooseField(field.label) : null;
    }
    case 'enum':
      return field.options.includes(typed) ? null : m.chooseField(field.label);
    case 'unit': {
      const unit = context.units?.find((u) => u.id === typed);
      if (!context.units) return null;
      return unit && unitAllowed(unit, field.unitFilter) ? null : m.unitNotAllowed;
    }
    case 'staff':
      return null;
    case 'list':
      return null;
    default:
      return null;
  }
}

/**
 * The action's `params` from a valid form: text trimmed, empty optional fields left out, numbers
 * as numbers, dates as `YYYY-MM-DD`, times as UTC instants, units and staff by id.
 */
export function toParams(
  action: ActionLike,
  values: FormValues,
  context: FormContext,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  for (const field of fieldsOf(action, context, values)) {
    const value = values[field.name];
    if (field.kind === 'boolean') {
      if (value === true) params[field.name] = true;
      else if (field.required) params[field.name] = false;
      continue;
    }
    const typed = text(value);
    if (typed === '') continue;
    switch (field.kind) {
      case 'integer':
        params[field.name] = Number(typed);
        break;
      case 'date':
        params[field.name] = parseDate(typed);
        break;
      case 'instant':
        params[field.name] = parseInstant(typed);
        break;
      case 'list':
        params[field.name] = typed
          .split('\n')
          .map((item) => item.trim())
          .filter(Boolean);
        break;
      default:
        params[field.name] = typed;
    }
  }
  return params;
}

export function isEmptyErrors(errors: FormErrors): boolean {
  return Object.keys(errors).length === 0;
}

import { isDateString, isInstant } from '../clocks/dates';
import { ACTION_SPECS, type ActionType, ID_MAX, type ParamSpec } from './action-specs';
import { type Refusal, refuse } from './rules';
import { isUnitRef } from './units';

/**
 * Checks parameters against their spec in ACTION_SPECS — the same limits the server's schemas
 * enforce, so `decide` is safe to call with anything. A statutory limit (Art 20's five
 * representatives, Art 34's 30 days) is refused under its own rule.
 */
export function checkParams(type: ActionType, params: unknown): Refusal | null {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return refuse('params.invalid', { message: 'params' });
  }
  const record = params as Record<string, unknown>;
  const specs: readonly ParamSpec[] = ACTION_SPECS[type].params;
  for (const name of Object.keys(record)) {
    if (!specs.some((spec) => spec.name === name)) return invalid(name, '未知参数');
  }
  for (const spec of specs) {
    const value = record[spec.name];
    if (value === undefined || value === null) {
      if (spec.required) return invalid(spec.name, '必填');
      continue;
    }
    const problem = checkValue(spec, value);
    if (problem) return problem;
  }
  return null;
}

function checkValue(spec: ParamSpec, value: unknown): Refusal | null {
  switch (spec.kind) {
    case 'text':
    case 'long_text':
      if (typeof value !== 'string') return invalid(spec.name, '应为文字');
      if (spec.required && value.trim() === '') return invalid(spec.name, '不能为空');
      return length(value) > spec.maxLength ? invalid(spec.name, `不超过${spec.maxLength}字`) : null;
    case 'staff':
      return typeof value === 'string' && value.trim() !== '' && length(value) <= ID_MAX
        ? null
        : invalid(spec.name, '人员编号无效');
    case 'date':
      return isDateString(value) ? null : invalid(spec.name, '日期格式应为 YYYY-MM-DD');
    case 'instant':
      return isInstant(value) ? null : invalid(spec.name, '时间格式应为 ISO-8601 UTC');
    case 'unit':
      return isUnitRef(value) ? null : invalid(spec.name, '单位无效');
    case 'enum':
      return typeof value === 'string' && spec.options.includes(value)
        ? null
        : invalid(spec.name, `应为 ${spec.options.join(' / ')}`);
    case 'boolean':
      return typeof value === 'boolean' ? null : invalid(spec.name, '应为是或否');
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min) {
        return invalid(spec.name, `应为不小于${spec.min}的整数`);
      }
      return value > spec.max ? overLimit(spec, `不超过${spec.max}`) : null;
    case 'list':
      if (!Array.isArray(value)) return invalid(spec.name, '应为列表');
      if (spec.required && value.length === 0) return invalid(spec.name, '至少一项');
      for (const item of value) {
        if (typeof item !== 'string' || item.trim() === '' || length(item) > spec.itemMaxLength) {
          return invalid(spec.name, `每项为不超过${spec.itemMaxLength}字的文字`);
        }
      }
      return value.length > spec.maxItems ? overLimit(spec, `最多${spec.maxItems}项`) : null;
  }
}

/** Length in code points, as JSON Schema's maxLength counts. */
function length(text: string): number {
  return [...text].length;
}

function invalid(param: string, message: string): Refusal {
  return refuse('params.invalid', { param, message: `${param}：${message}` });
}

function overLimit(spec: ParamSpec, message: string): Refusal {
  return spec.statute ? refuse(spec.statute.rule, { param: spec.name }) : invalid(spec.name, message);
}

import { Text, View } from '@tarojs/components';
import { copy } from '@/copy/zh-CN';
import { pressable } from './a11y';
import { FieldError } from './FieldError';
import { useUniqueId } from './focus';

export interface ChipOption {
  value: string;
  label: string;
}

/**
 * One choice among many, as a row of chips (a radio group for assistive technology): for the
 * categories of the form, filters and enum parameters, where large cards would push the rest of
 * the form off the screen.
 */
export function ChipChoice({
  label,
  options,
  value,
  onChange,
  testId,
  error,
  labelHidden = false,
  required = false,
}: {
  label: string;
  options: readonly ChipOption[];
  value: string;
  onChange: (value: string) => void;
  testId?: string;
  error?: string | null;
  /** The card's heading already says it: the label is for screen readers only. */
  labelHidden?: boolean;
  /** Tagged 必填 like the text fields beside it. */
  required?: boolean;
}) {
  const id = useUniqueId('xf-chips');
  return (
    <View className="xf-chips">
      <Text className={`xf-chips__label${labelHidden ? ' xf-sr-only' : ''}`} aria-hidden="true">
        {label}
        {required && <Text className="xf-field__tag">{copy.common.required}</Text>}
      </Text>
      <View
        className="xf-chips__row"
        role="radiogroup"
        aria-label={label}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      >
        {options.map((option) => {
          const checked = option.value === value;
          return (
            <View
              key={option.value || 'any'}
              className={`xf-chip-option${checked ? ' xf-chip-option--checked' : ''}`}
              data-testid={testId ? `${testId}-${option.value || 'any'}` : undefined}
              {...pressable(option.label, () => onChange(option.value), { role: 'radio', checked })}
            >
              <Text>{option.label}</Text>
            </View>
          );
        })}
      </View>
      <FieldError id={`${id}-error`} error={error} />
    </View>
  );
}

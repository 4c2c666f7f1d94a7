import { Text, View } from '@tarojs/components';
import { pressable } from './a11y';
import { FieldError } from './FieldError';
import { useUniqueId } from './focus';

export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
  description?: string;
}

/**
 * One choice among a few, as large labelled cards (a radio group for assistive technology), with
 * its error under it, tied to the group.
 */
export function Choice<V extends string>({
  label,
  options,
  value,
  onChange,
  testId,
  required = false,
  error,
}: {
  label: string;
  options: readonly ChoiceOption<V>[];
  value: V | null;
  onChange: (value: V) => void;
  testId?: string;
  required?: boolean;
  error?: string | null;
}) {
  const id = useUniqueId('xf-choice');
  return (
    <>
      <View
        className="xf-choice"
        role="radiogroup"
        aria-label={label}
        aria-required={required ? 'true' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
      >
        {options.map((option) => {
          const checked = option.value === value;
          const name = option.description ? `${option.label}：${option.description}` : option.label;
          return (
            <View
              key={option.value}
              className={`xf-choice__option${checked ? ' xf-choice__option--checked' : ''}`}
              data-testid={testId ? `${testId}-${option.value}` : undefined}
              {...pressable(name, () => onChange(option.value), { role: 'radio', checked })}
            >
              <Text className="xf-choice__label">{option.label}</Text>
              {option.description && <Text className="xf-choice__desc">{option.description}</Text>}
            </View>
          );
        })}
      </View>
      <FieldError id={`${id}-error`} error={error} />
    </>
  );
}

import { Text, View } from '@tarojs/components';
import { pressable } from './a11y';

export interface ChoiceOption<V extends string> {
  value: V;
  label: string;
  description?: string;
}

/** One choice among a few, as large labelled cards (a radio group for assistive technology). */
export function Choice<V extends string>({
  label,
  options,
  value,
  onChange,
  testId,
  required = false,
}: {
  label: string;
  options: readonly ChoiceOption<V>[];
  value: V | null;
  onChange: (value: V) => void;
  testId?: string;
  required?: boolean;
}) {
  return (
    <View
      className="xf-choice"
      role="radiogroup"
      aria-label={label}
      aria-required={required ? 'true' : undefined}
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
  );
}

import { Text, View } from '@tarojs/components';
import { pressable } from '@/ui/a11y';

/**
 * Several choices among many, as chips that are checkboxes for assistive technology (roles): the
 * house chips of ui/ChipChoice (bordered, at least 44 px high, the checked one filled), with a ✓
 * so the choice does not rest on colour alone.
 */
export function ChipChecks({
  label,
  options,
  values,
  onChange,
  disabled = false,
  error,
  testId,
}: {
  label: string;
  options: readonly { value: string; label: string }[];
  values: readonly string[];
  onChange: (values: string[]) => void;
  disabled?: boolean;
  error?: string | null;
  testId: string;
}) {
  const toggle = (value: string) =>
    onChange(values.includes(value) ? values.filter((v) => v !== value) : [...values, value]);
  return (
    <View className="xf-chips">
      <Text className="xf-chips__label" aria-hidden="true">
        {label}
      </Text>
      <View className="xf-chips__row" role="group" aria-label={label} data-testid={testId}>
        {options.map((option) => {
          const checked = values.includes(option.value);
          return (
            <View
              key={option.value}
              className={`xf-chip-option${checked ? ' xf-chip-option--checked' : ''}`}
              data-testid={`${testId}-${option.value}`}
              {...pressable(option.label, () => toggle(option.value), {
                role: 'checkbox',
                checked,
                disabled,
              })}
            >
              <Text>{checked ? `✓ ${option.label}` : option.label}</Text>
            </View>
          );
        })}
      </View>
      {error ? (
        <Text className="xf-field__error" role="alert">
          {error}
        </Text>
      ) : null}
    </View>
  );
}

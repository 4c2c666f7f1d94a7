import { Text, View } from '@tarojs/components';
import { pressable } from './a11y';

/** An on/off setting with its label, as a switch for assistive technology. */
export function Switch({
  label,
  checked,
  onChange,
  testId,
}: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  testId?: string;
}) {
  return (
    <View
      className="xf-switch"
      data-testid={testId}
      {...pressable(label, () => onChange(!checked), { role: 'switch', checked })}
    >
      <Text className="xf-switch__label">{label}</Text>
      <View className={`xf-switch__track${checked ? ' xf-switch__track--on' : ''}`}>
        <View className="xf-switch__thumb" />
      </View>
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { copy } from '@/copy/zh-CN';
import { pressable } from './a11y';

/** The 大字 switch in every page's header. */
export function TextSizeToggle({ large, onToggle }: { large: boolean; onToggle: () => void }) {
  return (
    <View
      className={`xf-size-toggle${large ? ' xf-size-toggle--on' : ''}`}
      data-testid="text-size-toggle"
      {...pressable(copy.textSize.label, onToggle, { role: 'switch', checked: large })}
    >
      <Text>{large ? `${copy.textSize.on} ✓` : copy.textSize.off}</Text>
    </View>
  );
}

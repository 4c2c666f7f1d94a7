import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { RegisterCase } from '@xinfang/shared/schemas/registers';
import { staffCopy } from '@/copy/staff';
import { pressable } from '@/ui/a11y';
import { staffRoutes } from '../routes';

export const go = (url: string) => () => void Taro.navigateTo({ url });

/** A register's case: its number, title, state and handling unit, opening the case. */
export function CaseLink({ c }: { c: RegisterCase }) {
  return (
    <View
      className="staff-row__open"
      data-testid="register-case"
      {...pressable(null, go(staffRoutes.petition(c.petitionId)), { role: 'link' })}
    >
      <Text className="staff-row__number">{c.petitionNumber}</Text>
      <Text className="staff-row__title">{c.title}</Text>
      <Text className="staff-row__meta">
        {`${staffCopy.states[c.state] ?? c.state}${c.handlingUnit ? ` · ${c.handlingUnit.name}` : ''}`}
      </Text>
    </View>
  );
}

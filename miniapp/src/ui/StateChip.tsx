import { Text } from '@tarojs/components';
import type { PetitionState } from '@xinfang/shared/lifecycle';
import { copy } from '@/copy/zh-CN';

/** A petition's state in plain words, coloured by what it asks of the person. */
export function StateChip({ state, testId = 'state-chip' }: { state: PetitionState; testId?: string }) {
  return (
    <Text className={`xf-chip xf-chip--${copy.stateTone[state]}`} data-testid={testId} data-state={state}>
      {copy.states[state]}
    </Text>
  );
}

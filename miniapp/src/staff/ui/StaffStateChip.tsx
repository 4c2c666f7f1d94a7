import { Text } from '@tarojs/components';
import type { PetitionState } from '@xinfang/shared/lifecycle';
import { staffCopy } from '@/copy/staff';

/** A petition's state in the staff's formal words, coloured by what it asks of them. */
export function StaffStateChip({ state, testId = 'state-chip' }: { state: PetitionState; testId?: string }) {
  return (
    <Text
      className={`xf-chip xf-chip--${staffCopy.stateTone[state]}`}
      data-testid={testId}
      data-state={state}
    >
      {staffCopy.states[state]}
    </Text>
  );
}

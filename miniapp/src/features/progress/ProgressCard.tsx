import { Text } from '@tarojs/components';
import type { ReplyWindow } from '@xinfang/shared/clocks';
import type { PetitionState, Stage } from '@xinfang/shared/lifecycle';
import type { ClockView } from '@xinfang/shared/schemas/petitions';
import type { ReactNode } from 'react';
import { copy } from '@/copy/zh-CN';
import { Card } from '@/ui/Card';
import { StepBar } from '@/ui/StepBar';
import { LegalBasis } from './LegalBasis';
import { PledgeLine, ReceiptLine } from './PledgeLine';
import { pledgeOf, reachedStep } from './progress';

/**
 * Where the petition stands, for the person who brought it (and for a lookup by number): the step
 * bar, the one dated promise — or, while the answer waits to be received (`awaitingReceipt`, given
 * where the person can open it), to open it, their time running from then — what else they must
 * know (an extension and its reason, Art 34), and the law behind the dates folded away.
 */
export function ProgressCard({
  state,
  stage,
  rated,
  clocks,
  now,
  awaitingReceipt = null,
  noHigherUnit = false,
  children,
}: {
  state: PetitionState;
  stage: Stage;
  rated: boolean;
  clocks: readonly ClockView[];
  now: number;
  awaitingReceipt?: ReplyWindow | null;
  /** No unit above here takes a 复查/复核 (the detail's `noHigherUnit`, Art 35, 36). */
  noHigherUnit?: boolean;
  children?: ReactNode;
}) {
  const reached = reachedStep(state, rated);
  const pledge = pledgeOf(clocks, now, noHigherUnit);
  return (
    <Card title={copy.progress.label} testId="progress" label={copy.progress.label}>
      {reached ? (
        <StepBar reached={reached} caption={copy.progress.stage[stage]} />
      ) : (
        <Text className="xf-text xf-text--strong">{copy.states[state]}</Text>
      )}
      {pledge ? (
        <PledgeLine pledge={pledge} now={now} />
      ) : (
        awaitingReceipt && <ReceiptLine window={awaitingReceipt} elsewhere={noHigherUnit} />
      )}
      {children}
      <LegalBasis clocks={clocks} />
    </Card>
  );
}

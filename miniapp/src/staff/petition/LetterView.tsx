import { Text, View } from '@tarojs/components';
import { staffCopy } from '@/copy/staff';
import { heading } from '@/ui/a11y';
import { optionLabel } from '../ui/ActionForm';

const text = staffCopy.detail;

export interface LetterValues {
  request?: string;
  factsAndReasons?: string;
  decision?: string;
  legalBasis?: string | null;
  outcome?: string;
}

/** A decision letter (信访处理意见书) in the order of Art 32: request, facts and reasons, decision, basis, outcome. */
export function LetterView({ letter, testId }: { letter: LetterValues; testId?: string }) {
  const parts: [string, string | null | undefined][] = [
    [text.letterRequest, letter.request],
    [text.letterFacts, letter.factsAndReasons],
    [text.letterDecision, letter.decision],
    [text.letterBasis, letter.legalBasis],
  ];
  return (
    <View className="staff-letter" data-testid={testId}>
      {parts.map(([title, body]) =>
        body ? (
          <View key={title} className="staff-letter__part">
            <Text className="staff-letter__heading" {...heading(3)}>
              {title}
            </Text>
            <Text className="xf-text xf-text--pre">{body}</Text>
          </View>
        ) : null,
      )}
      {letter.outcome && (
        <Text className="staff-letter__outcome" data-outcome={letter.outcome}>
          {`${text.letterOutcome}：${optionLabel('outcome', letter.outcome)}`}
        </Text>
      )}
    </View>
  );
}

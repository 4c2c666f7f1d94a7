import { Text, View } from '@tarojs/components';
import type { TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { copy } from '@/copy/zh-CN';
import { formatDate } from '@/format/dates';
import { heading } from '@/ui/a11y';
import { Card } from '@/ui/Card';

const text = copy.detail;

/** The decision letter (信访处理意见书) in the order Art 32 gives it. */
export function Letter({ event }: { event: TimelineEvent }) {
  const letter = event.data.letter as
    | {
        request?: string;
        factsAndReasons?: string;
        decision?: string;
        legalBasis?: string | null;
        outcome?: string;
      }
    | undefined;
  if (!letter) return null;
  const stage = event.stage === 'first' ? '' : `（${copy.stages[event.stage]}）`;
  return (
    <Card title={`${text.letter}${stage}`} testId="detail-letter" label={text.letter}>
      <Text className="xf-text xf-text--muted">{text.letterIssued(formatDate(event.at))}</Text>
      {letter.outcome && (
        <View className="letter__outcome" data-testid="letter-outcome" data-outcome={letter.outcome}>
          <Text>{`${text.letterOutcome}：${copy.outcomes[letter.outcome as keyof typeof copy.outcomes] ?? letter.outcome}`}</Text>
        </View>
      )}
      <LetterPart title={text.letterRequest} body={letter.request} />
      <LetterPart title={text.letterFacts} body={letter.factsAndReasons} />
      <LetterPart title={text.letterDecision} body={letter.decision} />
      <LetterPart title={text.letterBasis} body={letter.legalBasis ?? undefined} />
    </Card>
  );
}

function LetterPart({ title, body }: { title: string; body?: string }) {
  if (!body) return null;
  return (
    <View className="letter__part">
      <Text className="letter__heading" {...heading(3)}>
        {title}
      </Text>
      <Text className="xf-text xf-text--pre">{body}</Text>
    </View>
  );
}

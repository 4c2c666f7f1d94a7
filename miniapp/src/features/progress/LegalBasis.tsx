import { Text, View } from '@tarojs/components';
import type { Article } from '@xinfang/shared/lifecycle';
import { citationZh } from '@xinfang/shared/lifecycle';
import type { ClockView } from '@xinfang/shared/schemas/petitions';
import { copy } from '@/copy/zh-CN';
import { formatDateString } from '@/format/dates';
import { FoldOut } from '@/ui/FoldOut';
import { PETITIONER_CLOCKS } from './progress';

/**
 * The law behind the dates, folded away: each time limit that concerns the petitioner, its date
 * and where the 信访工作条例 sets it. Staff-internal clocks (routing, report-back, objections,
 * supervision) are not the petitioner's business and are not listed.
 */
export function LegalBasis({ clocks }: { clocks: readonly ClockView[] }) {
  const text = copy.progress.basis;
  const shown = clocks.filter((clock) => PETITIONER_CLOCKS.includes(clock.name));
  return (
    <FoldOut title={text.title} testId="legal-basis">
      <Text className="xf-text xf-text--small xf-text--muted">{text.intro}</Text>
      <View role="list">
        {shown.map((clock) => (
          <View
            key={`${clock.stage}-${clock.name}`}
            role="listitem"
            className="xf-basis"
            data-clock={clock.name}
          >
            <Text className="xf-basis__what">{text.limit[clock.name as keyof typeof text.limit]}</Text>
            <Text className="xf-basis__when">
              {clock.finishedAt === null
                ? text.dueOn(formatDateString(clock.dueDate))
                : text.finished(formatDateString(clock.dueDate))}
            </Text>
            <Text className="xf-basis__law">{citationZh(clock.article as Article)}</Text>
          </View>
        ))}
      </View>
      {text.rights.map((line) => (
        <Text key={line} className="xf-text xf-text--small">
          {line}
        </Text>
      ))}
    </FoldOut>
  );
}

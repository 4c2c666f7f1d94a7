import { Text, View } from '@tarojs/components';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import type { ReactNode } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString, formatDateTime } from '@/format/dates';
import { Card } from '@/ui/Card';
import { FoldOut } from '@/ui/FoldOut';

const text = staffCopy.coHandling;

/**
 * Who answers for the case and the parts other units answer for it (Art 24): the 承办人, and each
 * part with its unit, date and answer — the overdue marked. Shown once the case has a handling unit.
 * `withdraw`: the form to take back an unanswered part, when this person may (the lead unit).
 */
export function CoHandlingCard({ detail, withdraw }: { detail: PetitionDetail; withdraw?: ReactNode }) {
  if (!detail.units.handling) return null;
  return (
    <Card title={text.caseCard} testId="staff-co-handling" label={text.caseCard}>
      <Text className="xf-text" data-testid="staff-handler">
        {detail.handler ? `${text.handler}：${detail.handler.name}` : text.noHandler}
      </Text>
      {detail.coHandling.length === 0 ? (
        <Text className="xf-text xf-text--small xf-text--muted">{text.noParts}</Text>
      ) : (
        <View role="list" aria-label={text.parts}>
          {detail.coHandling.map((part) => (
            <View
              key={part.no}
              role="listitem"
              className={`staff-row${part.overdue ? ' staff-row--overdue' : ''}`}
              data-testid="staff-assist-part"
              data-status={part.status}
              data-overdue={part.overdue ? 'true' : 'false'}
            >
              <View className="staff-row__top">
                <Text className="staff-row__number">{`#${part.no}`}</Text>
                <Text className={`staff-badge${part.overdue ? ' staff-badge--overdue' : ''}`}>
                  {part.overdue ? text.overdue : text[part.status]}
                </Text>
              </View>
              <Text className="staff-row__meta">
                {text.partMeta(part.unit.name, formatDateString(part.dueDate))}
              </Text>
              <Text className="xf-text">{part.part}</Text>
              {part.answer && (
                <>
                  <Text className="xf-text" data-testid="staff-assist-answer">
                    {part.answer.text}
                  </Text>
                  <Text className="xf-text xf-text--small xf-text--muted">
                    {text.answerBy(part.answer.by.name, formatDateTime(part.answer.at))}
                  </Text>
                </>
              )}
            </View>
          ))}
        </View>
      )}
      {withdraw && (
        <FoldOut title={text.withdraw} testId="staff-assist-withdraw">
          {withdraw}
        </FoldOut>
      )}
    </Card>
  );
}

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { BreakdownEntry } from '@xinfang/shared/schemas/figures';
import { staffCopy } from '@/copy/staff';
import { pressable } from '@/ui/a11y';
import { Card } from '@/ui/Card';
import { staffRoutes } from '../routes';
import { changeText, filterQuery } from './model';

const text = staffCopy.figures;

/**
 * One breakdown as a table — name, this period, 同比, 环比 — with a bar drawn by the page itself
 * behind each number (no chart library: plain views render the same in WeChat and the browser,
 * grow with large text, and screen readers read the table, not a picture).
 */
export function FigureTable({
  title,
  entries,
  testId,
}: {
  title: string;
  entries: readonly BreakdownEntry[];
  testId: string;
}) {
  const largest = Math.max(1, ...entries.map((e) => e.value));
  return (
    <Card title={title} testId={testId}>
      <View className="staff-figures-table" role="table" aria-label={title}>
        <View className="staff-figures-table__row staff-figures-table__row--head" role="row">
          <Text className="staff-figures-table__name" role="columnheader">
            {title.replace(/^按/, '')}
          </Text>
          <Text className="staff-figures-table__value" role="columnheader">
            {text.period}
          </Text>
          <Text className="staff-figures-table__change" role="columnheader">
            {text.yoy}
          </Text>
          <Text className="staff-figures-table__change" role="columnheader">
            {text.mom}
          </Text>
        </View>
        {entries.map((entry) => (
          <View key={entry.key} className="staff-figures-table__row" role="row" data-testid={`${testId}-row`}>
            <Text className="staff-figures-table__name" role="rowheader">
              {entry.label}
            </Text>
            <View className="staff-figures-table__value" role="cell">
              <View
                className="staff-figures__link"
                {...pressable(
                  text.showLedger(entry.label, text.cases(entry.value)),
                  () => void Taro.navigateTo({ url: `${staffRoutes.ledger}?${filterQuery(entry.ledger)}` }),
                  { role: 'link' },
                )}
              >
                <View
                  className="staff-figures-table__bar"
                  aria-hidden="true"
                  style={{ width: `${Math.round((entry.value / largest) * 100)}%` }}
                />
                <Text>{String(entry.value)}</Text>
              </View>
            </View>
            <Text className="staff-figures-table__change" role="cell">
              {changeText(entry.value, entry.previousYear, 'count')}
            </Text>
            <Text className="staff-figures-table__change" role="cell">
              {changeText(entry.value, entry.previousPeriod, 'count')}
            </Text>
          </View>
        ))}
      </View>
    </Card>
  );
}

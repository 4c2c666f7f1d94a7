import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { LedgerFilter } from '@xinfang/shared/schemas/figures';
import { staffCopy } from '@/copy/staff';
import { pressable } from '@/ui/a11y';
import { Card } from '@/ui/Card';
import { staffRoutes } from '../routes';
import { changeText, filterQuery } from './model';

const text = staffCopy.figures;

/** A row: a breakdown's entry (a link to its ledger), or a prevention figure (no ledger; 同比/环比 may be null). */
export interface FigureRow {
  key: string;
  label: string;
  value: number;
  previousYear: number | null;
  previousPeriod: number | null;
  ledger?: LedgerFilter;
}

/**
 * One breakdown (or the prevention figures) as a table — name, this period, 同比, 环比 — with a bar drawn by the page itself
 * behind each number (no chart library: plain views render the same in WeChat and the browser,
 * grow with large text, and screen readers read the table, not a picture).
 */
export function FigureTable({
  title,
  entries,
  testId,
  nameHeader = title.replace(/^按/, ''),
  note,
}: {
  title: string;
  entries: readonly FigureRow[];
  testId: string;
  nameHeader?: string;
  /** A line in plain words under the table (the prevention card's reception days). */
  note?: string | null;
}) {
  const largest = Math.max(1, ...entries.map((e) => e.value));
  return (
    <Card title={title} testId={testId}>
      <View className="staff-figures-table" role="table" aria-label={title}>
        <View className="staff-figures-table__row staff-figures-table__row--head" role="row">
          <Text className="staff-figures-table__name" role="columnheader">
            {nameHeader}
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
            <View
              className={`staff-figures-table__value${entry.ledger ? '' : ' staff-figures-table__value--plain'}`}
              role="cell"
            >
              <Bar value={entry.value} largest={largest} label={entry.label} ledger={entry.ledger} />
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
      {note && (
        <Text className="xf-text" data-testid={`${testId}-note`}>
          {note}
        </Text>
      )}
    </Card>
  );
}

/** The number over its bar; a link to the ledger behind it when there is one. */
function Bar({
  value,
  largest,
  label,
  ledger,
}: {
  value: number;
  largest: number;
  label: string;
  ledger: LedgerFilter | undefined;
}) {
  const link = ledger
    ? pressable(
        text.showLedger(label, text.cases(value)),
        () => void Taro.navigateTo({ url: `${staffRoutes.ledger}?${filterQuery(ledger)}` }),
        { role: 'link' },
      )
    : {};
  return (
    <View className="staff-figures__link" {...link}>
      <View
        className="staff-figures-table__bar"
        aria-hidden="true"
        style={{ width: `${Math.round((value / largest) * 100)}%` }}
      />
      <Text>{String(value)}</Text>
    </View>
  );
}

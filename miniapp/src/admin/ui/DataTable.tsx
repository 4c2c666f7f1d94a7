import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';

export interface Column<T> {
  label: string;
  render: (row: T) => ReactNode;
}

/**
 * A table on a desk, a list of cards on a phone: each cell carries its column's name, shown on a
 * phone (where the header row is not) and hidden on a desk (where it is). The table's roles stay
 * the same on both, so assistive technology reads rows and cells either way.
 */
export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  rowTestId,
}: {
  label: string;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  rowTestId?: string;
}) {
  return (
    <View className="admin-table" role="table" aria-label={label}>
      <View className="admin-table__head" role="rowgroup">
        <View className="admin-table__row admin-table__row--head" role="row">
          {columns.map((column) => (
            <View key={column.label} className="admin-table__cell" role="columnheader">
              <Text>{column.label}</Text>
            </View>
          ))}
        </View>
      </View>
      <View role="rowgroup">
        {rows.map((row) => (
          <View key={rowKey(row)} className="admin-table__row" role="row" data-testid={rowTestId}>
            {columns.map((column) => (
              <View key={column.label} className="admin-table__cell" role="cell">
                <Text className="admin-table__label">{column.label}</Text>
                <View className="admin-table__value">{column.render(row)}</View>
              </View>
            ))}
          </View>
        ))}
      </View>
    </View>
  );
}

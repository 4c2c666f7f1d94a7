import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { UnitTable, UnitTableCell, UnitTableRow } from '@xinfang/shared/schemas/figures';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { pressable } from '@/ui/a11y';
import { Card } from '@/ui/Card';
import { ChipChoice } from '@/ui/ChipChoice';
import { staffRoutes } from '../routes';
import { filterQuery, sortUnitRows, type UnitSort, unitCellText } from './model';

const text = staffCopy.figures.unitTable;
type Column = UnitTable['columns'][number];

/**
 * 各单位对比: my unit's own cases (本级) and each unit directly below it side by side — the
 * intake, the rates of the first answer, repeats, collective and level-skipping petitions and the
 * answers overdue — over their total, which is my unit's figures. A table on a desk, a card per
 * unit on a phone (each cell names its column); ordered by any column, each number a link to the
 * ledger behind it.
 */
export function UnitRatesTable({ table }: { table: UnitTable }) {
  const [sort, setSort] = useState<UnitSort>({ column: 'unit' });
  const sortOptions = [
    { value: 'unit', label: text.treeOrder },
    ...table.columns.map((c) => ({ value: c.column, label: c.label })),
  ];
  const rows = sortUnitRows(table.rows, sort);
  return (
    <Card title={text.title} testId="staff-figures-units">
      <Text className="xf-text xf-text--small xf-text--muted">{text.intro}</Text>
      <ChipChoice
        label={text.sortBy}
        options={sortOptions}
        value={sort.column}
        onChange={(value) =>
          setSort(
            value === 'unit'
              ? { column: 'unit' }
              : {
                  column: value as Column['column'],
                  direction: sort.column === 'unit' ? 'desc' : sort.direction,
                },
          )
        }
        testId="staff-figures-units-sort"
      />
      {sort.column !== 'unit' && (
        <ChipChoice
          label={text.direction}
          options={(['desc', 'asc'] as const).map((d) => ({ value: d, label: text.directions[d] }))}
          value={sort.direction}
          onChange={(value) => setSort({ ...sort, direction: value as 'desc' | 'asc' })}
          testId="staff-figures-units-direction"
        />
      )}
      <View className="staff-units" role="table" aria-label={text.title}>
        <View className="staff-units__row staff-units__row--head" role="row">
          <Text className="staff-units__name" role="columnheader">
            {text.unit}
          </Text>
          {table.columns.map((c) => (
            <Text key={c.column} className="staff-units__cell" role="columnheader">
              {c.label}
            </Text>
          ))}
        </View>
        {rows.map((row) => (
          <UnitRow key={`${row.unitId}-${row.subtree}`} row={row} columns={table.columns} />
        ))}
        <UnitRow row={table.total} columns={table.columns} total />
      </View>
    </Card>
  );
}

function UnitRow({ row, columns, total = false }: { row: UnitTableRow; columns: Column[]; total?: boolean }) {
  return (
    <View
      className={`staff-units__row${total ? ' staff-units__row--total' : ''}`}
      role="row"
      data-testid={total ? 'staff-figures-units-total' : 'staff-figures-units-row'}
      data-unit={row.unitId}
    >
      <Text className="staff-units__name" role="rowheader">
        {row.label}
      </Text>
      {columns.map((column) => {
        const cell = row.cells.find((c) => c.column === column.column);
        return cell ? <UnitCell key={column.column} unit={row.label} column={column} cell={cell} /> : null;
      })}
    </View>
  );
}

function UnitCell({ unit, column, cell }: { unit: string; column: Column; cell: UnitTableCell }) {
  const value = unitCellText(cell, column.rate);
  const detail =
    cell.numerator !== undefined && cell.denominator !== undefined
      ? text.fraction(cell.numerator, cell.denominator)
      : cell.denominator !== undefined
        ? text.lateOf(cell.denominator)
        : null;
  return (
    <View className="staff-units__cell" role="cell" data-column={column.column}>
      <View
        className="staff-units__link"
        {...pressable(
          text.cellLink(unit, column.label, value),
          () => void Taro.navigateTo({ url: `${staffRoutes.ledger}?${filterQuery(cell.ledger)}` }),
          { role: 'link' },
        )}
      >
        <Text className="staff-units__label" aria-hidden="true">
          {column.label}
        </Text>
        <Text className="staff-units__number">{value}</Text>
        {detail && <Text className="staff-units__detail">{detail}</Text>}
      </View>
    </View>
  );
}

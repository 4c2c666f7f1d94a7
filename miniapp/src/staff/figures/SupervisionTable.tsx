import { Text, View } from '@tarojs/components';
import type { SupervisionFigures, SupervisionFiguresRow } from '@xinfang/shared/schemas/figures-supervision';
import { staffCopy } from '@/copy/staff';
import { Card } from '@/ui/Card';
import { SUPERVISION_COLUMNS, supervisionCells } from './model';

const text = staffCopy.figures.supervision;

/**
 * 督办通报 (Art 41): per unit of my subtree, the yellow and red lights raised, the reds signed for
 * and how fast, the 督办单 issued and how they were answered — worst first, as the server orders
 * them, over the total. Units with nothing are left out. A table on a desk, a card per unit on a
 * phone (each cell names its column), as the table of units beside it.
 */
export function SupervisionTable({ figures }: { figures: SupervisionFigures }) {
  return (
    <Card title={text.title} testId="staff-figures-supervision">
      <Text className="xf-text xf-text--small xf-text--muted">{text.intro}</Text>
      <Text className="xf-text xf-text--small xf-text--muted">{text.asOf(figures.today)}</Text>
      {figures.rows.length === 0 ? (
        <Text className="xf-text" data-testid="staff-figures-supervision-none">
          {text.none}
        </Text>
      ) : (
        <View className="staff-units" role="table" aria-label={text.title}>
          <View className="staff-units__row staff-units__row--head" role="row">
            <Text className="staff-units__name" role="columnheader">
              {text.unit}
            </Text>
            {SUPERVISION_COLUMNS.map((column) => (
              <Text key={column} className="staff-units__cell" role="columnheader">
                {text.columns[column]}
              </Text>
            ))}
          </View>
          {figures.rows.map((row) => (
            <SupervisionRow key={row.unitId} row={row} />
          ))}
          <SupervisionRow row={figures.total} total />
        </View>
      )}
    </Card>
  );
}

function SupervisionRow({ row, total = false }: { row: SupervisionFiguresRow; total?: boolean }) {
  return (
    <View
      className={`staff-units__row${total ? ' staff-units__row--total' : ''}`}
      role="row"
      data-testid={total ? 'staff-figures-supervision-total' : 'staff-figures-supervision-row'}
      data-unit={row.unitId}
    >
      <Text className="staff-units__name" role="rowheader">
        {row.label}
      </Text>
      {supervisionCells(row).map((cell) => (
        <View key={cell.column} className="staff-units__cell" role="cell" data-column={cell.column}>
          <View className="staff-units__plain">
            <Text className="staff-units__label" aria-hidden="true">
              {cell.label}
            </Text>
            <Text className="staff-units__number">{cell.value}</Text>
            {cell.detail && <Text className="staff-units__detail">{cell.detail}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}

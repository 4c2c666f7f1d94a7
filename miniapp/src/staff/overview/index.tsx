import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Overview } from '@xinfang/shared/schemas/petitions';
import { staffCopy } from '@/copy/staff';
import { formatDateTime } from '@/format/dates';
import { pressable } from '@/ui/a11y';
import { Card } from '@/ui/Card';
import { Loading, Notice } from '@/ui/Feedback';
import { mayHandOver } from '../hand-over/model';
import { inboxForUnit, staffRoutes } from '../routes';
import { overview } from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';
import './index.scss';

const text = staffCopy.overview;
const COLUMNS = ['triage', 'handling', 'awaitingApproval', 'replied', 'dueSoon', 'overdue'] as const;

/**
 * My unit at a glance: per unit of my subtree, what waits for triage, what is being handled, what
 * waits for approval, what was answered, what is due soon and what is late (counted with the units
 * below) — and each handler's open cases, so that a load too heavy for one person is seen.
 */
export default function StaffOverview() {
  const session = useStaffSession();
  const me = session.me;
  const { value: data, error, load } = useLoaded(me !== null, overview, { onShow: true, pullDown: true });

  const busiest = Math.max(1, ...(data?.handlers ?? []).map((h) => h.openCases));
  const rows = data ? treeOrder(data.units) : [];
  const minDepth = Math.min(...rows.map((u) => u.depth));
  return (
    <StaffPage
      title={text.title}
      testId="staff-overview-page"
      state={session}
      nav="overview"
      onRestored={() => void load()}
    >
      {me && !can.overview(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {!data && !error && <Loading />}
      {data && (
        <View className="staff-overview">
          <Text className="xf-text xf-text--small xf-text--muted">
            {text.asOf(formatDateTime(data.asOf))}
          </Text>
          <Card title={text.unitsLabel} testId="staff-overview-units">
            <View className="staff-table" role="table" aria-label={text.unitsLabel}>
              <View className="staff-table__row staff-table__row--head" role="row">
                <Text className="staff-table__unit" role="columnheader">
                  {staffCopy.inbox.unit}
                </Text>
                {COLUMNS.map((column) => (
                  <Text key={column} className="staff-table__cell" role="columnheader">
                    {text.columns[column]}
                  </Text>
                ))}
              </View>
              {rows.map((row) => (
                <View
                  key={row.unit.id}
                  className={`staff-table__row${row.overdue > 0 ? ' staff-table__row--alarm' : ''}`}
                  role="row"
                  data-testid="staff-overview-unit"
                  data-unit={row.unit.code}
                >
                  <View className="staff-table__unit" role="rowheader">
                    <View
                      className="staff-table__link"
                      style={{ paddingLeft: `${(row.depth - minDepth) * 0.8}em` }}
                      {...pressable(
                        text.showInbox(row.unit.name),
                        () => {
                          void Taro.navigateTo({ url: inboxForUnit(row.unit.id) });
                        },
                        { role: 'link' },
                      )}
                    >
                      <Text>{row.unit.name}</Text>
                    </View>
                  </View>
                  {COLUMNS.map((column) => (
                    <Text
                      key={column}
                      role="cell"
                      className={`staff-table__cell${
                        row[column] > 0 && (column === 'overdue' || column === 'dueSoon')
                          ? ` staff-table__cell--${column}`
                          : ''
                      }`}
                      data-column={column}
                    >
                      {String(row[column])}
                    </Text>
                  ))}
                </View>
              ))}
            </View>
          </Card>
          <Card title={text.handlers} testId="staff-overview-handlers">
            <Text className="xf-text xf-text--small xf-text--muted">{text.handlersIntro}</Text>
            {data.handlers.length === 0 ? (
              <Text className="xf-text xf-text--muted">{text.noHandlers}</Text>
            ) : (
              <View role="list">
                {[...data.handlers]
                  .sort((a, b) => b.openCases - a.openCases)
                  .map((handler) => (
                    <View
                      key={handler.staffId}
                      role="listitem"
                      className="staff-load"
                      data-testid="staff-overview-handler"
                    >
                      <View className="staff-load__top">
                        <Text className="xf-text xf-text--strong">{handler.displayName}</Text>
                        <Text className="xf-text xf-text--small xf-text--muted">{handler.unit.name}</Text>
                      </View>
                      <View className="staff-load__bar" aria-hidden="true">
                        <View
                          className={`staff-load__fill${handler.overdue > 0 ? ' staff-load__fill--alarm' : ''}`}
                          style={{ width: `${Math.round((handler.openCases / busiest) * 100)}%` }}
                        />
                      </View>
                      <Text className="xf-text xf-text--small">
                        {`${text.openCases(handler.openCases)}${handler.overdue > 0 ? ` · ${text.overdueCases(handler.overdue)}` : ''}`}
                      </Text>
                      {mayHandOver(me ?? { roles: [] }) && handler.openCases > 0 && (
                        <View
                          className="staff-table__link"
                          data-testid="staff-overview-hand-over"
                          {...pressable(
                            text.handOver(handler.displayName),
                            () => {
                              void Taro.navigateTo({ url: staffRoutes.handOver(handler.staffId) });
                            },
                            { role: 'link' },
                          )}
                        >
                          <Text>{text.handOver(handler.displayName)}</Text>
                        </View>
                      )}
                    </View>
                  ))}
              </View>
            )}
          </Card>
        </View>
      )}
    </StaffPage>
  );
}

/** The units as a tree, each followed by the units below it (the API lists them level by level). */
function treeOrder(units: Overview['units']): Overview['units'] {
  const ids = new Set(units.map((u) => u.unit.id));
  const children = new Map<string | null, Overview['units']>();
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const ordered: Overview['units'] = [];
  const walk = (parent: string | null) => {
    for (const unit of children.get(parent) ?? []) {
      ordered.push(unit);
      walk(unit.unit.id);
    }
  };
  walk(null);
  return ordered;
}

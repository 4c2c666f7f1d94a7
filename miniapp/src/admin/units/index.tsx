import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useMemo, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { StaffError } from '@/staff/ui/StaffPage';
import { useLoaded } from '@/staff/ui/use-loaded';
import { pressable } from '@/ui/a11y';
import { Loading } from '@/ui/Feedback';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';
import { adminRoutes } from '../routes';
import { adminUnits } from '../services/admin-api';
import { AdminPage, useAdminSession } from '../ui/AdminPage';
import { treeRows } from './tree';

const text = adminCopy.units;

/**
 * The organisation as a tree, from the administrator's own unit down: each unit with its code,
 * whether it receives petitions, whether it is retired, and what it holds (open cases, staff).
 * A unit's name opens it for changes; a search finds units by name or code in their place.
 */
export default function AdminUnits() {
  const session = useAdminSession();
  const me = session.admin;
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const [includeRetired, setIncludeRetired] = useState(false);
  const [query, setQuery] = useState('');

  const fetchUnits = useCallback(async () => {
    const loaded = await adminUnits();
    // At first the top and the level below it are open.
    setExpanded((open) => open ?? new Set(loaded.filter((u) => u.depth <= 1).map((u) => u.id)));
    return loaded;
  }, []);
  const { value: units, error, load } = useLoaded(me, fetchUnits, { onShow: true });

  const rows = useMemo(
    () => (units && expanded ? treeRows(units, { expanded, includeRetired, query }) : []),
    [units, expanded, includeRetired, query],
  );
  const toggle = (id: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <AdminPage
      title={text.title}
      testId="admin-units-page"
      section="units"
      session={session}
      onRestored={() => void load()}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <TextField
        label={text.search}
        value={query}
        onChange={setQuery}
        maxLength={50}
        search
        testId="admin-units-search"
      />
      <Switch
        label={text.showRetired}
        checked={includeRetired}
        onChange={setIncludeRetired}
        testId="admin-units-retired"
      />
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {!units && !error && <Loading />}
      {units && rows.length === 0 && <Text className="xf-status">{text.empty}</Text>}
      <View className="admin-tree" role="list" aria-label={text.title} data-testid="admin-units-tree">
        {rows.map(({ unit, depth, hasChildren }) => {
          const open = query.trim() !== '' || (expanded?.has(unit.id) ?? false);
          return (
            <View
              key={unit.id}
              role="listitem"
              className={`admin-tree__row${unit.retired ? ' admin-tree__row--retired' : ''}`}
              style={{ paddingLeft: `${depth * 1.4 + 0.5}em` }}
              data-testid="admin-unit-row"
              data-code={unit.code}
            >
              {hasChildren && !query.trim() ? (
                <View
                  className="admin-tree__toggle"
                  data-testid={`admin-unit-toggle-${unit.code}`}
                  {...pressable(
                    open ? text.collapse(unit.name) : text.expand(unit.name),
                    () => toggle(unit.id),
                    {
                      expanded: open,
                    },
                  )}
                >
                  <Text aria-hidden="true">{open ? '−' : '+'}</Text>
                </View>
              ) : (
                <View className="admin-tree__toggle admin-tree__toggle--leaf" aria-hidden="true" />
              )}
              <View
                className="admin-link"
                data-testid={`admin-unit-open-${unit.code}`}
                {...pressable(null, () => void Taro.navigateTo({ url: adminRoutes.unit(unit.id) }), {
                  role: 'link',
                })}
              >
                <Text>{unit.name}</Text>
              </View>
              <Text className="admin-tree__code">{`${unit.code} · ${adminCopy.kinds[unit.kind]}`}</Text>
              {unit.receivesPetitions && <Text className="admin-tag admin-tag--ok">{text.receives}</Text>}
              {unit.retired && <Text className="admin-tag admin-tag--off">{text.retired}</Text>}
              {unit.openPetitions > 0 && (
                <Text className="admin-tag admin-tag--warn">{text.open(unit.openPetitions)}</Text>
              )}
              {unit.activeStaff > 0 && <Text className="admin-tag">{text.staff(unit.activeStaff)}</Text>}
            </View>
          );
        })}
      </View>
    </AdminPage>
  );
}

import { Text, View } from '@tarojs/components';
import { PETITION_STATES } from '@xinfang/shared/lifecycle';
import type { OrgUnit, StaffMe } from '@xinfang/shared/schemas/identity';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { useEffect, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { getUnits } from '@/services/org';
import { Button } from '@/ui/Button';
import { ChipChoice } from '@/ui/ChipChoice';
import { Loading } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import {
  activeFilterCount,
  EMPTY_FILTERS,
  type FilterErrors,
  type InboxFilters,
  validateFilters,
} from './query';

const text = staffCopy.inbox;
const any = staffCopy.common.any;

/** Sort, due, state, kind, channel, category, unit and date received: edited apart, applied together. */
export function FilterPanel({
  me,
  filters,
  categories,
  onApply,
}: {
  me: StaffMe;
  filters: InboxFilters;
  categories: Category[];
  onApply: (filters: InboxFilters) => void;
}) {
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<InboxFilters>(filters);
  const [errors, setErrors] = useState<FilterErrors>({});
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const set = (patch: Partial<InboxFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const n = activeFilterCount(filters);

  useEffect(() => setDraft(filters), [filters]);
  useEffect(() => {
    if (!open || units) return;
    // My subtree: the units whose path runs through mine.
    getUnits()
      .then((all) => {
        const byId = new Map(all.map((u) => [u.id, u]));
        const below = (unit: OrgUnit): boolean => {
          for (let u: OrgUnit | undefined = unit; u; u = u.parentId ? byId.get(u.parentId) : undefined)
            if (u.id === me.unit.id) return true;
          return false;
        };
        setUnits(all.filter(below));
      })
      .catch(() => setUnits([]));
  }, [open, units, me.unit.id]);

  const apply = () => {
    const problems = validateFilters(draft);
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    onApply(draft);
    setOpen(false);
  };

  // Folded by default: a small button, so the list — not the tools — fills the phone's screen.
  return (
    <View
      className={`staff-filters-box${open ? ' staff-filters-box--open' : ''}`}
      data-testid="staff-filters"
    >
      <Button
        inline
        onPress={() => setOpen(!open)}
        expanded={open}
        label={n > 0 ? text.filtersActive(n) : text.filters}
        testId="staff-filters-toggle"
      >
        {n > 0 ? text.filtersActive(n) : text.filters}
      </Button>
      {open && (
        <View className="staff-filters" data-testid="staff-filters-panel">
          <ChipChoice
            label={text.sort}
            options={(['due', 'received', 'oldest'] as const).map((v) => ({
              value: v,
              label: text.sorts[v],
            }))}
            value={draft.sort}
            onChange={(v) => set({ sort: v as InboxFilters['sort'] })}
            testId="filter-sort"
          />
          <ChipChoice
            label={text.due}
            options={[
              { value: '', label: any },
              { value: 'soon', label: text.dueSoon },
              { value: 'overdue', label: text.dueOverdue },
            ]}
            value={draft.due}
            onChange={(v) => set({ due: v as InboxFilters['due'] })}
            testId="filter-due"
          />
          <ChipChoice
            label={text.state}
            options={[
              { value: '', label: any },
              ...PETITION_STATES.map((s) => ({ value: s, label: staffCopy.states[s] })),
            ]}
            value={draft.state}
            onChange={(v) => set({ state: v as InboxFilters['state'] })}
            testId="filter-state"
          />
          <ChipChoice
            label={text.kind}
            options={[
              { value: '', label: any },
              ...(['suggestion', 'accusation', 'request'] as const).map((k) => ({
                value: k,
                label: copy.kinds[k].formal,
              })),
            ]}
            value={draft.kind}
            onChange={(v) => set({ kind: v })}
            testId="filter-kind"
          />
          <ChipChoice
            label={text.channel}
            options={[
              { value: '', label: any },
              ...['online', 'letter', 'visit', 'call', 'fax', 'email'].map((c) => ({
                value: c,
                label: copy.channels[c] ?? c,
              })),
            ]}
            value={draft.channel}
            onChange={(v) => set({ channel: v })}
            testId="filter-channel"
          />
          <ChipChoice
            label={text.category}
            options={[
              { value: '', label: any },
              ...categories.map((c) => ({ value: c.code, label: c.name })),
            ]}
            value={draft.categoryCode}
            onChange={(v) => set({ categoryCode: v })}
            testId="filter-category"
          />
          <View className="staff-filters__unit" data-testid="filter-unit">
            <Text className="xf-chips__label" aria-hidden="true">
              {text.unit}
            </Text>
            {draft.unitId && (
              <Button inline onPress={() => set({ unitId: '' })} testId="filter-unit-all">
                {text.unitAll}
              </Button>
            )}
            {units === null ? (
              <Loading />
            ) : (
              <UnitPicker
                units={units}
                value={draft.unitId || null}
                onChange={(id) => set({ unitId: id })}
                label={text.unit}
              />
            )}
          </View>
          <View className="staff-filters__dates">
            <TextField
              label={text.receivedFrom}
              value={draft.receivedFrom}
              onChange={(v) => set({ receivedFrom: v })}
              keyboard="date"
              maxLength={10}
              error={errors.receivedFrom ?? null}
              testId="filter-from"
            />
            <TextField
              label={text.receivedTo}
              value={draft.receivedTo}
              onChange={(v) => set({ receivedTo: v })}
              keyboard="date"
              min={draft.receivedFrom || undefined}
              maxLength={10}
              error={errors.receivedTo ?? null}
              testId="filter-to"
            />
          </View>
          <View className="xf-row">
            <Button variant="primary" inline onPress={apply} testId="staff-filters-apply">
              {staffCopy.common.apply}
            </Button>
            <Button
              inline
              onPress={() => {
                setDraft({ ...EMPTY_FILTERS, sort: draft.sort });
                setErrors({});
                onApply({ ...EMPTY_FILTERS, sort: draft.sort });
              }}
              testId="staff-filters-clear"
            >
              {staffCopy.common.clear}
            </Button>
          </View>
        </View>
      )}
    </View>
  );
}

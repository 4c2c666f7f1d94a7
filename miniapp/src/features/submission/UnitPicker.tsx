import { Text, View } from '@tarojs/components';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import { useMemo, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { FieldError } from '@/ui/FieldError';
import { useUniqueId } from '@/ui/focus';
import { TextField } from '@/ui/TextField';
import { buildUnitTree, searchUnits, unitPath } from './units';
import './UnitPicker.scss';

const text = copy.submit;

/**
 * The unit a petition is about: a tree from the group down to the team, with a search by name and
 * by the words people use (aliases). Each row is a "choose" button, with an expand button when the
 * unit has units below it. Where the form allows it, 「不清楚，由信访办分办」 is a choice too.
 */
export function UnitPicker({
  units,
  value,
  onChange,
  suggested,
  unknown,
  error,
  label = text.unit,
}: {
  units: readonly OrgUnit[];
  value: string | null;
  onChange: (id: string) => void;
  /** A one-tap choice (the worker's own unit, the clerk's unit), with the words for its button. */
  suggested?: { id: string; label: string } | null;
  /** The "I do not know" choice: whether it is chosen, and what choosing it does. */
  unknown?: { chosen: boolean; onChoose: () => void };
  error?: string | null;
  /** What the unit is, for assistive technology (default: the unit a petition is about). */
  label?: string;
}) {
  const tree = useMemo(() => buildUnitTree(units), [units]);
  const id = useUniqueId('unit-picker');
  const [open, setOpen] = useState(value === null && !unknown?.chosen);
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set(tree.roots.map((u) => u.id)));

  const choose = (id: string) => {
    onChange(id);
    setOpen(false);
    setQuery('');
  };
  const toggle = (id: string) =>
    setExpanded((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const chosen = value && !unknown?.chosen ? unitPath(tree, value) : null;
  const matches = query.trim() ? searchUnits(tree, query) : null;

  const renderUnit = (unit: OrgUnit, depth: number) => {
    const children = tree.children.get(unit.id) ?? [];
    const isOpen = expanded.has(unit.id);
    return (
      <View key={unit.id} role="listitem">
        <View className="unit-picker__row" style={{ paddingLeft: `${depth * 1.2}em` }}>
          {children.length > 0 ? (
            <View
              className="unit-picker__toggle"
              data-testid={`unit-toggle-${unit.code}`}
              {...pressable(
                isOpen ? text.unitCollapse(unit.name) : text.unitExpand(unit.name),
                () => toggle(unit.id),
                {
                  expanded: isOpen,
                },
              )}
            >
              <Text aria-hidden="true">{isOpen ? '▾' : '▸'}</Text>
            </View>
          ) : (
            <View className="unit-picker__toggle unit-picker__toggle--leaf" aria-hidden="true" />
          )}
          <View
            className={`unit-picker__choose${unit.id === value ? ' unit-picker__choose--chosen' : ''}`}
            data-testid={`unit-${unit.code}`}
            {...pressable(text.unitChoose(unit.name), () => choose(unit.id))}
          >
            <Text>{unit.name}</Text>
          </View>
        </View>
        {isOpen && children.length > 0 && (
          <View role="list">{children.map((c) => renderUnit(c, depth + 1))}</View>
        )}
      </View>
    );
  };

  return (
    <View
      className="unit-picker"
      role="group"
      aria-label={label}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={error ? `${id}-error` : undefined}
      data-testid="unit-picker"
    >
      {chosen && (
        <View className="unit-picker__chosen" data-testid="unit-chosen">
          <Text className="xf-text xf-text--strong">{chosen.map((u) => u.name).join(' / ')}</Text>
        </View>
      )}
      {unknown?.chosen && (
        <View className="unit-picker__chosen" data-testid="unit-chosen" data-unknown="true">
          <Text className="xf-text xf-text--strong">{text.unitUnknownChosen}</Text>
        </View>
      )}
      <FieldError id={`${id}-error`} error={error} />
      {suggested && (suggested.id !== value || unknown?.chosen) && (
        <Button inline onPress={() => choose(suggested.id)} testId="unit-suggested">
          {suggested.label}
        </Button>
      )}
      {unknown && !unknown.chosen && (
        <Button
          inline
          onPress={() => {
            unknown.onChoose();
            setOpen(false);
            setQuery('');
          }}
          testId="unit-unknown"
        >
          {text.unitUnknown}
        </Button>
      )}
      {!open ? (
        <Button inline onPress={() => setOpen(true)} testId="unit-change">
          {text.unitChange}
        </Button>
      ) : (
        <View className="unit-picker__panel">
          <TextField
            label={text.unitSearch}
            value={query}
            onChange={setQuery}
            maxLength={20}
            placeholder={text.unitSearchPlaceholder}
            search
            testId="unit-search"
          />
          {matches ? (
            matches.length === 0 ? (
              <Text className="xf-status">{text.unitSearchEmpty}</Text>
            ) : (
              <View role="list" aria-label={label}>
                {matches.map((unit) => (
                  <View key={unit.id} role="listitem">
                    <View
                      className="unit-picker__match"
                      data-testid={`unit-${unit.code}`}
                      {...pressable(
                        text.unitChoose(
                          unitPath(tree, unit.id)
                            .map((u) => u.name)
                            .join(' / '),
                        ),
                        () => choose(unit.id),
                      )}
                    >
                      <Text className="xf-text xf-text--strong">{unit.name}</Text>
                      <Text className="xf-text xf-text--small xf-text--muted">
                        {unitPath(tree, unit.id)
                          .slice(0, -1)
                          .map((u) => u.name)
                          .join(' / ')}
                      </Text>
                    </View>
                  </View>
                ))}
              </View>
            )
          ) : (
            <View role="list" aria-label={label}>
              {tree.roots.map((root) => renderUnit(root, 0))}
            </View>
          )}
        </View>
      )}
    </View>
  );
}

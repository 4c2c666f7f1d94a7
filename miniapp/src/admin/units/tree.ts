import type { AdminUnit } from '@xinfang/shared/schemas/admin';

/** A unit's place in the administrators' tree: its depth under the top shown, and whether it has units below. */
export interface TreeRow {
  unit: AdminUnit;
  depth: number;
  hasChildren: boolean;
}

const order = (a: AdminUnit, b: AdminUnit) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);

/**
 * The units in tree order, each under its parent: those under a collapsed unit are left out, and
 * so are retired units unless asked for. A search shows every unit whose name or code contains it,
 * with the units above it so that each is seen in its place. The top is whichever units have no
 * parent among those given (an administrator's own unit, for a mine's administrator).
 */
export function treeRows(
  units: readonly AdminUnit[],
  options: { expanded: ReadonlySet<string>; includeRetired: boolean; query?: string },
): TreeRow[] {
  const shown = units.filter((u) => options.includeRetired || !u.retired);
  const byId = new Map(shown.map((u) => [u.id, u]));
  const children = new Map<string | null, AdminUnit[]>();
  for (const unit of shown) {
    const parent = unit.parentId && byId.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  for (const list of children.values()) list.sort(order);

  const query = options.query?.trim().toLowerCase() ?? '';
  const wanted = new Set<string>();
  if (query) {
    for (const unit of shown) {
      if (!`${unit.name} ${unit.code}`.toLowerCase().includes(query)) continue;
      for (let at: AdminUnit | undefined = unit; at; at = at.parentId ? byId.get(at.parentId) : undefined)
        wanted.add(at.id);
    }
  }

  const rows: TreeRow[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const unit of children.get(parent) ?? []) {
      if (query && !wanted.has(unit.id)) continue;
      const below = children.get(unit.id) ?? [];
      rows.push({ unit, depth, hasChildren: below.length > 0 });
      if (query || options.expanded.has(unit.id)) walk(unit.id, depth + 1);
    }
  };
  walk(null, 0);
  return rows;
}

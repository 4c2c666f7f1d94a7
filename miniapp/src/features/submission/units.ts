import type { OrgUnit } from '@xinfang/shared/schemas/identity';

/** The organisation as a tree, from the flat list `GET /api/org/units` answers with. */
export interface UnitTree {
  roots: OrgUnit[];
  byId: Map<string, OrgUnit>;
  children: Map<string, OrgUnit[]>;
}

export function buildUnitTree(units: readonly OrgUnit[]): UnitTree {
  const active = units.filter((u) => !u.retired);
  const byId = new Map(active.map((u) => [u.id, u]));
  const children = new Map<string, OrgUnit[]>();
  const roots: OrgUnit[] = [];
  for (const unit of active) {
    if (unit.parentId && byId.has(unit.parentId)) {
      const list = children.get(unit.parentId) ?? [];
      list.push(unit);
      children.set(unit.parentId, list);
    } else roots.push(unit);
  }
  const order = (a: OrgUnit, b: OrgUnit) => a.sortOrder - b.sortOrder || a.name.localeCompare(b.name, 'zh');
  roots.sort(order);
  for (const list of children.values()) list.sort(order);
  return { roots, byId, children };
}

/** The unit and its ancestors, from the root down. */
export function unitPath(tree: UnitTree, id: string): OrgUnit[] {
  const path: OrgUnit[] = [];
  let unit = tree.byId.get(id);
  while (unit && path.length < 64) {
    path.unshift(unit);
    unit = unit.parentId ? tree.byId.get(unit.parentId) : undefined;
  }
  return path;
}

/** The words a unit is known by: its name and its aliases (「运输」 for 运输队 and 机运区). */
function namesOf(unit: OrgUnit): string[] {
  return [unit.name, ...unit.aliases].map((name) => name.toLowerCase());
}

/**
 * Units known by a word of the query — by name or by an alias — whose path (the unit and the
 * units above it) knows every word: 「运输」 finds 运输队 and 机运区, 「东山 综采」 the 综采区 of
 * 东山煤矿 and not that of 西河煤矿. Names like "综采一队" exist in both mines.
 */
export function searchUnits(tree: UnitTree, query: string): OrgUnit[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return [...tree.byId.values()].filter((unit) => {
    const own = namesOf(unit);
    const path = unitPath(tree, unit.id).flatMap(namesOf);
    return (
      words.some((w) => own.some((name) => name.includes(w))) &&
      words.every((w) => path.some((name) => name.includes(w)))
    );
  });
}

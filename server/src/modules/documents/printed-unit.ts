import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { pathIds } from '../../db/subtree';
import { type UnitFacts, unitsWithSettings } from './document.repository';

/**
 * The longest prefix (机关代字) a unit sets or is given, as its column holds: with it a number
 * (东山煤矿综采区信复〔2026〕12号) stays well inside the 60 characters `document.number` holds.
 */
const PREFIX_MAX = 12;
/** What a prefix is made of (the settings body's pattern): a name's other characters are left out. */
const PREFIX_CHARACTER = /[\u4e00-\u9fa5A-Za-z0-9]/;

/** How documents name a unit: on the letterhead, at the signature, and in their text. */
export interface PrintedUnit {
  /** The name with the units above it below the root: 东山煤矿综采区, not 综采区 (two mines have one). */
  printedName: string;
  /** The unit's own prefix, or one made from its printed name's parts (东山煤矿综采区, 东山综采区). */
  prefix: string;
}

/**
 * Every unit of a chain as documents print it; the chain runs from the root down. The root and the
 * units right below it print their own names. A unit lower down prints its name after the printed
 * name of its parent — or, when its name already starts with the name of a unit above it (below
 * the root), after that unit's printed name, without saying it twice: 综采区 under 东山煤矿 is
 * 东山煤矿综采区, 东山煤矿安全科 stays as it is. Its default prefix is made the same way from
 * that unit's prefix (东山综采区 once the mine has set 东山), bounded to what a prefix may hold.
 * Numbers are counted per prefix, so even two units with one prefix never print one number twice.
 */
export function printedChain(chain: readonly UnitFacts[]): PrintedUnit[] {
  const printed: PrintedUnit[] = [];
  chain.forEach((unit, depth) => {
    let name = unit.name;
    let prefix = unit.name;
    if (depth >= 2) {
      let above = depth - 1;
      while (above >= 1 && !unit.name.startsWith(chain[above]?.name ?? '')) above -= 1;
      const own = above >= 1 ? unit.name.slice(chain[above]?.name.length) : unit.name;
      const base = printed[above >= 1 ? above : depth - 1];
      name = `${base?.printedName ?? ''}${own}`;
      prefix = `${base?.prefix ?? ''}${own}`;
    }
    // A name without one character a prefix may hold falls back to the unit's code.
    printed.push({
      printedName: name,
      prefix: unit.settings?.prefix || bounded(prefix) || bounded(unit.code) || 'XF',
    });
  });
  return printed;
}

function bounded(text: string): string {
  return [...text]
    .filter((c) => PREFIX_CHARACTER.test(c))
    .slice(0, PREFIX_MAX)
    .join('');
}

/** Units by id, with what documents print of them (reading the units above them too). */
export async function printedUnits(
  db: Kysely<DB> | Transaction<DB>,
  ids: readonly string[],
): Promise<Map<string, UnitFacts & PrintedUnit>> {
  const units = await unitsWithSettings(db, ids);
  const above = [...units.values()].flatMap((unit) => pathIds(unit.path)).filter((id) => !units.has(id));
  return printedAmong(new Map([...units, ...(await unitsWithSettings(db, above))]), [...units.keys()]);
}

/** The units of `ids` as printed, their chains read from `all`. */
export function printedAmong(
  all: ReadonlyMap<string, UnitFacts>,
  ids: readonly string[],
): Map<string, UnitFacts & PrintedUnit> {
  const result = new Map<string, UnitFacts & PrintedUnit>();
  for (const id of ids) {
    const unit = all.get(id);
    if (!unit) continue;
    const chain = pathIds(unit.path).flatMap((above) => all.get(above) ?? []);
    const printed = printedChain(chain).at(-1) ?? { printedName: unit.name, prefix: bounded(unit.name) };
    result.set(id, { ...unit, ...printed });
  }
  return result;
}

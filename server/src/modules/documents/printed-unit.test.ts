import { describe, expect, it } from 'vitest';
import type { UnitFacts } from './document.repository';
import { printedChain } from './printed-unit';

const unit = (name: string, prefix: string | null = null): UnitFacts => ({
  id: name,
  code: 'U-1',
  name,
  path: '',
  retired: false,
  settings: prefix
    ? {
        unit_id: name,
        prefix,
        signatory_name: null,
        signatory_title: null,
        seal_key: null,
        updated_by: 'a',
        updated_at: '2026-01-01T00:00:00.000Z',
      }
    : null,
});
const GROUP = unit('晋安煤业集团');

describe('how documents name a unit and number its notices', () => {
  it('names a unit below a mine with the mine, once, and makes its prefix the same way', () => {
    const mine = unit('东山煤矿');
    expect(printedChain([GROUP, mine, unit('综采区'), unit('综采一队')])).toEqual([
      { printedName: '晋安煤业集团', prefix: '晋安煤业集团' },
      { printedName: '东山煤矿', prefix: '东山煤矿' },
      { printedName: '东山煤矿综采区', prefix: '东山煤矿综采区' },
      { printedName: '东山煤矿综采区综采一队', prefix: '东山煤矿综采区综采一队' },
    ]);
    // A name that already starts with a unit's above it is not said twice.
    expect(printedChain([GROUP, mine, unit('东山煤矿安全科')]).at(-1)?.printedName).toBe('东山煤矿安全科');
    expect(printedChain([GROUP, mine, unit('综采区'), unit('东山煤矿综采二队')]).at(-1)).toEqual({
      printedName: '东山煤矿综采二队',
      prefix: '东山煤矿综采二队',
    });
  });

  it('builds on a prefix set above, keeps one set on the unit, and bounds what it makes', () => {
    const mine = unit('东山煤矿', '东山');
    expect(printedChain([GROUP, mine, unit('东山煤矿安全科')]).at(-1)?.prefix).toBe('东山安全科');
    expect(printedChain([GROUP, mine, unit('综采区', '东综')]).at(-1)?.prefix).toBe('东综');
    // Only what a prefix may hold, at most 12 characters: the start, which names the mine.
    const long = printedChain([GROUP, mine, unit('机运区（机电·运输）设备管理与维修中心')]).at(-1);
    expect(long).toEqual({
      printedName: '东山煤矿机运区（机电·运输）设备管理与维修中心',
      prefix: '东山机运区机电运输设备管',
    });
    expect(printedChain([unit('（　）')]).at(-1)?.prefix).toBe('U1');
  });
});

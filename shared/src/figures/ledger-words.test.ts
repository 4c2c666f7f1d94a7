import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHANNELS, PETITION_KINDS } from '../lifecycle/vocabulary';
import type { LedgerFilter } from '../schemas/figures';
import { ledgerFilterWords } from './ledger-words';
import { FIGURE_METRICS } from './metrics';

const filters: fc.Arbitrary<LedgerFilter> = fc.record(
  {
    figure: fc.constantFrom(...FIGURE_METRICS),
    from: fc.constant('2026-03-01'),
    to: fc.constant('2026-03-31'),
    unitId: fc.constantFrom('u-ds', 'u-xh'),
    subtree: fc.boolean(),
    channel: fc.constantFrom(...CHANNELS),
    kind: fc.constantFrom(...PETITION_KINDS),
    categoryCode: fc.constantFrom('wages', 'safety'),
    state: fc.constantFrom('handling', 'replied', 'final'),
    overdue: fc.boolean(),
    repeat: fc.boolean(),
    collective: fc.boolean(),
    late: fc.boolean(),
    search: fc.constantFrom('补贴', 'XF2026-000001'),
  },
  { requiredKeys: [] },
);

describe('the ledger’s filter in words', () => {
  it('names what a ledger opened from 「按渠道 来访」 of a unit is narrowed to', () => {
    const words = ledgerFilterWords(
      { figure: 'received', from: '2026-03-01', to: '2026-03-31', unitId: 'u-ds', channel: 'visit' },
      { unitName: '东山煤矿' },
    );
    expect(words).toEqual([
      '统计口径：收到信访事项',
      '2026-03-01 至 2026-03-31',
      '单位：东山煤矿（含下级单位）',
      '渠道：来访',
    ]);
    expect(
      ledgerFilterWords(
        { unitId: 'u-ds', subtree: false, categoryCode: 'wages', collective: true },
        { unitName: '东山煤矿', categoryName: '工资待遇' },
      ),
    ).toEqual([
      '统计口径：收到信访事项',
      '单位：东山煤矿（本级，不含下级单位）',
      '事项分类：工资待遇',
      '仅集体访',
    ]);
    expect(ledgerFilterWords({ figure: 'owed.first', late: true })).toEqual([
      '统计口径：应办结',
      '仅未按期办结',
    ]);
  });

  it('says every filter: leaving any one out changes the words', () => {
    fc.assert(
      fc.property(filters, (filter) => {
        const words = ledgerFilterWords(filter, { unitName: '东山煤矿', categoryName: '工资待遇' });
        for (const key of Object.keys(filter) as (keyof LedgerFilter)[]) {
          // The defaults read the same either way: the figure received, the units below included.
          if (key === 'figure' && filter.figure === 'received') continue;
          if (key === 'subtree' && filter.subtree) continue;
          if (key === 'to' && filter.from === undefined) continue;
          const { [key]: _left, ...rest } = filter;
          expect(
            ledgerFilterWords(rest, { unitName: '东山煤矿', categoryName: '工资待遇' }),
            key,
          ).not.toEqual(words);
        }
      }),
    );
  });
});

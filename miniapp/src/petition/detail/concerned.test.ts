import type { PetitionDetail, TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { describe, expect, it } from 'vitest';
import { concernedUnitName } from './concerned';

const unit = (code: string, name: string) => ({ id: `u-${code}`, code, name });
const group = unit('JA', '晋安煤业集团');
const section = unit('JA-DS-AQK', '东山煤矿安全科');
const mine = unit('JA-DS', '东山煤矿');
const step = (type: string, stage: TimelineEvent['stage'], at = unit('JA-DS-AQK', '东山煤矿安全科')) =>
  ({ type, stage, unit: at }) as TimelineEvent;

type Case = Pick<PetitionDetail, 'stage' | 'units' | 'timeline'>;
const left = (over: Partial<Case>): Case => ({
  stage: 'first',
  units: { receiving: group, concerned: null, handling: null },
  timeline: [],
  ...over,
});

describe('涉及单位 on the case’s page', () => {
  it('is the unit the petitioner named', () => {
    expect(concernedUnitName(left({ units: { receiving: group, concerned: mine, handling: section } }))).toBe(
      '东山煤矿',
    );
  });

  it('left to the petition office: none until it gives the case to a unit', () => {
    expect(concernedUnitName(left({}))).toBeNull();
  });

  it('then the unit it went to, and once answered the unit that answered — through review too', () => {
    const assigned = left({ units: { receiving: group, concerned: null, handling: section } });
    expect(concernedUnitName(assigned)).toBe('东山煤矿安全科');
    const answered = left({
      ...assigned,
      timeline: [step('assigned', 'first'), step('reply_issued', 'first')],
    });
    expect(concernedUnitName(answered)).toBe('东山煤矿安全科');
    // The mine reviews: it handles the case now, but the matter is still the section's.
    const review = left({
      stage: 'review',
      units: { receiving: group, concerned: null, handling: mine },
      timeline: [...answered.timeline, step('review_requested', 'review', mine)],
    });
    expect(concernedUnitName(review)).toBe('东山煤矿安全科');
  });
});

import type { TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { describe, expect, it, vi } from 'vitest';
import { detailsOf } from './Timeline';

vi.mock('@tarojs/components', () => ({ Text: () => null, View: () => null }));
// A step's photos load through the Taro runtime, which needs the app's build.
vi.mock('./EventAttachments', () => ({ EventAttachments: () => null }));

const names: Record<string, string> = { 'u-ds': '东山煤矿', 'u-ja': '晋安煤业集团' };
const unitName = (id: unknown) => names[String(id)] ?? '?';
const step = (data: Record<string, unknown>) =>
  ({ type: 'concerned_unit_set', data }) as unknown as TimelineEvent;

describe('the steps that name the units', () => {
  it('says when an accusation about the receiving office went to the office above (Art 30)', () => {
    expect(detailsOf(step({ unitId: 'u-ds', previousUnitId: null, handedUpTo: 'u-ja' }), unitName)).toEqual([
      '涉及单位：东山煤矿',
      '按规定交晋安煤业集团办理',
    ]);
    expect(detailsOf(step({ unitId: 'u-ds', previousUnitId: null }), unitName)).toEqual([
      '涉及单位：东山煤矿',
    ]);
    const registered = {
      type: 'registered',
      data: { channel: 'visit', receivingUnitId: 'u-ja', handedUpFrom: 'u-ds' },
    } as unknown as TimelineEvent;
    expect(detailsOf(registered, unitName)).toEqual(['来访', '按规定交晋安煤业集团办理']);
  });
});

describe('an appeal', () => {
  const appeal = (data: Record<string, unknown>) =>
    ({ type: 'review_requested', data }) as unknown as TimelineEvent;

  it('says who answers it, and, when the office wrote it down from a letter or a visit, that and when', () => {
    expect(detailsOf(appeal({ unitId: 'u-ds', reason: '补发金额不对' }), unitName)).toEqual([
      '由东山煤矿办理',
      '补发金额不对',
    ]);
    expect(
      detailsOf(
        appeal({ unitId: 'u-ds', reason: '补发金额不对', channel: 'letter', receivedOn: '2026-04-03' }),
        unitName,
      ),
    ).toEqual(['由东山煤矿办理', '工作人员根据来信代为登记，2026年4月3日收到', '补发金额不对']);
  });
});

describe('a reward for a suggestion (Art 29)', () => {
  it('says which unit gave what, for an adopted or partly adopted suggestion, then its words', () => {
    const rewarded = (data: Record<string, unknown>) =>
      ({ type: 'suggestion_rewarded', data }) as unknown as TimelineEvent;
    expect(
      detailsOf(
        rewarded({ reward: 'commendation', outcome: 'adopted', unitId: 'u-ds', description: '全矿通报表扬' }),
        unitName,
      ),
    ).toEqual(['您的建议被采纳，东山煤矿给予您通报表扬', '全矿通报表扬']);
    expect(
      detailsOf(rewarded({ reward: 'bonus', outcome: 'partly_adopted', unitId: 'u-ja' }), unitName),
    ).toEqual(['您的建议被部分采纳，晋安煤业集团给予您奖金']);
  });
});

describe('the decision after an unsatisfied rating', () => {
  it('says whether the case is handled again, then the explanation written for the petitioner', () => {
    const told = (data: Record<string, unknown>) =>
      ({ type: 'rehandling_notified', data }) as unknown as TimelineEvent;
    expect(detailsOf(told({ rehandle: false, toPetitioner: '原答复已说明加装计划' }), unitName)).toEqual([
      '决定不再重新办理，原答复意见不变',
      '说明：原答复已说明加装计划',
    ]);
    expect(detailsOf(told({ rehandle: true, toPetitioner: null }), unitName)).toEqual([
      '决定重新办理，办理后会重新书面答复您',
    ]);
  });
});

import type { Stage } from '../lifecycle/vocabulary';
import { type FigureMetric, stageMetric } from './metrics';

/** A rate: one count over another, with what it follows — the statute, or common practice. */
export interface RateDefinition {
  label: string;
  numerator: FigureMetric;
  denominator: FigureMetric;
  /** The formula in words, as the bulletins print it. */
  formula: string;
  /** The article or practice the rate follows. */
  basis: string;
}

const STAGE_PREFIX: Readonly<Record<Stage, string>> = { first: '', review: '复查', re_examination: '复核' };
const ANSWER_BASIS: Readonly<Record<Stage, string>> = {
  first: '信访工作条例第三十四条：自受理之日起60日内办结，经批准延长的不超过30日，延长期计入',
  review: '信访工作条例第三十五条：自收到复查请求之日起30日内提出复查意见',
  re_examination: '信访工作条例第三十六条：自收到复核请求之日起30日内提出复核意见，听证时间不计入',
};

/** What 应办结 holds beside the cases answered or still open. */
const OWED_NOTE = (formula: string) =>
  `${formula}（逾期后才撤回等终止的仍计入；重新办理的，每次答复各计一件）`;

type StageRateName = 'on_time' | 'reply' | 'participation' | 'satisfaction';

function stageRates<S extends Stage>(stage: S): Record<`${StageRateName}.${S}`, RateDefinition> {
  const p = STAGE_PREFIX[stage];
  const m = (name: Parameters<typeof stageMetric>[0]) => stageMetric(name, stage);
  const rates: Record<`${StageRateName}.${Stage}`, RateDefinition> = {
    [`on_time.${stage}`]: {
      label: `${p}按期办结率`,
      numerator: m('on_time'),
      denominator: m('owed'),
      formula: OWED_NOTE('期限届满于本期、按期出具意见的件数 ÷ 期限届满于本期的应办结件数'),
      basis: ANSWER_BASIS[stage],
    },
    [`reply.${stage}`]: {
      label: `${p}答复率`,
      numerator: m('answered'),
      denominator: m('owed'),
      formula: OWED_NOTE('期限届满于本期、已出具意见的件数（含逾期） ÷ 期限届满于本期的应办结件数'),
      basis: `${ANSWER_BASIS[stage]}；信访工作条例第三十二条：书面答复信访人`,
    },
    [`participation.${stage}`]: {
      label: `${p}参评率`,
      numerator: m('rated'),
      denominator: m('replied'),
      formula: '本期出具意见、信访人已评价的件数 ÷ 本期出具意见的件数',
      basis: '信访工作条例第二十一条：信访人对办理情况进行满意度评价（通行的统计口径）',
    },
    [`satisfaction.${stage}`]: {
      label: `${p}满意率`,
      numerator: m('satisfied'),
      denominator: m('rated'),
      formula: '（满意 + 基本满意）件数 ÷ 参评件数',
      basis: '信访工作条例第二十一条；满意含基本满意（通行的统计口径）',
    },
  } as Record<`${StageRateName}.${Stage}`, RateDefinition>;
  return rates;
}

/** Every rate of the figures and the reports, each defined here once. */
export const RATES = {
  timely_acceptance: {
    label: '及时受理率',
    numerator: 'triaged_on_time',
    denominator: 'triage_owed',
    formula:
      '分办期限届满于本期、在收到之日起15日内作出受理、转送、交办等决定的件数 ÷ 分办期限届满于本期的件数（尚未决定的计入）',
    basis: '信访工作条例第二十二条、第二十三条：15日内转送、交办或直接办理并告知',
  },
  timely_notice: {
    label: '及时告知率',
    numerator: 'notified_on_time',
    denominator: 'notice_owed',
    formula:
      '告知期限届满于本期、在收到之日起15日内书面告知信访人的件数 ÷ 告知期限届满于本期的件数（尚未告知的计入）',
    basis: '信访工作条例第二十三条第二款：15日内书面告知信访人是否受理、如何办理',
  },
  ...stageRates('first'),
  resolution: {
    label: '化解率',
    numerator: 'resolved',
    denominator: 'concluded',
    formula: '本期办结的信访事项中已化解（最后一次答复信访人满意或基本满意）的件数 ÷ 本期办结件数',
    basis: '通行的统计口径：化解 ÷ 办结',
  },
  review_rate: {
    label: '复查率',
    numerator: 'review_requested',
    denominator: 'replied.first',
    formula: '本期出具的处理意见中被请求复查的件数 ÷ 本期出具处理意见的件数',
    basis: '信访工作条例第三十五条',
  },
  review_change_rate: {
    label: '复查改变率',
    numerator: 'review_changed',
    denominator: 'replied.review',
    formula: '本期出具的复查意见中改变原处理意见的件数 ÷ 本期出具复查意见的件数',
    basis: '信访工作条例第三十五条',
  },
  ...stageRates('review'),
  re_exam_rate: {
    label: '复核率',
    numerator: 're_exam_requested',
    denominator: 'replied.review',
    formula: '本期出具的复查意见中被请求复核的件数 ÷ 本期出具复查意见的件数',
    basis: '信访工作条例第三十六条',
  },
  re_exam_change_rate: {
    label: '复核改变率',
    numerator: 're_exam_changed',
    denominator: 'replied.re_examination',
    formula: '本期出具的复核意见中改变复查意见的件数 ÷ 本期出具复核意见的件数',
    basis: '信访工作条例第三十六条',
  },
  ...stageRates('re_examination'),
  repeat_rate: {
    label: '重复信访率',
    numerator: 'repeat',
    denominator: 'received',
    formula: '本期收到的重复信访件数 ÷ 本期收到件数',
    basis: '通行的统计口径；重复信访指同一信访人就同一事项再次信访（第十九条第三款、第三十六条第三款）',
  },
} as const satisfies Record<string, RateDefinition>;

export type RateName = keyof typeof RATES;
export const RATE_NAMES = Object.keys(RATES) as RateName[];

/** numerator ÷ denominator, or null when nothing was counted (a rate of 0 of 0 is no rate). */
export function rateValue(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** 同比 / 环比 as a change ratio: (now − before) ÷ before, or null when before was zero. */
export function changeOf(now: number, before: number): number | null {
  return before !== 0 ? (now - before) / before : null;
}

import type { Stage } from '../lifecycle/vocabulary';
import { STAGES } from '../lifecycle/vocabulary';

/**
 * The counts the figures are made of. Each counts a petition on a Beijing day (the day of the
 * event it counts, or the due day for what is owed) for the petition's figure unit
 * (`figureUnitOf`) — once, or for the answers of a stage once per answer. A rate is always one
 * metric over another (rates.ts), so each count is kept once and each rate is reproduced by the
 * ledger filtered to its two counts.
 */
export const INTAKE_METRICS = [
  'received',
  'collective',
  'collective_people',
  'repeat',
  'level_skipping',
  'declined_pending_below',
] as const;
/**
 * Triage (Art 22, 23): decisions made; the 15-day limits to decide and to tell the petitioner,
 * owed on their due day (also while undecided) and met; cases forwarded (转送) and assigned (交办).
 */
export const TRIAGE_METRICS = [
  'triaged',
  'triage_owed',
  'triaged_on_time',
  'notice_owed',
  'notified_on_time',
  'forwarded',
  'assigned',
] as const;
/**
 * Per stage: each answer owed and given (keyed by its due day), each answer given and its rating
 * (keyed by the day it was given) — a case handled again counts its second answer too.
 */
export const STAGE_METRIC_NAMES = ['owed', 'answered', 'on_time', 'replied', 'rated', 'satisfied'] as const;
export const APPEAL_METRICS = [
  'review_requested',
  'review_changed',
  're_exam_requested',
  're_exam_changed',
] as const;
export const END_METRICS = ['concluded', 'resolved'] as const;
/**
 * Oversight and suggestions: supervised cases (Art 40), petitioners' suggestions adopted in whole or
 * part and those whose petitioner was rewarded (Art 29), and the suggestions to improve work issued
 * from a case and adopted (改进建议, Art 40).
 */
export const OTHER_METRICS = [
  'supervised',
  'adopted',
  'rewarded',
  'improvement_suggested',
  'improvement_adopted',
] as const;

export type StageMetricName = (typeof STAGE_METRIC_NAMES)[number];
export type StageMetric = `${StageMetricName}.${Stage}`;
export type FigureMetric =
  | (typeof INTAKE_METRICS)[number]
  | (typeof TRIAGE_METRICS)[number]
  | StageMetric
  | (typeof APPEAL_METRICS)[number]
  | (typeof END_METRICS)[number]
  | (typeof OTHER_METRICS)[number];

export function stageMetric(name: StageMetricName, stage: Stage): StageMetric {
  return `${name}.${stage}`;
}

export const FIGURE_METRICS: readonly FigureMetric[] = [
  ...INTAKE_METRICS,
  ...TRIAGE_METRICS,
  ...STAGES.flatMap((stage) => STAGE_METRIC_NAMES.map((name) => stageMetric(name, stage))),
  ...APPEAL_METRICS,
  ...END_METRICS,
  ...OTHER_METRICS,
];

export function isFigureMetric(value: unknown): value is FigureMetric {
  return typeof value === 'string' && (FIGURE_METRICS as readonly string[]).includes(value);
}

const STAGE_NAMES: Readonly<Record<Stage, string>> = { first: '', review: '复查', re_examination: '复核' };

const STAGE_METRIC_LABELS: Readonly<Record<StageMetricName, string>> = {
  owed: '应办结',
  answered: '已办结',
  on_time: '按期办结',
  replied: '已答复',
  rated: '参评',
  satisfied: '满意（含基本满意）',
};

const LABELS: Readonly<Record<Exclude<FigureMetric, StageMetric>, string>> = {
  // 收到: every petition registered, declined and undecided ones too; 受理 is said of accepted ones.
  received: '收到信访事项',
  collective: '集体访批次',
  collective_people: '集体访人次',
  repeat: '重复信访',
  level_skipping: '越级访',
  declined_pending_below: '下级正在办理不予受理',
  triaged: '已分办（受理、转送、交办或不予受理等）',
  triage_owed: '分办期限届满',
  triaged_on_time: '15日内分办',
  notice_owed: '告知期限届满',
  notified_on_time: '15日内书面告知',
  forwarded: '转送',
  assigned: '交办',
  review_requested: '请求复查',
  review_changed: '复查改变原处理意见',
  re_exam_requested: '请求复核',
  re_exam_changed: '复核改变复查意见',
  concluded: '办结终结',
  resolved: '化解',
  supervised: '督办',
  adopted: '建议被采纳（含部分采纳）',
  rewarded: '建议提出人获奖励',
  improvement_suggested: '提出改进工作建议',
  improvement_adopted: '改进建议被采纳（含部分采纳）',
};

/** The Chinese name of a count, for the figures page, the ledger heading and the reports. */
export function metricLabel(metric: FigureMetric): string {
  const [name, stage] = metric.split('.') as [string, Stage | undefined];
  if (stage === undefined) return LABELS[metric as keyof typeof LABELS];
  return `${STAGE_NAMES[stage]}${STAGE_METRIC_LABELS[name as StageMetricName]}`;
}

/** Which day a count falls on — the ledger's period filter means the same day. */
const METRIC_DAY: Readonly<Record<string, string>> = {
  received: '收到之日',
  collective: '收到之日',
  collective_people: '收到之日',
  repeat: '收到之日',
  level_skipping: '收到之日',
  declined_pending_below: '收到之日',
  triaged: '作出分办决定之日',
  triage_owed: '分办期限届满之日',
  triaged_on_time: '分办期限届满之日',
  notice_owed: '告知期限届满之日',
  notified_on_time: '告知期限届满之日',
  forwarded: '首次转送之日',
  assigned: '首次交办之日',
  owed: '办理期限届满之日',
  answered: '办理期限届满之日',
  on_time: '办理期限届满之日',
  replied: '出具答复意见之日',
  rated: '出具答复意见之日',
  satisfied: '出具答复意见之日',
  review_requested: '原处理意见出具之日',
  review_changed: '复查意见出具之日',
  re_exam_requested: '复查意见出具之日',
  re_exam_changed: '复核意见出具之日',
  concluded: '办结之日',
  resolved: '办结之日',
  supervised: '首次督办之日',
  adopted: '首次出具采纳意见之日',
  rewarded: '首次记录奖励之日',
  improvement_suggested: '首次提出改进建议之日',
  improvement_adopted: '首次记录采纳之日',
};

/** The day a metric falls on, in words. */
export function metricDay(metric: FigureMetric): string {
  return METRIC_DAY[metric.split('.')[0] as string] ?? '';
}

/**
 * The limits owed that the ledger's `late` filter applies to, each with the count of those met on
 * time: 应办结 and 按期办结 of each stage (Art 34, 35, 36), and the 15 days to decide and to tell
 * the petitioner (Art 22, 23). Late ones are the first less the second, as the rates count them.
 */
export const MET_ON_TIME = {
  triage_owed: 'triaged_on_time',
  notice_owed: 'notified_on_time',
  'owed.first': 'on_time.first',
  'owed.review': 'on_time.review',
  'owed.re_examination': 'on_time.re_examination',
} as const satisfies Partial<Record<FigureMetric, FigureMetric>>;
export type OwedLimit = keyof typeof MET_ON_TIME;

export function isOwedLimit(figure: string | undefined): figure is OwedLimit {
  return figure !== undefined && Object.keys(MET_ON_TIME).includes(figure);
}

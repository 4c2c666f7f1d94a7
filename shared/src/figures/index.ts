export type { FigureFact, FigureInputs, SuggestionFact } from './facts';
export {
  ANSWER_CLOCK,
  COLLECTIVE_MIN_PEOPLE,
  CONCLUDED_STATES,
  figureFactsOf,
  figureUnitOf,
} from './facts';
export { CHANNEL_LABELS, KIND_LABELS, PREVENTION_LABELS, STATE_LABELS } from './labels';
export type { LedgerNames } from './ledger-words';
export { ledgerFilterWords } from './ledger-words';
export type { FigureMetric, StageMetric, StageMetricName } from './metrics';
export {
  FIGURE_METRICS,
  isFigureMetric,
  metricDay,
  metricLabel,
  STAGE_METRIC_NAMES,
  stageMetric,
} from './metrics';
export type { ComparedPeriods, FigurePeriod } from './periods';
export { bulletinPeriod, comparedPeriods, previousPeriod, sameTimeLastYear, yearPeriod } from './periods';
export type { PreventionFigure } from './prevention';
export { PREVENTION_FIGURES } from './prevention';
export type { RateDefinition, RateName } from './rates';
export { changeOf, RATE_NAMES, RATES, rateValue } from './rates';
export { changeText, percentText } from './words';

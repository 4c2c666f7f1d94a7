import type { LedgerFilter } from '../schemas/figures';
import { CHANNEL_LABELS, KIND_LABELS, STATE_LABELS } from './labels';
import { isOwedLimit, metricLabel, type OwedLimit } from './metrics';

/** What `late` narrows each limit owed to, in the bulletins' words. */
const LATE_WORDS: Readonly<Record<OwedLimit, string>> = {
  triage_owed: '未在15日内分办',
  notice_owed: '未在15日内书面告知',
  'owed.first': '未按期办结',
  'owed.review': '复查未按期办结',
  'owed.re_examination': '复核未按期办结',
};

/** The names the filter holds only by id or code; unknown ones are shown as given. */
export interface LedgerNames {
  unitName?: string | undefined;
  categoryName?: string | undefined;
}

/**
 * Every filter of a ledger, in words, in the order a reader takes them — 「统计口径：收到信访事项」
 * 「2026-03-01 至 2026-03-31」「单位：东山煤矿（含下级单位）」「渠道：来访」… — so that a ledger opened
 * from a breakdown, and a file exported from it, never pass for the whole ledger.
 */
export function ledgerFilterWords(filter: LedgerFilter, names: LedgerNames = {}): string[] {
  const words = [`统计口径：${metricLabel(filter.figure ?? 'received')}`];
  if (filter.from) words.push(`${filter.from} 至 ${filter.to ?? '今'}`);
  else if (filter.to) words.push(`截至 ${filter.to}`);
  const below = filter.subtree === false ? '（本级，不含下级单位）' : '（含下级单位）';
  if (filter.unitId) words.push(`单位：${names.unitName ?? filter.unitId}${below}`);
  else if (filter.subtree === false) words.push('本单位（不含下级单位）');
  if (filter.channel) words.push(`渠道：${CHANNEL_LABELS[filter.channel]}`);
  if (filter.kind) words.push(`类别：${KIND_LABELS[filter.kind]}`);
  if (filter.categoryCode) words.push(`事项分类：${names.categoryName ?? filter.categoryCode}`);
  if (filter.state) words.push(`状态：${STATE_LABELS[filter.state]}`);
  const only = (value: boolean | undefined, what: string) => {
    if (value !== undefined) words.push(value ? `仅${what}` : `不含${what}`);
  };
  only(filter.overdue, '超期事项');
  only(filter.repeat, '重复信访');
  only(filter.collective, '集体访');
  only(filter.late, isOwedLimit(filter.figure) ? LATE_WORDS[filter.figure] : '未按期');
  if (filter.search) words.push(`查找：${filter.search}`);
  return words;
}

import { changeOf } from './rates';

/**
 * 同比 / 环比 in words: 「上升 12%」「下降 12%」「持平」, or 「—」 when there is nothing to compare with.
 * Rates change in percentage points (「上升 3.2 个百分点」), as the bulletins say it.
 */
export function changeText(now: number | null, before: number | null, kind: 'count' | 'rate'): string {
  if (now === null || before === null) return '—';
  if (kind === 'rate') {
    const points = Math.round((now - before) * 1000) / 10;
    if (points === 0) return '持平';
    return `${points > 0 ? '上升' : '下降'} ${Math.abs(points)} 个百分点`;
  }
  const ratio = changeOf(now, before);
  if (ratio === null) return '—';
  const percent = Math.round(ratio * 1000) / 10;
  if (percent === 0) return '持平';
  return `${percent > 0 ? '上升' : '下降'} ${Math.abs(percent)}%`;
}

/** A rate as people read it: 「87.5%」, or 「—」 when nothing was counted. */
export function percentText(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

import type { ReachBody, ReachMethod } from '@xinfang/shared/schemas/unreached';

/** The desk's record of delivering a notice another way, as typed. */
export interface ReachFields {
  method: ReachMethod | null;
  reachedOn: string;
  trackingNo: string;
  reachedWhom: string;
  note: string;
}

export const blankReach = (today: string): ReachFields => ({
  method: null,
  reachedOn: today,
  trackingNo: '',
  reachedWhom: '',
  note: '',
});

type Problem = 'method' | 'trackingNo' | 'reachedWhom' | 'reachedOn';

/**
 * What keeps the record from being saved, as the server checks it: a method; 挂号邮寄 with its
 * number, 电话告知 with whom it told; a date from the day the notice went out to today.
 */
export function reachProblems(fields: ReachFields, issuedOn: string, today: string): Problem[] {
  const problems: Problem[] = [];
  if (!fields.method) problems.push('method');
  if (fields.method === 'post' && !fields.trackingNo.trim()) problems.push('trackingNo');
  if (fields.method === 'phone' && !fields.reachedWhom.trim()) problems.push('reachedWhom');
  const on = fields.reachedOn.trim();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on) || on < issuedOn || on > today) problems.push('reachedOn');
  return problems;
}

/** The body sent: only the fields its method uses, trimmed. */
export function toReachBody(fields: ReachFields & { method: ReachMethod }): ReachBody {
  const note = fields.note.trim();
  return {
    method: fields.method,
    reachedOn: fields.reachedOn.trim(),
    ...(fields.method === 'post' ? { trackingNo: fields.trackingNo.trim() } : {}),
    ...(fields.method === 'phone' ? { reachedWhom: fields.reachedWhom.trim() } : {}),
    ...(note ? { note } : {}),
  };
}

import type {
  FollowUp,
  FollowUpList,
  FollowUpOutcome,
  FollowUpStatus,
} from '@xinfang/shared/schemas/aftercare';
import { api } from './instance';

/** Follow-ups (回访) of concluded cases over the API. */

export function followUps(
  query: { status?: FollowUpStatus; petitionId?: string; cursor?: string | null } = {},
): Promise<FollowUpList> {
  // No URLSearchParams in the WeChat runtime.
  const params = [
    query.status ? `status=${query.status}` : null,
    query.petitionId ? `petitionId=${encodeURIComponent(query.petitionId)}` : null,
    query.cursor ? `cursor=${encodeURIComponent(query.cursor)}` : null,
  ].filter(Boolean);
  return api.get<FollowUpList>(`/api/follow-ups${params.length ? `?${params.join('&')}` : ''}`);
}

/** Recorded once on the server: a retry of the same outcome is answered as recorded. */
export function recordFollowUp(id: string, outcome: FollowUpOutcome): Promise<FollowUp> {
  return api.post<FollowUp>(`/api/follow-ups/${encodeURIComponent(id)}/outcome`, outcome);
}

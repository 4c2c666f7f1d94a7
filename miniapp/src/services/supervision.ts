import type {
  Escalation,
  EscalationList,
  ReviewSupervisionBody,
  SupervisionList,
  SupervisionNotice,
  SupervisionNoticeList,
} from '@xinfang/shared/schemas/supervision';
import { api } from './instance';

/** Supervision (Art 38–40) over the API: the supervisor's list, reviews, a case's escalations. */

export type SupervisionFilter = 'open' | 'overdue' | 'answered' | 'all';

export function supervisionList(filter: SupervisionFilter, unitId?: string): Promise<SupervisionList> {
  // No URLSearchParams in the WeChat runtime.
  const unit = unitId ? `&unitId=${encodeURIComponent(unitId)}` : '';
  return api.get<SupervisionList>(`/api/supervision?status=${filter}${unit}`);
}

/** Not retried automatically: a review is given once. */
export function reviewSupervision(
  petitionId: string,
  no: number,
  body: ReviewSupervisionBody,
): Promise<SupervisionNotice> {
  return api.post<SupervisionNotice>(
    `/api/supervision/notices/${encodeURIComponent(petitionId)}/${no}/review`,
    body,
    { retry: false },
  );
}

/** A case's 督办单, oldest first, each with whether the viewer may sign for it. */
export function supervisionNoticesOf(petitionId: string): Promise<SupervisionNoticeList> {
  return api.get<SupervisionNoticeList>(`/api/supervision/notices/${encodeURIComponent(petitionId)}`);
}

export function escalationsOf(petitionId: string): Promise<EscalationList> {
  return api.get<EscalationList>(`/api/petitions/${encodeURIComponent(petitionId)}/escalations`);
}

/** 签收 of a red step, by one of those it was meant for; a second tap changes nothing. */
export function acknowledgeEscalation(id: string): Promise<Escalation> {
  return api.post<Escalation>(`/api/supervision/escalations/${encodeURIComponent(id)}/ack`);
}

/** 签收 of a 督办单 by the supervised unit, before it answers; a second tap changes nothing. */
export function acknowledgeSupervision(petitionId: string, no: number): Promise<SupervisionNotice> {
  return api.post<SupervisionNotice>(`/api/supervision/notices/${encodeURIComponent(petitionId)}/${no}/ack`);
}

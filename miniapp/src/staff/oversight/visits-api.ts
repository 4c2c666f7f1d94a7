import type { CancelVisit, Visit } from '@xinfang/shared/schemas/visits';
import { api } from '@/services/instance';

/** Not retried automatically: a second cancel is told the visit is cancelled already. */
export function cancelVisit(id: string, body: CancelVisit): Promise<Visit> {
  return api.post<Visit>(`/api/grassroots-visits/${encodeURIComponent(id)}/cancel`, body, { retry: false });
}

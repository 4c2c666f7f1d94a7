import type { ChangeReceptionDay, ReceptionDay } from '@xinfang/shared/schemas/reception';
import { api } from '@/services/instance';

/**
 * The desk changes a day (改期/调整) over the version it read, once per key: a retry is answered
 * with the first change; a change made meanwhile is refused (VERSION_CONFLICT).
 */
export function changeReceptionDay(
  dayId: string,
  body: ChangeReceptionDay,
  idempotencyKey: string,
): Promise<ReceptionDay> {
  return api.post<ReceptionDay>(`/api/reception-days/${encodeURIComponent(dayId)}/change`, body, {
    idempotencyKey,
  });
}

import type { NoticeReach, ReachBody, UnreachedList } from '@xinfang/shared/schemas/unreached';
import { api } from '@/services/instance';

/**
 * The desk's statutory notices that reached nobody (`GET /api/notices/unreached`) and its record
 * of delivering one another way, in the shapes of `shared/schemas/unreached.ts`.
 */
export function unreachedNotices(limit = 50): Promise<UnreachedList> {
  return api.get<UnreachedList>(`/api/notices/unreached?limit=${limit}`);
}

/** Kept once on the server: sending the same record again answers with it. */
export function recordReach(id: string, body: ReachBody): Promise<NoticeReach> {
  return api.post<NoticeReach>(`/api/notices/unreached/${encodeURIComponent(id)}/reached`, body);
}

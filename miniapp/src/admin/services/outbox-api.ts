import type { OutboxItem, OutboxPage } from '@xinfang/shared/schemas/notifications';
import { api } from '@/services/instance';
import { queryString } from './admin-api';

/**
 * The notification outbox (issue 13) for administrators: messages that could not be delivered
 * after every try ("dead") or still waiting, and sending a dead one again.
 */
export type OutboxFilter = 'dead' | 'pending';

export function outboxPage(status: OutboxFilter, cursor: string | null): Promise<OutboxPage> {
  return api.get<OutboxPage>(`/api/admin/outbox${queryString({ status, cursor })}`);
}

export function resend(id: string): Promise<OutboxItem> {
  return api.post<OutboxItem>(`/api/admin/outbox/${encodeURIComponent(id)}/retry`, undefined, {
    retry: false,
  });
}

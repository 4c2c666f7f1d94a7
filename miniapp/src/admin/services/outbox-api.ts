import { ApiError } from '@/services/api';
import { api } from '@/services/instance';

/**
 * The notification outbox (issue 13): messages that could not be delivered after every try
 * ("dead") or still waiting, and sending a dead one again. The shapes are the API's
 * (`GET /api/admin/outbox?status=dead|pending`, `POST /api/admin/outbox/:id/retry`), written here
 * until that issue's schemas are part of `shared`. A server without notifications answers 404:
 * `null` says so, and the page says notifications are not set up yet.
 */
export interface OutboxItem {
  id: string;
  channel: string;
  event: string;
  recipientType: 'petitioner' | 'staff';
  status: 'pending' | 'sending' | 'sent' | 'dead' | 'fallback';
  statutory: boolean;
  attempts: number;
  lastError: string | null;
  dueAt: string;
  createdAt: string;
  sentAt: string | null;
}

export interface OutboxPage {
  items: OutboxItem[];
  nextCursor: string | null;
}

export type OutboxStatus = 'dead' | 'pending';

export async function outboxPage(status: OutboxStatus, cursor: string | null): Promise<OutboxPage | null> {
  const query = `status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  try {
    return await api.get<OutboxPage>(`/api/admin/outbox?${query}`);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404 && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export function resend(id: string): Promise<OutboxItem> {
  return api.post<OutboxItem>(`/api/admin/outbox/${encodeURIComponent(id)}/retry`, undefined, {
    retry: false,
  });
}

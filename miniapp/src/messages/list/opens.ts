import type { Notification } from '@xinfang/shared/schemas/notifications';
import { messageRoutes } from '@/routes';

/**
 * The page a message opens, as its WeChat message does (the case, an assisting unit's list, the
 * reception days, the workbench…) — or null when it names the message centre itself, where the
 * reader already is.
 */
export function pageToOpen(message: Pick<Notification, 'page'>): string | null {
  const url = `/${message.page.replace(/^\/+/, '')}`;
  return url.split('?')[0] === messageRoutes.list ? null : url;
}

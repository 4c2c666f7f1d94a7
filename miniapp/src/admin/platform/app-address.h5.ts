import { staffRoutes } from '@/staff/routes';

/** The h5 twin of `app-address.ts`: this site's page for accepting an invitation. */
export function inviteAddress(): string {
  return `${window.location.origin}${staffRoutes.invite}`;
}

import { drafts } from '@/features/submission/instance';
import { logout } from '@/services/auth';
import { session } from '@/services/instance';
import { caseDrafts } from './case-drafts';

/**
 * Signing out on purpose (退出登录 on 我的): the petitioner's name and address typed on the form
 * and what they wrote on their cases' pages and did not send are forgotten on this device, then
 * the session ends. A session that merely expired keeps them, for the same person's next sign-in.
 */
export async function signOutPetitioner(): Promise<void> {
  const me = session.get()?.me;
  if (me?.kind === 'petitioner') {
    caseDrafts.clearAll(me.id);
    drafts.forgetProfile(me.id);
  }
  await logout();
}

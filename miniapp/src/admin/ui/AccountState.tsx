import { Text } from '@tarojs/components';
import type { StaffAccount } from '@xinfang/shared/schemas/identity';
import { adminCopy } from '@/copy/admin';

/** An account's state in tags: in use or disabled, and what its holder still has to do to get in. */
export function AccountState({ account }: { account: StaffAccount }) {
  const text = adminCopy.accounts;
  return (
    <>
      {account.status === 'disabled' ? (
        <Text className="admin-tag admin-tag--off">{text.disabled}</Text>
      ) : (
        <Text className="admin-tag admin-tag--ok">{text.active}</Text>
      )}
      {account.invitationExpiresAt && <Text className="admin-tag admin-tag--warn">{text.invited}</Text>}
      {account.mustChangePassword && <Text className="admin-tag admin-tag--warn">{text.mustChange}</Text>}
    </>
  );
}

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StaffAccount } from '@xinfang/shared/schemas/identity';
import { useCallback, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { staffCopy } from '@/copy/staff';
import { formatDateTime } from '@/format/dates';
import { StaffError } from '@/staff/ui/StaffPage';
import { useLoaded } from '@/staff/ui/use-loaded';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { ChipChoice } from '@/ui/ChipChoice';
import { Loading } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { adminRoutes } from '../routes';
import { findStaff } from '../services/admin-api';
import { AccountState } from '../ui/AccountState';
import { AdminPage, useAdminSession } from '../ui/AdminPage';
import { type Column, DataTable } from '../ui/DataTable';
import { STAFF_ROLE_LIST } from '../ui/vocabulary';

const text = adminCopy.accounts;

/**
 * The staff accounts of the administrator's subtree: found by part of a username or a name, by
 * state and by role, each with its unit, roles, state and last sign-in; a name opens the account.
 */
export default function AdminAccounts() {
  const session = useAdminSession();
  const me = session.admin;
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('');
  const [role, setRole] = useState('');
  const fetchAccounts = useCallback(() => findStaff({ q: search, status, role }), [search, status, role]);
  // Back from an account (changed, disabled): the list as it now stands.
  const { value: accounts, error, load } = useLoaded(me, fetchAccounts, { onShow: true });

  const columns: Column<StaffAccount>[] = [
    {
      label: text.columns.name,
      render: (a) => (
        <View
          className="admin-link"
          data-testid={`admin-account-open-${a.username}`}
          {...pressable(null, () => void Taro.navigateTo({ url: adminRoutes.account(a.id) }), {
            role: 'link',
          })}
        >
          <Text>{a.displayName}</Text>
        </View>
      ),
    },
    { label: text.columns.username, render: (a) => <Text>{a.username}</Text> },
    { label: text.columns.unit, render: (a) => <Text>{a.unit.name}</Text> },
    {
      label: text.columns.roles,
      render: (a) => <Text>{a.roles.map((r) => staffCopy.roles[r] ?? r).join('、')}</Text>,
    },
    { label: text.columns.state, render: (a) => <AccountState account={a} /> },
    {
      label: text.columns.lastSignIn,
      render: (a) => <Text>{a.lastSignInAt ? formatDateTime(a.lastSignInAt) : adminCopy.common.never}</Text>,
    },
  ];

  return (
    <AdminPage
      title={text.title}
      testId="admin-accounts-page"
      section="accounts"
      session={session}
      onRestored={() => void load()}
    >
      <Button
        variant="primary"
        onPress={() => void Taro.navigateTo({ url: adminRoutes.newAccount })}
        testId="admin-account-create"
      >
        {text.create}
      </Button>
      <View className="admin-filters" role="search" aria-label={text.search}>
        <TextField
          label={text.search}
          value={q}
          onChange={setQ}
          maxLength={64}
          search
          testId="admin-accounts-q"
        />
        <Button inline onPress={() => setSearch(q.trim())} testId="admin-accounts-search">
          {text.searchSubmit}
        </Button>
        <ChipChoice
          label={text.status}
          options={[
            { value: '', label: text.statusAny },
            { value: 'active', label: text.active },
            { value: 'disabled', label: text.disabled },
          ]}
          value={status}
          onChange={setStatus}
          testId="admin-accounts-status"
        />
        <ChipChoice
          label={text.role}
          options={[
            { value: '', label: text.roleAny },
            ...STAFF_ROLE_LIST.map((r) => ({ value: r, label: staffCopy.roles[r] ?? r })),
          ]}
          value={role}
          onChange={setRole}
          testId="admin-accounts-role"
        />
      </View>
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {!accounts && !error && <Loading />}
      {accounts?.length === 0 && <Text className="xf-status">{text.empty}</Text>}
      {accounts && accounts.length > 0 && (
        <DataTable
          label={text.title}
          columns={columns}
          rows={accounts}
          rowKey={(a) => a.id}
          rowTestId="admin-account-row"
        />
      )}
    </AdminPage>
  );
}

import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AdminUnit, HeldPetitions, StaffHoldings, StaffInUse } from '@xinfang/shared/schemas/admin';
import type { StaffAccount, StaffRole } from '@xinfang/shared/schemas/identity';
import { useCallback, useEffect, useRef, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { staffCopy } from '@/copy/staff';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { formatDateTime } from '@/format/dates';
import { newIdempotencyKey } from '@/platform/ids';
import { ApiError } from '@/services/api';
import { StaffError } from '@/staff/ui/StaffPage';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { Choice } from '@/ui/Choice';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { inviteAddress } from '../platform/app-address';
import { adminRoutes } from '../routes';
import {
  adminUnits,
  createStaff,
  endSessions,
  getStaff,
  inviteAgain,
  resetPassword,
  staffHoldings,
  updateStaff,
} from '../services/admin-api';
import { AccountState } from '../ui/AccountState';
import { AdminPage, useAdminSession } from '../ui/AdminPage';
import { ChipChecks } from '../ui/ChipChecks';
import { ConfirmButton } from '../ui/Confirm';
import { OnceSecret } from '../ui/OnceSecret';
import { STAFF_ROLE_LIST } from '../ui/vocabulary';
import {
  type AccountForm,
  accountChanges,
  accountFormOf,
  accountProblems,
  EMPTY_ACCOUNT,
  newStaffOf,
} from './form';

const text = adminCopy.account;

/** What to hand over, shown once: a temporary password, or an invitation with the words to send. */
type Secret = { kind: 'password'; value: string } | { kind: 'invitation'; value: string; expiresAt: string };

type StaffChanges = Parameters<typeof updateStaff>[1];

/**
 * One staff account, or a new one (no `?id=`): name, unit and roles; how the person gets in (a
 * temporary password handed over in person, or an invitation with which they choose their own);
 * then disabling and re-enabling, a password reset, a new invitation, ending every session.
 * An administrator's own roles and state are changed by another administrator (the server agrees).
 * What the person holds is shown before any of it: the open cases they answer for (承办人) or own
 * (包案领导), by number — a move or a role taken away is refused until a unit head reassigns them —
 * and the petition office whose only reception they are, which a change empties only once the
 * administrator confirms it.
 */
export default function AdminAccount() {
  const session = useAdminSession();
  const me = session.admin;
  const idParam = useRouter().params.id;
  const [id, setId] = useState(idParam ? decodeURIComponent(idParam) : null);
  const [account, setAccount] = useState<StaffAccount | null>(null);
  const [units, setUnits] = useState<AdminUnit[] | null>(null);
  const [form, setForm] = useState<AccountForm | null>(id ? null : EMPTY_ACCOUNT);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  // One key for this form's create, so a retry after a lost answer finds the account made.
  const [createKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [holdings, setHoldings] = useState<StaffHoldings | null>(null);
  // A change the server makes only once told the desk may go empty: its words and the change.
  const [desk, setDesk] = useState<{ message: string; changes: StaffChanges } | null>(null);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const [loadedUnits, loaded, held] = await Promise.all([
        adminUnits(),
        id ? getStaff(id) : Promise.resolve(null),
        id ? staffHoldings(id) : Promise.resolve(null),
      ]);
      setUnits(loadedUnits.filter((u) => !u.retired));
      setHoldings(held);
      if (loaded) {
        setAccount(loaded);
        setForm(accountFormOf(loaded));
      }
    } catch (failure) {
      setLoadError(failure);
    }
  }, [id]);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);

  const creating = id === null;
  const problems = form ? accountProblems(form, creating) : {};
  const set = (patch: Partial<AccountForm>) => setForm((f) => (f ? { ...f, ...patch } : f));
  const self = account !== null && me !== null && account.id === me.id;

  const run = async (work: () => Promise<string | null>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setDesk(null);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  const showing = (changed: StaffAccount) => {
    setAccount(changed);
    setForm(accountFormOf(changed));
  };
  /**
   * Sends a change of the account; one that would empty a petition office's desk comes back as a
   * question (`desk`) the administrator answers with 仍然保存, which sends it again, confirmed.
   */
  const change = async (a: StaffAccount, changes: StaffChanges, done: string): Promise<string | null> => {
    try {
      showing(await updateStaff(a.id, changes));
    } catch (failure) {
      const inUse = failure instanceof ApiError && failure.code === 'IN_USE' ? failure : null;
      if (inUse && (inUse.details as StaffInUse | undefined)?.reason === 'last_reception') {
        setDesk({ message: inUse.message, changes });
        return null;
      }
      throw failure;
    }
    setHoldings(await staffHoldings(a.id));
    return done;
  };

  const save = () => {
    setTried(true);
    if (!form || Object.keys(problems).length > 0) return;
    void run(async () => {
      if (creating) {
        const created = await createStaff(newStaffOf(form), createKey);
        setId(created.account.id);
        showing(created.account);
        if (created.temporaryPassword) setSecret({ kind: 'password', value: created.temporaryPassword });
        if (created.invitation)
          setSecret({
            kind: 'invitation',
            value: created.invitation.code,
            expiresAt: created.invitation.expiresAt,
          });
        return text.created;
      }
      if (!account) return null;
      const changes = accountChanges(account, form);
      return Object.keys(changes).length > 0 ? change(account, changes, text.saved) : text.saved;
    });
  };

  const act = (work: (account: StaffAccount) => Promise<string | null>) =>
    void run(async () => (account ? work(account) : null));

  const title = account ? text.titleEdit(account.displayName) : text.titleNew;
  return (
    <AdminPage
      title={title}
      testId="admin-account-page"
      section="accounts"
      session={session}
      onRestored={() => void load()}
    >
      {loadError ? <StaffError error={loadError} onRetry={() => void load()} what={title} /> : null}
      {(!form || !units) && !loadError && <Loading />}
      <StatusLine text={status} testId="admin-account-status" />
      {secret && account && (
        <OnceSecret
          label={secret.kind === 'password' ? text.temporaryPassword : text.invitationCode}
          value={secret.value}
          copyText={
            secret.kind === 'invitation'
              ? text.invitationText(
                  account.displayName,
                  account.username,
                  secret.value,
                  formatDateTime(secret.expiresAt),
                  inviteAddress(),
                )
              : undefined
          }
          copyLabel={secret.kind === 'invitation' ? text.copyInvitation : undefined}
          testId="admin-account-secret"
        />
      )}
      {account && (
        <Card>
          <View className="admin-row-buttons">
            <AccountState account={account} />
          </View>
          <KeyValue label={text.username}>{account.username}</KeyValue>
          <KeyValue label={text.lastSignIn}>
            {account.lastSignInAt ? formatDateTime(account.lastSignInAt) : adminCopy.common.never}
          </KeyValue>
          <KeyValue label={text.createdAt}>{formatDateTime(account.createdAt)}</KeyValue>
          <KeyValue label={text.phoneNow} testId="admin-account-phone-now">
            {account.phone ?? text.phoneNone}
          </KeyValue>
          {account.invitationExpiresAt && (
            <Text className="xf-text xf-text--small">
              {text.invitationUntil(formatDateTime(account.invitationExpiresAt))}
            </Text>
          )}
          {account.temporaryPasswordExpiresAt && (
            <Text className="xf-text xf-text--small" data-testid="admin-account-temporary-until">
              {Date.parse(account.temporaryPasswordExpiresAt) > Date.now()
                ? text.temporaryPasswordUntil(formatDateTime(account.temporaryPasswordExpiresAt))
                : text.temporaryPasswordExpired(formatDateTime(account.temporaryPasswordExpiresAt))}
            </Text>
          )}
        </Card>
      )}
      {account && holdings && <Holdings holdings={holdings} />}
      {form && units && (
        <Card>
          {creating && (
            <TextField
              label={text.username}
              value={form.username}
              onChange={(username) => set({ username })}
              required
              maxLength={64}
              hint={text.usernameHint}
              error={tried ? problems.username : null}
              testId="admin-account-username"
            />
          )}
          <TextField
            label={text.displayName}
            value={form.displayName}
            onChange={(displayName) => set({ displayName })}
            required
            maxLength={64}
            error={tried ? problems.displayName : null}
            testId="admin-account-name"
          />
          <Text className="xf-field__label">{text.unit}</Text>
          <UnitPicker
            units={units}
            value={form.unitId || null}
            onChange={(unitId) => set({ unitId })}
            label={text.unit}
            error={tried ? problems.unitId : null}
          />
          <Text className="xf-field__hint">{text.unitHint}</Text>
          <ChipChecks
            label={text.roles}
            options={STAFF_ROLE_LIST.map((role) => ({ value: role, label: staffCopy.roles[role] ?? role }))}
            values={form.roles}
            onChange={(roles) => set({ roles: roles as StaffRole[] })}
            disabled={self}
            error={tried ? problems.roles : null}
            testId="admin-account-roles"
          />
          <Text className="xf-field__hint">{self ? text.self : text.rolesHint}</Text>
          <TextField
            label={creating ? text.phone : text.phoneNew}
            value={form.phone}
            onChange={(phone) => set({ phone })}
            keyboard="phone"
            maxLength={20}
            error={tried ? problems.phone : null}
            testId="admin-account-phone"
          />
          {creating && (
            <Choice
              label={text.credential}
              options={[
                { value: 'invitation', label: text.credentialInvitation },
                { value: 'temporary_password', label: text.credentialPassword },
              ]}
              value={form.credential}
              onChange={(credential) => set({ credential })}
              testId="admin-account-credential"
            />
          )}
          {error ? <StaffError error={error} testId="admin-account-error" /> : null}
          {desk && (
            <View className="xf-alert" role="alert" data-testid="admin-account-desk">
              <Text className="xf-text">{desk.message}</Text>
              <ConfirmButton
                label={text.deskEmpty}
                question={`${text.deskEmpty}？`}
                hint={text.deskEmptyHint}
                busy={busy}
                onConfirm={() => act((a) => change(a, { ...desk.changes, leaveDeskEmpty: true }, text.saved))}
                testId="admin-account-desk-confirm"
              />
            </View>
          )}
          <Button variant="primary" busy={busy} onPress={save} testId="admin-account-save">
            {creating ? text.create : text.save}
          </Button>
        </Card>
      )}
      {account && !self && (
        <Card>
          {account.status === 'active' ? (
            <ConfirmButton
              label={text.disable}
              question={`${text.disable}？`}
              hint={text.disableHint}
              busy={busy}
              onConfirm={() => act((a) => change(a, { status: 'disabled' }, text.disabledDone))}
              testId="admin-account-disable"
            />
          ) : (
            <Button
              busy={busy}
              onPress={() => act((a) => change(a, { status: 'active' }, text.enabledDone))}
              testId="admin-account-enable"
            >
              {text.enable}
            </Button>
          )}
          <ConfirmButton
            label={text.reset}
            question={`${text.reset}？`}
            hint={text.resetHint}
            variant="secondary"
            busy={busy}
            onConfirm={() =>
              act(async (a) => {
                const answer = await resetPassword(a.id);
                showing(answer.account);
                setSecret({ kind: 'password', value: answer.temporaryPassword });
                return text.resetDone;
              })
            }
            testId="admin-account-reset"
          />
          {account.lastSignInAt === null && (
            <ConfirmButton
              label={text.invite}
              question={`${text.invite}？`}
              hint={text.inviteHint}
              variant="secondary"
              busy={busy}
              onConfirm={() =>
                act(async (a) => {
                  const answer = await inviteAgain(a.id);
                  showing(answer.account);
                  setSecret({
                    kind: 'invitation',
                    value: answer.invitation.code,
                    expiresAt: answer.invitation.expiresAt,
                  });
                  return text.created;
                })
              }
              testId="admin-account-invite"
            />
          )}
          {account.phone && (
            <ConfirmButton
              label={text.phoneClear}
              question={`${text.phoneClear}？`}
              hint={text.phoneClearHint}
              variant="secondary"
              busy={busy}
              onConfirm={() =>
                act(async (a) => {
                  showing(await updateStaff(a.id, { phone: null }));
                  return text.phoneCleared;
                })
              }
              testId="admin-account-phone-clear"
            />
          )}
          <ConfirmButton
            label={text.endSessions}
            question={`${text.endSessions}？`}
            hint={text.endSessionsHint}
            variant="secondary"
            busy={busy}
            onConfirm={() =>
              act(async (a) => {
                showing(await endSessions(a.id));
                return text.sessionsEnded;
              })
            }
            testId="admin-account-end-sessions"
          />
        </Card>
      )}
      {self && <Notice>{text.self}</Notice>}
      {account && (
        <Button variant="link" onPress={() => void Taro.redirectTo({ url: adminRoutes.accounts })}>
          {adminCopy.nav.accounts}
        </Button>
      )}
    </AdminPage>
  );
}

/**
 * What the person holds, as the server lists it: the open cases they answer for (承办人) and own
 * (包案领导), numbers and states only (an administrator reads no case), and the petition office
 * whose only reception they are.
 */
function Holdings({ holdings }: { holdings: StaffHoldings }) {
  const none = holdings.handling.total === 0 && holdings.leading.total === 0;
  return (
    <Card title={text.holdings} testId="admin-account-holdings">
      {none ? (
        <Text className="xf-text xf-text--muted">{text.holdingsNone}</Text>
      ) : (
        <>
          <HeldList held={holdings.handling} heading={text.handling(holdings.handling.total)} />
          <HeldList held={holdings.leading} heading={text.leading(holdings.leading.total)} />
          <Text className="xf-field__hint">{text.holdingsHint}</Text>
          {holdings.handling.total > 0 && <Text className="xf-field__hint">{text.handOverHint}</Text>}
        </>
      )}
      {holdings.onlyReceptionOf && (
        <Notice tone="warn">{text.onlyReception(holdings.onlyReceptionOf.name)}</Notice>
      )}
    </Card>
  );
}

function HeldList({ held, heading }: { held: HeldPetitions; heading: string }) {
  if (held.total === 0) return null;
  return (
    <View>
      <Text className="xf-text">{heading}</Text>
      <View role="list">
        {held.petitions.map((p) => (
          <Text key={p.number} role="listitem" className="xf-text xf-text--strong">
            {`${p.number}（${staffCopy.states[p.state as keyof typeof staffCopy.states] ?? p.state}）`}
          </Text>
        ))}
      </View>
      {held.total > held.petitions.length && (
        <Text className="xf-text xf-text--small">
          {text.holdingsMore(held.total - held.petitions.length)}
        </Text>
      )}
    </View>
  );
}

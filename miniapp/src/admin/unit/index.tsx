import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { AdminUnit, UnitInUse } from '@xinfang/shared/schemas/admin';
import { useCallback, useEffect, useRef, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { staffCopy } from '@/copy/staff';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { ApiError } from '@/services/api';
import { StaffError } from '@/staff/ui/StaffPage';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ChipChoice } from '@/ui/ChipChoice';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';
import { adminRoutes } from '../routes';
import { adminUnits, createUnit, reinstateUnit, retireUnit, updateUnit } from '../services/admin-api';
import { AdminPage, useAdminSession } from '../ui/AdminPage';
import { ConfirmButton } from '../ui/Confirm';
import { UNIT_KIND_LIST } from '../ui/vocabulary';
import { bodyOf, CHANNEL_FIELDS, formOf, newForm, type UnitForm, unitProblems } from './form';

const text = adminCopy.unit;
const LABELS: Record<(typeof CHANNEL_FIELDS)[number], string> = {
  address: text.address,
  receptionHours: text.hours,
  phone: text.phone,
  letterAddress: text.letterAddress,
  email: text.email,
  fax: text.fax,
  onlineAddress: text.online,
};

/**
 * One unit: its name, code and level, whether it receives petitions, the channels it publishes
 * (Art 18: shown on the petitioner's home page), where it sits (moving it moves everything below),
 * and retiring it — refused while it holds open cases, which are listed by number — or bringing it
 * back. `?parentId=` opens an empty form for a new unit below that one.
 */
export default function AdminUnitPage() {
  const session = useAdminSession();
  const me = session.admin;
  const params = useRouter().params;
  const id = params.id ? decodeURIComponent(params.id) : null;
  const parentId = params.parentId ? decodeURIComponent(params.parentId) : null;
  const [units, setUnits] = useState<AdminUnit[] | null>(null);
  const [form, setForm] = useState<UnitForm | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [inUse, setInUse] = useState<{ held: UnitInUse; message: string } | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const inFlight = useRef(false);

  const unit = id ? units?.find((u) => u.id === id) : undefined;
  const parent = units?.find((u) => u.id === (unit?.parentId ?? parentId));

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const loaded = await adminUnits();
      setUnits(loaded);
      const found = id ? loaded.find((u) => u.id === id) : undefined;
      if (id && !found) throw new ApiError('NOT_FOUND', text.loadFailed, 404);
      setForm(
        (current) => current ?? (found ? formOf(found) : newForm(loaded.find((u) => u.id === parentId))),
      );
    } catch (failure) {
      setLoadError(failure);
    }
  }, [id, parentId]);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);

  const problems = form ? unitProblems(form) : {};
  const set = (patch: Partial<UnitForm>) => setForm((f) => (f ? { ...f, ...patch } : f));

  const run = async (work: () => Promise<void>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setInUse(null);
    setStatus(null);
    try {
      await work();
    } catch (failure) {
      if (failure instanceof ApiError && failure.code === 'IN_USE')
        setInUse({ held: failure.details as UnitInUse, message: failure.message });
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const save = () => {
    setTried(true);
    if (!form || Object.keys(problems).length > 0) return;
    void run(async () => {
      const body = bodyOf(form);
      if (!unit) {
        const created = await createUnit({ ...body, parentId: form.parentId });
        void Taro.redirectTo({ url: adminRoutes.unit(created.id) });
        return;
      }
      await updateUnit(unit.id, {
        ...body,
        ...(form.parentId && form.parentId !== unit.parentId ? { parentId: form.parentId } : {}),
      });
      setForm(null);
      await load();
      setStatus(text.saved);
    });
  };

  const changeState = (retire: boolean) =>
    void run(async () => {
      if (!unit) return;
      await (retire ? retireUnit(unit.id) : reinstateUnit(unit.id));
      await load();
      setStatus(retire ? text.retired : text.reinstated);
    });

  const title = unit ? text.titleEdit(unit.name) : text.titleNew;
  // A unit cannot move below itself, nor under a retired unit (the server refuses both): only units
  // in use outside its own subtree are offered as its parent.
  const parents = (units ?? []).filter((u) => !u.retired && (!unit || !isWithin(units ?? [], u, unit.id)));

  return (
    <AdminPage
      title={title}
      testId="admin-unit-page"
      section="units"
      session={session}
      onRestored={() => void load()}
    >
      {loadError ? <StaffError error={loadError} onRetry={() => void load()} what={title} /> : null}
      {!form && !loadError && <Loading />}
      <StatusLine text={status} testId="admin-unit-status" />
      {form && (
        <Card>
          {unit?.retired && <Notice tone="warn">{adminCopy.units.retired}</Notice>}
          {(unit ? unit.parentId !== null : true) && units && (
            <UnitPicker
              units={parents}
              value={form.parentId || null}
              onChange={(value) => set({ parentId: value })}
              label={text.parent}
            />
          )}
          {unit && unit.parentId !== null && <Text className="xf-field__hint">{text.parentHint}</Text>}
          <TextField
            label={text.name}
            value={form.name}
            onChange={(name) => set({ name })}
            required
            maxLength={100}
            error={tried ? problems.name : null}
            testId="admin-unit-name"
          />
          <TextField
            label={text.code}
            value={form.code}
            onChange={(code) => set({ code })}
            required
            maxLength={32}
            hint={text.codeHint}
            error={tried ? problems.code : null}
            testId="admin-unit-code"
          />
          <ChipChoice
            label={text.kind}
            options={UNIT_KIND_LIST.map((kind) => ({ value: kind, label: adminCopy.kinds[kind] }))}
            value={form.kind}
            onChange={(kind) => set({ kind: kind as UnitForm['kind'] })}
            testId="admin-unit-kind"
          />
          <Switch
            label={text.receives}
            checked={form.receivesPetitions}
            onChange={(receivesPetitions) => set({ receivesPetitions })}
            testId="admin-unit-receives"
          />
          <Text className="xf-field__hint">{text.receivesHint}</Text>
          <Text className="xf-card__heading admin-subheading">{text.channels}</Text>
          {CHANNEL_FIELDS.map((field) => (
            <TextField
              key={field}
              label={LABELS[field]}
              value={form[field]}
              onChange={(value) => set({ [field]: value })}
              maxLength={field === 'email' ? 100 : field === 'phone' || field === 'fax' ? 40 : 200}
              placeholder={field === 'onlineAddress' ? text.onlinePlaceholder : undefined}
              error={tried && field === 'email' ? problems.email : null}
              testId={`admin-unit-${field}`}
            />
          ))}
          {error && !inUse ? <StaffError error={error} testId="admin-unit-error" /> : null}
          <Button variant="primary" busy={busy} onPress={save} testId="admin-unit-save">
            {text.save}
          </Button>
        </Card>
      )}
      {inUse && <HeldCases held={inUse.held} message={inUse.message} />}
      {unit && form && (
        <Card>
          {!unit.retired && (
            <Button
              onPress={() => void Taro.navigateTo({ url: adminRoutes.newUnit(unit.id) })}
              testId="admin-unit-add-child"
            >
              {adminCopy.units.addChild}
            </Button>
          )}
          {unit.parentId !== null &&
            (unit.retired ? (
              <Button onPress={() => changeState(false)} busy={busy} testId="admin-unit-reinstate">
                {text.reinstate}
              </Button>
            ) : (
              <ConfirmButton
                label={text.retire}
                question={text.retireConfirm}
                hint={text.retireHint}
                busy={busy}
                onConfirm={() => changeState(true)}
                testId="admin-unit-retire"
              />
            ))}
          {parent && (
            <Text className="xf-text xf-text--small xf-text--muted">{`${text.parent}：${parent.name}`}</Text>
          )}
        </Card>
      )}
    </AdminPage>
  );
}

/**
 * What keeps a unit from being retired, as the server lists it (cases, staff, follow-ups, 督办…),
 * then the open cases: numbers and states only (an administrator reads no case).
 */
function HeldCases({ held, message }: { held: UnitInUse; message: string }) {
  return (
    <View className="xf-alert" role="alert" data-testid="admin-unit-in-use">
      <Text className="xf-text">{message}</Text>
      {held.total > 0 && <Text className="xf-text">{text.inUse}</Text>}
      <View role="list">
        {held.petitions.map((p) => (
          <Text key={p.number} role="listitem" className="xf-text xf-text--strong">
            {`${p.number}（${staffCopy.states[p.state as keyof typeof staffCopy.states] ?? p.state}）`}
          </Text>
        ))}
      </View>
      {held.total > held.petitions.length && (
        <Text className="xf-text xf-text--small">{text.inUseMore(held.total - held.petitions.length)}</Text>
      )}
    </View>
  );
}

/** Whether `unit` lies in the subtree of `top` (itself included). */
function isWithin(units: readonly AdminUnit[], unit: AdminUnit, top: string): boolean {
  for (let at: AdminUnit | undefined = unit; at; at = units.find((u) => u.id === at?.parentId))
    if (at.id === top) return true;
  return false;
}

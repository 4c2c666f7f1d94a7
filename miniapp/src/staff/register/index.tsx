import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PetitionKind } from '@xinfang/shared/lifecycle';
import type { OrgUnit, StaffMe } from '@xinfang/shared/schemas/identity';
import type { Attachment, Category, PetitionerMatch } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { addRepresentative, LIMITS, removeRepresentative } from '@/features/submission/form';
import { pickPhotos } from '@/features/submission/pick';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { formatDateTime } from '@/format/dates';
import { newIdempotencyKey } from '@/platform/ids';
import { ApiError } from '@/services/api';
import { uploadPhoto } from '@/services/attachments';
import { getCategories, getUnits } from '@/services/org';
import { isTransient } from '@/services/retry';
import { AttachmentTile } from '@/ui/AttachmentTile';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Choice } from '@/ui/Choice';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';
import { REGISTER_SCOPE } from '../drafts/staff-drafts';
import { staffDrafts } from '../drafts/use-staff-draft';
import { beijingParts } from '../forms/dates';
import { staffRoutes } from '../routes';
import { findPetitioners, registerPetition } from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { ChipChoice } from '../ui/ChipChoice';
import { StaffError, StaffPage } from '../ui/StaffPage';
import './index.scss';
import {
  newRegisterDraft,
  type PetitionerChoice,
  petitionerNameOf,
  REGISTER_CHANNELS,
  type RegisterDraft,
  type RegisterFields,
  type RegisterReceipt,
  registerIsValid,
  toRegisterBody,
  validateRegister,
} from './register-form';

const text = staffCopy.register;
const RECEIPT_SCOPE = 'register.receipt';
const PHONE = /^(\+?86)?1[3-9]\d{9}$/;

/**
 * Reception registers a letter, visit, call, fax or e-mail on the petitioner's behalf: finds the
 * petitioner by phone or creates them, records when and how it arrived (the clocks start there), the
 * matter, the scans and the collective fields, and hands over the number and the query code — on
 * screen and on a printed receipt. Everything typed is kept on the device; the idempotency key is
 * made with the draft, so a registration whose answer was lost is never made twice.
 */
export default function StaffRegister() {
  const session = useStaffSession();
  const me = session.me;
  const [draft, setDraft] = useState<RegisterDraft | null>(null);
  const latest = useRef<RegisterDraft | null>(null);
  const [receipt, setReceipt] = useState<RegisterReceipt | null>(null);
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [listsError, setListsError] = useState<unknown>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const staffId = me?.id ?? null;

  useEffect(() => {
    if (!staffId || latest.current) return;
    const stored = staffDrafts.load<RegisterDraft>(staffId, REGISTER_SCOPE);
    const opened = stored?.schema === 1 ? stored : newRegisterDraft(Date.now(), newIdempotencyKey);
    latest.current = opened;
    setDraft(opened);
    setReceipt(staffDrafts.load<RegisterReceipt>(staffId, RECEIPT_SCOPE));
  }, [staffId]);

  const commit = useCallback(
    (change: (d: RegisterDraft) => RegisterDraft) => {
      if (!latest.current || !staffId) return;
      const next = change(latest.current);
      latest.current = next;
      setDraft(next);
      staffDrafts.save(staffId, REGISTER_SCOPE, next);
    },
    [staffId],
  );
  const setFields = useCallback(
    (patch: Partial<RegisterFields>) => commit((d) => ({ ...d, fields: { ...d.fields, ...patch } })),
    [commit],
  );

  const loadLists = useCallback(() => {
    setListsError(null);
    Promise.all([getUnits(), getCategories()])
      .then(([u, c]) => {
        setUnits(u);
        setCategories(c.filter((category) => category.active));
      })
      .catch(setListsError);
  }, []);
  useEffect(() => {
    if (staffId) loadLists();
  }, [staffId, loadLists]);

  const problems = useMemo(
    () => (draft ? validateRegister(draft.fields, draft.attachments, Date.now()) : null),
    [draft],
  );

  const send = async () => {
    const current = latest.current;
    if (!current || !staffId || inFlight.current) return;
    let body = current.pending;
    if (!body) {
      setTried(true);
      const found = validateRegister(current.fields, current.attachments, Date.now());
      if (!registerIsValid(found)) {
        void Taro.showToast({ title: text.fixErrors, icon: 'none' });
        return;
      }
      body = toRegisterBody(current.fields, current.attachments);
      commit((d) => ({ ...d, pending: body }));
    }
    inFlight.current = true;
    setBusy(true);
    setError(null);
    try {
      const answer = await registerPetition(body, current.idempotencyKey);
      const fields = latest.current?.fields ?? current.fields;
      const made: RegisterReceipt = {
        petitionId: answer.petition.id,
        number: answer.petition.number,
        queryCode: answer.queryCode,
        petitionerName: petitionerNameOf(fields),
        receivedAt: answer.petition.receivedAt,
        channel: body.channel,
      };
      staffDrafts.save(staffId, RECEIPT_SCOPE, made);
      staffDrafts.clear(staffId, REGISTER_SCOPE);
      setReceipt(made);
      const fresh = newRegisterDraft(Date.now(), newIdempotencyKey);
      latest.current = fresh;
      setDraft(fresh);
      setTried(false);
    } catch (failure) {
      // A definitive refusal: the server kept nothing, the form can be changed (a reused key, a new one).
      if (
        failure instanceof ApiError &&
        !isTransient(failure) &&
        failure.status !== null &&
        failure.status !== 401
      )
        commit((d) => ({
          ...d,
          pending: null,
          idempotencyKey: failure.code === 'IDEMPOTENCY_KEY_REUSED' ? newIdempotencyKey() : d.idempotencyKey,
        }));
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const nextOne = () => {
    if (staffId) staffDrafts.clear(staffId, RECEIPT_SCOPE);
    setReceipt(null);
  };

  return (
    <StaffPage
      title={text.title}
      testId="staff-register-page"
      state={session}
      nav="register"
      onRestored={loadLists}
    >
      {me && !can.register(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      {receipt ? (
        <Receipt receipt={receipt} onNext={nextOne} />
      ) : !draft || !problems || !me ? (
        <Loading />
      ) : draft.pending ? (
        <Card testId="staff-register-pending">
          <Notice tone="warn" testId="staff-register-unconfirmed">
            {text.unconfirmed}
          </Notice>
          {error ? <StaffError error={error} testId="staff-register-error" /> : null}
          <Button
            variant="primary"
            busy={busy}
            busyText={text.submitting}
            onPress={() => void send()}
            testId="staff-register-submit"
          >
            {text.submit}
          </Button>
        </Card>
      ) : (
        <RegisterForm
          me={me}
          draft={draft}
          problems={tried ? problems.fields : {}}
          representativeProblems={tried ? problems.representatives : []}
          units={units}
          categories={categories}
          listsError={listsError}
          onRetryLists={loadLists}
          setFields={setFields}
          commit={commit}
          busy={busy}
          error={error}
          onSubmit={() => void send()}
          onDiscard={() => {
            if (!staffId) return;
            staffDrafts.clear(staffId, REGISTER_SCOPE);
            const fresh = newRegisterDraft(Date.now(), newIdempotencyKey);
            latest.current = fresh;
            setDraft(fresh);
            setTried(false);
            setError(null);
          }}
        />
      )}
    </StaffPage>
  );
}

function RegisterForm({
  me,
  draft,
  problems,
  representativeProblems,
  units,
  categories,
  listsError,
  onRetryLists,
  setFields,
  commit,
  busy,
  error,
  onSubmit,
  onDiscard,
}: {
  me: StaffMe;
  draft: RegisterDraft;
  problems: ReturnType<typeof validateRegister>['fields'];
  representativeProblems: (string | null)[];
  units: OrgUnit[] | null;
  categories: Category[] | null;
  listsError: unknown;
  onRetryLists: () => void;
  setFields: (patch: Partial<RegisterFields>) => void;
  commit: (change: (d: RegisterDraft) => RegisterDraft) => void;
  busy: boolean;
  error: unknown;
  onSubmit: () => void;
  onDiscard: () => void;
}) {
  const f = draft.fields;
  return (
    <View className="staff-register" data-testid="staff-register-form">
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card title={text.petitioner} testId="register-petitioner">
        <PetitionerStep fields={f} setFields={setFields} problems={problems} />
      </Card>

      <Card title={text.channelStep} testId="register-channel">
        <ChipChoice
          label={text.channel}
          options={REGISTER_CHANNELS.map((c) => ({ value: c, label: staffCopy.channels[c] }))}
          value={f.channel ?? ''}
          onChange={(v) => setFields({ channel: v as RegisterFields['channel'] })}
          testId="register-channel"
          error={problems.channel}
        />
        <View className="staff-register__when">
          <TextField
            label={text.receivedDate}
            value={f.receivedDate}
            onChange={(v) => setFields({ receivedDate: v })}
            required
            maxLength={10}
            placeholder={staffCopy.form.datePlaceholder}
            testId="register-received-date"
          />
          <TextField
            label={text.receivedTime}
            value={f.receivedTime}
            onChange={(v) => setFields({ receivedTime: v })}
            required
            maxLength={5}
            placeholder={text.timePlaceholder}
            testId="register-received-time"
          />
        </View>
        {problems.received && (
          <Text className="xf-field__error" role="alert">
            {problems.received}
          </Text>
        )}
        <Text className="xf-field__hint">{text.receivedHint}</Text>
        <Button
          inline
          onPress={() => {
            const { date, time } = beijingParts(Date.now());
            setFields({ receivedDate: date, receivedTime: time });
          }}
          label={`${text.receivedTime}：${text.receivedNow}`}
          testId="register-received-now"
        >
          {text.receivedNow}
        </Button>
      </Card>

      <Card title={text.matterStep} testId="register-matter">
        {listsError ? <StaffError error={listsError} onRetry={onRetryLists} /> : null}
        <Text className="xf-field__label" aria-hidden="true">
          {text.kind}
        </Text>
        <Choice
          label={text.kind}
          testId="register-kind"
          value={f.kind}
          onChange={(kind: PetitionKind) => setFields({ kind })}
          options={(['suggestion', 'accusation', 'request'] as const).map((k) => ({
            value: k,
            label: copy.kinds[k].formal,
            description: copy.kinds[k].explain,
          }))}
        />
        {problems.kind && (
          <Text className="xf-field__error" role="alert">
            {problems.kind}
          </Text>
        )}
        {categories ? (
          <ChipChoice
            label={copy.submit.category}
            options={categories.map((c) => ({ value: c.code, label: c.name }))}
            value={f.categoryCode ?? ''}
            onChange={(v) => setFields({ categoryCode: v })}
            testId="register-category"
            error={problems.categoryCode}
          />
        ) : (
          !listsError && <Loading />
        )}
        <Text className="xf-field__label" aria-hidden="true">
          {text.unit}
        </Text>
        {units ? (
          <UnitPicker
            units={units}
            value={f.concernedUnitId}
            onChange={(id) => setFields({ concernedUnitId: id })}
            suggested={{ id: me.unit.id, name: me.unit.name }}
            error={problems.concernedUnitId}
            label={text.unit}
          />
        ) : null}
        <TextField
          label={copy.submit.titleLabel}
          value={f.title}
          onChange={(title) => setFields({ title })}
          required
          maxLength={LIMITS.title}
          error={problems.title}
          testId="register-title"
        />
        <TextField
          label={staffCopy.detail.content}
          value={f.content}
          onChange={(content) => setFields({ content })}
          required
          multiline
          maxLength={LIMITS.content}
          error={problems.content}
          testId="register-content"
        />
        <TextField
          label={staffCopy.detail.location}
          value={f.location}
          onChange={(location) => setFields({ location })}
          maxLength={LIMITS.location}
          error={problems.location}
          testId="register-location"
        />
      </Card>

      <Card title={text.scans} testId="register-scans">
        <Scans attachments={draft.attachments} commit={commit} error={problems.photos} />
      </Card>

      <Card title={text.collectiveStep} testId="register-collective">
        <Switch
          label={copy.submit.collectiveToggle}
          checked={f.collective}
          onChange={(collective) => setFields({ collective })}
          testId="register-collective-toggle"
        />
        {f.collective && (
          <View>
            <Text className="xf-text xf-text--small xf-text--muted">{copy.submit.collectiveHint}</Text>
            <TextField
              label={copy.submit.headcount}
              value={f.headcount}
              onChange={(headcount) => setFields({ headcount })}
              type="number"
              required
              maxLength={6}
              error={problems.headcount}
              testId="register-headcount"
            />
            {f.representatives.map((name, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: representative lines are positional
              <View key={i} className="staff-register__rep">
                <TextField
                  label={copy.submit.representative(i + 1)}
                  value={name}
                  onChange={(value) =>
                    setFields({ representatives: f.representatives.map((n, j) => (j === i ? value : n)) })
                  }
                  maxLength={LIMITS.representativeName}
                  error={representativeProblems[i] ?? null}
                  testId={`register-rep-${i}`}
                />
                {f.representatives.length > 1 && (
                  <Button
                    inline
                    variant="danger"
                    onPress={() => setFields({ representatives: removeRepresentative(f.representatives, i) })}
                    label={copy.submit.removeRepresentative(i + 1)}
                  >
                    {copy.common.remove}
                  </Button>
                )}
              </View>
            ))}
            {problems.representatives && (
              <Text className="xf-field__error" role="alert">
                {problems.representatives}
              </Text>
            )}
            {f.representatives.length < LIMITS.representatives && (
              <Button
                inline
                onPress={() => setFields({ representatives: addRepresentative(f.representatives) })}
                testId="register-rep-add"
              >
                {copy.submit.addRepresentative}
              </Button>
            )}
          </View>
        )}
      </Card>

      {error ? <StaffError error={error} testId="staff-register-error" /> : null}
      <Text className="staff-saved-note">{text.draftSaved}</Text>
      <Button
        variant="primary"
        busy={busy}
        busyText={text.submitting}
        onPress={onSubmit}
        testId="staff-register-submit"
      >
        {text.submit}
      </Button>
      <Button variant="link" onPress={onDiscard} testId="staff-register-discard">
        {text.discard}
      </Button>
    </View>
  );
}

/** Find the petitioner by phone (masked matches), or create them. */
function PetitionerStep({
  fields,
  setFields,
  problems,
}: {
  fields: RegisterFields;
  setFields: (patch: Partial<RegisterFields>) => void;
  problems: ReturnType<typeof validateRegister>['fields'];
}) {
  const [matches, setMatches] = useState<PetitionerMatch[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [phoneProblem, setPhoneProblem] = useState<string | null>(null);
  const p = fields.petitioner;
  const choose = (petitioner: PetitionerChoice) => setFields({ petitioner });

  const find = async () => {
    const phone = fields.lookupPhone.trim();
    if (!PHONE.test(phone)) {
      setPhoneProblem(text.phoneInvalid);
      return;
    }
    setPhoneProblem(null);
    setBusy(true);
    setError(null);
    try {
      const found = await findPetitioners(phone);
      setMatches(found);
      if (found.length === 0) choose({ mode: 'new', realName: '', phone, idNumber: '', address: '' });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (p.mode === 'existing')
    return (
      <View>
        <Notice tone="ok" testId="register-petitioner-chosen">
          {`${text.chosen(p.match.realName ?? copy.common.none)}（${p.match.phone ?? ''}）`}
        </Notice>
        <Switch
          label={text.contactUnclear}
          checked={fields.contactUnclear}
          onChange={(contactUnclear) => setFields({ contactUnclear })}
          testId="register-contact-unclear"
        />
        <Button inline onPress={() => choose({ mode: 'none' })} testId="register-petitioner-change">
          {text.changePetitioner}
        </Button>
      </View>
    );

  return (
    <View>
      <TextField
        label={text.findByPhone}
        value={fields.lookupPhone}
        onChange={(lookupPhone) => setFields({ lookupPhone })}
        type="number"
        maxLength={14}
        placeholder={text.phonePlaceholder}
        error={phoneProblem}
        testId="register-lookup-phone"
      />
      <Button inline busy={busy} onPress={() => void find()} testId="register-lookup">
        {text.find}
      </Button>
      {error ? <StaffError error={error} testId="register-lookup-error" /> : null}
      {matches && matches.length > 0 && (
        <View role="list" data-testid="register-matches">
          {matches.map((match) => (
            <View key={match.id} role="listitem" className="staff-match">
              <Text className="xf-text xf-text--strong" data-testid="register-match">
                {text.found(match.realName ?? copy.common.none)}
              </Text>
              <Text className="xf-text xf-text--small xf-text--muted">
                {[match.phone, match.address, match.worker ? staffCopy.detail.worker : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <Button
                inline
                variant="primary"
                onPress={() => choose({ mode: 'existing', match })}
                label={text.foundLabel(match.realName ?? '', match.phone ?? '')}
                testId="register-use-match"
              >
                {text.useExisting}
              </Button>
            </View>
          ))}
        </View>
      )}
      {matches && matches.length === 0 && <Notice testId="register-not-found">{text.notFound}</Notice>}
      {p.mode === 'none' ? (
        <View>
          {problems.petitioner && (
            <Text className="xf-field__error" role="alert">
              {problems.petitioner}
            </Text>
          )}
          <Button
            inline
            onPress={() =>
              choose({
                mode: 'new',
                realName: '',
                phone: fields.lookupPhone.trim(),
                idNumber: '',
                address: '',
              })
            }
            testId="register-new-petitioner"
          >
            {text.newPetitioner}
          </Button>
        </View>
      ) : (
        <View className="staff-register__new" data-testid="register-new">
          <Text className="xf-text xf-text--strong" {...heading(3)}>
            {text.newPetitioner}
          </Text>
          <TextField
            label={text.realName}
            value={p.realName}
            onChange={(realName) => choose({ ...p, realName })}
            required
            maxLength={32}
            error={problems.realName}
            testId="register-name"
          />
          <TextField
            label={text.phone}
            value={p.phone}
            onChange={(phone) => choose({ ...p, phone })}
            type="number"
            maxLength={14}
            error={problems.phone}
            testId="register-phone"
          />
          <TextField
            label={text.idNumber}
            value={p.idNumber}
            onChange={(idNumber) => choose({ ...p, idNumber })}
            type="idcard"
            maxLength={18}
            error={problems.idNumber}
            testId="register-id-number"
          />
          <TextField
            label={text.address}
            value={p.address}
            onChange={(address) => choose({ ...p, address })}
            maxLength={200}
            error={problems.address}
            testId="register-address"
          />
          <Switch
            label={text.contactUnclear}
            checked={fields.contactUnclear}
            onChange={(contactUnclear) => setFields({ contactUnclear })}
            testId="register-contact-unclear"
          />
          <Button inline onPress={() => choose({ mode: 'none' })}>
            {copy.common.cancel}
          </Button>
        </View>
      )}
    </View>
  );
}

/** Scans of a letter, photos of materials: picked, compressed, uploaded at once (reception may upload). */
function Scans({
  attachments,
  commit,
  error,
}: {
  attachments: Attachment[];
  commit: (change: (d: RegisterDraft) => RegisterDraft) => void;
  error?: string | null;
}) {
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const left = LIMITS.photos - attachments.length;

  const add = async () => {
    setFailure(null);
    const picked = await pickPhotos('album', left).catch(() => []);
    for (const photo of picked) {
      setProgress(0);
      try {
        const uploaded = await uploadPhoto(photo.data, setProgress);
        commit((d) => ({ ...d, attachments: [...d.attachments, uploaded].slice(0, LIMITS.photos) }));
      } catch (problem) {
        setFailure(problem);
        break;
      } finally {
        setProgress(null);
      }
    }
  };

  return (
    <View>
      <Text className="xf-text xf-text--small xf-text--muted">{text.scansHint(LIMITS.photos)}</Text>
      {attachments.length > 0 && (
        <View className="xf-row" data-testid="register-scan-list">
          {attachments.map((attachment, i) => (
            <View key={attachment.id} className="staff-scan">
              <AttachmentTile attachment={attachment} n={i + 1} />
              <Button
                inline
                variant="danger"
                onPress={() =>
                  commit((d) => ({ ...d, attachments: d.attachments.filter((a) => a.id !== attachment.id) }))
                }
                label={text.scanRemove(i + 1)}
              >
                {copy.common.remove}
              </Button>
            </View>
          ))}
        </View>
      )}
      {progress !== null && (
        <StatusLine text={text.scanUploading(progress)} testId="register-scan-progress" />
      )}
      {failure ? <StaffError error={failure} testId="register-scan-error" /> : null}
      {error && (
        <Text className="xf-field__error" role="alert">
          {error}
        </Text>
      )}
      {left > 0 && (
        <Button inline onPress={() => void add()} busy={progress !== null} testId="register-scan-add">
          {text.addScan}
        </Button>
      )}
    </View>
  );
}

/** The number and the query code to hand over, on screen and on a printed receipt (h5). */
function Receipt({ receipt, onNext }: { receipt: RegisterReceipt; onNext: () => void }) {
  const [copied, setCopied] = useState(false);
  const printable = process.env.TARO_ENV === 'h5';
  return (
    <View>
      <Card testId="staff-receipt" label={text.receipt}>
        <View className="staff-receipt">
          <Text className="staff-receipt__title" {...heading(2)}>
            {`${copy.appName} · ${text.receipt}`}
          </Text>
          <Text className="xf-text xf-text--muted staff-receipt__intro">{text.receiptIntro}</Text>
          <View className="staff-receipt__code">
            <Text className="staff-receipt__label">{copy.success.number}</Text>
            <Text className="staff-receipt__value" data-testid="staff-receipt-number">
              {receipt.number}
            </Text>
          </View>
          <View className="staff-receipt__code">
            <Text className="staff-receipt__label">{copy.success.queryCode}</Text>
            <Text className="staff-receipt__value" data-testid="staff-receipt-code">
              {receipt.queryCode}
            </Text>
          </View>
          {receipt.petitionerName && (
            <Text className="xf-text">{text.receiptFor(receipt.petitionerName)}</Text>
          )}
          <Text className="xf-text">{text.receiptChannel(staffCopy.channels[receipt.channel])}</Text>
          <Text className="xf-text">{text.receiptReceived(formatDateTime(receipt.receivedAt))}</Text>
          <Text className="xf-text xf-text--small">{text.receiptHow}</Text>
        </View>
      </Card>
      <View className="xf-no-print">
        {printable && (
          <Button variant="primary" onPress={() => window.print()} testId="staff-receipt-print">
            {text.print}
          </Button>
        )}
        <Button
          onPress={() =>
            void Taro.setClipboardData({
              data: copy.success.clipboardText(receipt.number, receipt.queryCode),
            }).then(
              () => setCopied(true),
              () => undefined,
            )
          }
          testId="staff-receipt-copy"
        >
          {text.copy}
        </Button>
        <StatusLine text={copied ? text.copied : null} />
        <Button
          onPress={() => void Taro.navigateTo({ url: staffRoutes.petition(receipt.petitionId) })}
          testId="staff-receipt-open"
        >
          {text.openCase}
        </Button>
        <Button variant="link" onPress={onNext} testId="staff-receipt-next">
          {text.another}
        </Button>
      </View>
    </View>
  );
}

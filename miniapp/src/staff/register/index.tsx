import Taro, { useRouter } from '@tarojs/taro';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { newIdempotencyKey } from '@/platform/ids';
import { ApiError } from '@/services/api';
import { getCategories, getUnits } from '@/services/org';
import { registerVisitCase } from '@/services/oversight';
import { isTransient } from '@/services/retry';
import { Loading, Notice } from '@/ui/Feedback';
import { REGISTER_SCOPE } from '../drafts/staff-drafts';
import { staffDrafts } from '../drafts/use-staff-draft';
import { registerPetition } from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { StaffPage } from '../ui/StaffPage';
import './index.scss';
import { PendingCard } from './PendingCard';
import { Receipt } from './Receipt';
import { RegisterForm } from './RegisterForm';
import {
  newRegisterDraft,
  petitionerHasPhone,
  petitionerNameOf,
  type RegisterDraft,
  type RegisterFields,
  type RegisterReceipt,
  registerIsValid,
  storedRegisterDraft,
  toRegisterBody,
  validateRegister,
} from './register-form';

const text = staffCopy.register;
const RECEIPT_SCOPE = 'register.receipt';

/**
 * Reception registers a letter, visit, call, fax or e-mail on the petitioner's behalf: finds the
 * petitioner by phone or creates them, records when and how it arrived (the clocks start there), the
 * matter, the scans and the collective fields, and hands over the number and the query code — on
 * screen and on a printed receipt. Everything typed is kept on the device but the phone and ID
 * numbers (`storedRegisterDraft`); the idempotency key is made with the draft, so a registration
 * whose answer was lost is never made twice.
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
  // Opened from a held 下访: a visit met there, registered as a visit and linked to it (Art 18).
  const visitParam = useRouter().params.visitId;
  const visitId = visitParam ? decodeURIComponent(visitParam) : null;
  const scope = visitId ? `${REGISTER_SCOPE}.visit.${visitId}` : REGISTER_SCOPE;
  const receiptScope = visitId ? `${RECEIPT_SCOPE}.visit.${visitId}` : RECEIPT_SCOPE;
  const freshDraft = useCallback(() => {
    const draft = newRegisterDraft(Date.now(), newIdempotencyKey);
    return visitId ? { ...draft, fields: { ...draft.fields, channel: 'visit' as const } } : draft;
  }, [visitId]);

  useEffect(() => {
    if (!staffId || latest.current) return;
    const stored = staffDrafts.load<RegisterDraft>(staffId, scope);
    const opened = stored?.schema === 1 ? stored : freshDraft();
    latest.current = opened;
    setDraft(opened);
    setReceipt(staffDrafts.load<RegisterReceipt>(staffId, receiptScope));
  }, [staffId, scope, receiptScope, freshDraft]);

  const commit = useCallback(
    (change: (d: RegisterDraft) => RegisterDraft) => {
      if (!latest.current || !staffId) return;
      const next = change(latest.current);
      latest.current = next;
      setDraft(next);
      staffDrafts.save(staffId, scope, storedRegisterDraft(next));
    },
    [staffId, scope],
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
      const answer = visitId
        ? await registerVisitCase(visitId, body, current.idempotencyKey)
        : await registerPetition(body, current.idempotencyKey);
      const fields = latest.current?.fields ?? current.fields;
      const made: RegisterReceipt = {
        petitionId: answer.petition.id,
        number: answer.petition.number,
        queryCode: answer.queryCode,
        petitionerName: petitionerNameOf(fields),
        petitionerPhone: petitionerHasPhone(fields),
        receivedAt: answer.petition.receivedAt,
        channel: body.channel,
        ...(me && answer.petition.units.receiving.id !== me.unit.id
          ? { handedUpTo: answer.petition.units.receiving.name }
          : {}),
      };
      staffDrafts.save(staffId, receiptScope, made);
      staffDrafts.clear(staffId, scope);
      setReceipt(made);
      const fresh = freshDraft();
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
    if (staffId) staffDrafts.clear(staffId, receiptScope);
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
      {visitId && <Notice testId="staff-register-visit">{text.fromVisit}</Notice>}
      {receipt ? (
        <Receipt receipt={receipt} onNext={nextOne} />
      ) : !draft || !problems || !me ? (
        <Loading />
      ) : draft.pending ? (
        <PendingCard
          body={draft.pending}
          petitionerName={petitionerNameOf(draft.fields)}
          categories={categories}
          units={units}
          busy={busy}
          error={error}
          onSend={() => void send()}
          onCorrect={() => {
            // The same key: if the first one did arrive, the server says so rather than
            // registering the corrected one again (IDEMPOTENCY_KEY_REUSED, below).
            commit((d) => ({ ...d, pending: null }));
            setError(null);
          }}
        />
      ) : (
        <>
          {draft.numbersLeftOut && (
            <Notice tone="info" testId="staff-register-numbers">
              {text.numbersNotKept}
            </Notice>
          )}
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
              staffDrafts.clear(staffId, scope);
              const fresh = freshDraft();
              latest.current = fresh;
              setDraft(fresh);
              setTried(false);
              setError(null);
            }}
          />
        </>
      )}
    </StaffPage>
  );
}

import { Text, View } from '@tarojs/components';
import type { ParamDescriptor } from '@xinfang/shared/lifecycle';
import type { Attachment, PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { pickPhotos } from '@/features/submission/pick';
import { newLocalId } from '@/platform/ids';
import { uploadPhoto } from '@/services/attachments';
import { correctDelivery, recordDelivery } from '@/services/documents';
import { AttachmentTile } from '@/ui/AttachmentTile';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ChipChoice } from '@/ui/ChipChoice';
import { TextField } from '@/ui/TextField';
import { beijingDateIn, parseDate } from '../forms/dates';
import { staffMessageOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';
import { earlierDateNeeds, recordedDelivery, refusedField } from './delivery-correction';

const text = staffCopy.deliveries;
const form = staffCopy.form;

type Method = 'in_person' | 'post' | 'visit';

/** The date limits the server gave for this action's date parameter (from the answer's issue to today). */
function limits(detail: PetitionDetail, type: string): { min: string; max: string } | null {
  const params = detail.allowedActions.find((a) => a.type === type)?.params as ParamDescriptor[] | undefined;
  const date = params?.find((p) => p.name === 'deliveredOn');
  return date?.minDate && date.maxDate ? { min: date.minDate, max: date.maxDate } : null;
}

/** A date typed by a person, checked against the limits: null when fine, else what is wrong. */
function dateProblem(value: string, range: { min: string; max: string } | null): string | null {
  const date = parseDate(value);
  if (!date) return form.dateInvalid;
  if (range && date < range.min) return form.dateTooEarly(range.min);
  return range && date > range.max ? form.dateTooLate(range.max) : null;
}

function DateField({
  label,
  value,
  onChange,
  error,
  testId,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  testId: string;
}) {
  return (
    <View>
      <TextField
        label={label}
        value={value}
        onChange={onChange}
        required
        error={error}
        keyboard="date"
        maxLength={10}
        testId={testId}
      />
      <View className="xf-row staff-quick">
        {[0, -1].map((days) => (
          <Button
            key={days}
            inline
            onPress={() => onChange(beijingDateIn(Date.now(), days))}
            label={`${label}：${days === 0 ? text.today : text.yesterday}`}
            testId={`${testId}-${days === 0 ? 'today' : 'yesterday'}`}
          >
            {days === 0 ? text.today : text.yesterday}
          </Button>
        ))}
      </View>
    </View>
  );
}

/**
 * A scanned 送达回证 or postal receipt: picked (or photographed) and uploaded at once, its id sent
 * with the form. A failed upload goes to the form's `onFailure`.
 */
function useReceiptScan(onFailure: (problem: unknown) => void) {
  const [scan, setScan] = useState<Attachment | null>(null);
  const [uploading, setUploading] = useState<number | null>(null);
  const add = async () => {
    onFailure(null);
    const [photo] = await pickPhotos('album', 1, { orCamera: true }).catch(() => []);
    if (!photo) return;
    setUploading(0);
    try {
      setScan(await uploadPhoto(photo.data, setUploading, newLocalId('scan')));
    } catch (problem) {
      onFailure(problem);
    } finally {
      setUploading(null);
    }
  };
  return { scan, uploading, add };
}

function ReceiptField({
  hint,
  ready,
  receipt,
  error,
  testId,
}: {
  hint: string;
  ready: string;
  receipt: ReturnType<typeof useReceiptScan>;
  error: string | null;
  testId: string;
}) {
  return (
    <View data-testid={testId}>
      <Text className="xf-text xf-text--small xf-text--muted">{hint}</Text>
      {receipt.scan && <AttachmentTile attachment={receipt.scan} n={1} />}
      <Button
        inline
        onPress={() => void receipt.add()}
        busy={receipt.uploading !== null}
        busyText={`${receipt.uploading ?? 0}%`}
        testId={`${testId}-add`}
      >
        {receipt.scan ? ready : text.scanAdd}
      </Button>
      {error && (
        <Text className="xf-field__error" role="alert">
          {error}
        </Text>
      )}
    </View>
  );
}

/**
 * Recording how the written answer reached the petitioner: in person (with the signed 送达回证
 * scanned), by post (posting date, and the day received as the postal receipt shows) or read out
 * at a visit. The server checks the same rules; this only saves a round trip.
 */
export function RecordDeliveryForm({
  detail,
  onDone,
}: {
  detail: PetitionDetail;
  onDone: (next: PetitionDetail) => void;
}) {
  const [method, setMethod] = useState<Method | ''>('');
  const [deliveredOn, setDeliveredOn] = useState('');
  const [postedOn, setPostedOn] = useState('');
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const inFlight = useRef(false);
  const receipt = useReceiptScan(setFailure);
  const scan = receipt.scan;
  const range = limits(detail, 'record_delivery');

  const problems = {
    method: method ? null : form.choose,
    deliveredOn: dateProblem(deliveredOn, range),
    postedOn:
      method !== 'post'
        ? null
        : (dateProblem(postedOn, range) ??
          (parseDate(postedOn) && parseDate(deliveredOn) && postedOn > deliveredOn
            ? text.postedAfterReceived
            : null)),
    scan: method === 'in_person' && !scan ? text.scanHint : null,
  };
  const shown = (key: keyof typeof problems) => (tried ? problems[key] : null);

  const submit = async () => {
    setTried(true);
    if (Object.values(problems).some(Boolean) || inFlight.current || !method) return;
    inFlight.current = true;
    setBusy(true);
    setFailure(null);
    try {
      const next = await recordDelivery(detail.id, {
        method,
        deliveredOn: parseDate(deliveredOn) as string,
        ...(method === 'post' ? { postedOn: parseDate(postedOn) as string } : {}),
        ...(method === 'in_person' && scan ? { receiptAttachmentId: scan.id } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
        version: detail.version,
      });
      onDone(next);
    } catch (error) {
      setFailure(error);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  return (
    <Card title={text.record} testId="delivery-form" label={text.record}>
      <Text className="xf-text xf-text--small xf-text--muted">{text.recordIntro}</Text>
      {detail.contactUnclear && (
        <Text className="xf-text xf-text--small" data-testid="delivery-not-owed">
          {text.notOwed}
        </Text>
      )}
      <ChipChoice
        label={text.method}
        options={(['in_person', 'post', 'visit'] as const).map((value) => ({
          value,
          label: text.methods[value] ?? value,
        }))}
        value={method}
        onChange={(value) => setMethod(value as Method)}
        error={shown('method')}
        testId="delivery-method"
      />
      {method === 'post' && (
        <DateField
          label={text.postedOn}
          value={postedOn}
          onChange={setPostedOn}
          error={shown('postedOn')}
          testId="delivery-posted-on"
        />
      )}
      <DateField
        label={method === 'post' ? text.receivedOnReceipt : text.deliveredOn}
        value={deliveredOn}
        onChange={setDeliveredOn}
        error={shown('deliveredOn')}
        testId="delivery-delivered-on"
      />
      {method === 'in_person' && (
        <ReceiptField
          hint={text.scanHint}
          ready={text.scanReady}
          receipt={receipt}
          error={shown('scan')}
          testId="delivery-scan"
        />
      )}
      <TextField
        label={text.note}
        hint={text.noteHint}
        value={note}
        onChange={setNote}
        maxLength={500}
        multiline
        testId="delivery-note"
      />
      {failure ? <StaffError error={failure} testId="delivery-error" /> : null}
      <Button
        variant="primary"
        onPress={() => void submit()}
        busy={busy}
        busyText={text.sending}
        testId="delivery-submit"
      >
        {text.submit}
      </Button>
    </Card>
  );
}

/**
 * A unit head corrects the delivery date, with the reason (the server audits it). An earlier date
 * shortens the petitioner's window after the fact: it needs the scanned receipt that shows it, and
 * an opening in the app is never moved earlier (Art 35). A refusal shows by the field it names.
 */
export function CorrectDeliveryForm({
  detail,
  onDone,
}: {
  detail: PetitionDetail;
  onDone: (next: PetitionDetail) => void;
}) {
  const [open, setOpen] = useState(false);
  const [deliveredOn, setDeliveredOn] = useState('');
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const receipt = useReceiptScan(setFailure);
  const range = limits(detail, 'correct_delivery');
  const recorded = recordedDelivery(detail.timeline);
  const needs = earlierDateNeeds(parseDate(deliveredOn), recorded);
  const problems = {
    deliveredOn:
      dateProblem(deliveredOn, range) ?? (needs === 'not_earlier' ? text.correctAppNotEarlier : null),
    reason: reason.trim() ? null : form.required,
    receiptAttachmentId: needs === 'receipt' && !receipt.scan ? text.correctReceipt : null,
  };
  const refused = refusedField(failure);
  const shown = (field: keyof typeof problems) =>
    refused === field ? staffMessageOf(failure) : tried ? problems[field] : null;

  const submit = async () => {
    setTried(true);
    if (Object.values(problems).some(Boolean) || busy) return;
    setBusy(true);
    setFailure(null);
    try {
      onDone(
        await correctDelivery(detail.id, {
          deliveredOn: parseDate(deliveredOn) as string,
          reason: reason.trim(),
          ...(receipt.scan ? { receiptAttachmentId: receipt.scan.id } : {}),
          version: detail.version,
        }),
      );
      setOpen(false);
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View data-testid="delivery-correction">
      <Button inline onPress={() => setOpen(!open)} expanded={open} testId="delivery-correct-open">
        {text.correct}
      </Button>
      {open && (
        <View>
          <Text className="xf-text xf-text--small xf-text--muted">{text.correctIntro}</Text>
          {recorded?.method === 'app' && (
            <Text className="xf-text xf-text--small" data-testid="delivery-correct-app">
              {text.correctAppNotEarlier}
            </Text>
          )}
          <DateField
            label={text.correctDate}
            value={deliveredOn}
            onChange={setDeliveredOn}
            error={shown('deliveredOn')}
            testId="delivery-correct-date"
          />
          {(needs === 'receipt' || receipt.scan || refused === 'receiptAttachmentId') && (
            <ReceiptField
              hint={text.correctReceipt}
              ready={text.correctReceiptReady}
              receipt={receipt}
              error={shown('receiptAttachmentId')}
              testId="delivery-correct-receipt"
            />
          )}
          <TextField
            label={text.correctReason}
            value={reason}
            onChange={setReason}
            required
            multiline
            maxLength={2000}
            error={shown('reason')}
            testId="delivery-correct-reason"
          />
          {failure && !refused ? <StaffError error={failure} testId="delivery-correct-error" /> : null}
          <Button
            variant="primary"
            onPress={() => void submit()}
            busy={busy}
            busyText={text.sending}
            testId="delivery-correct-submit"
          >
            {text.correctSubmit}
          </Button>
        </View>
      )}
    </View>
  );
}

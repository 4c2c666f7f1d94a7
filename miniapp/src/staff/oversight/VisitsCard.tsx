import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import type { Visit, VisitList } from '@xinfang/shared/schemas/visits';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import { holdVisit } from '@/services/oversight';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { FoldOut } from '@/ui/FoldOut';
import { TextField } from '@/ui/TextField';
import { beijingDateIn } from '../forms/dates';
import { registerForVisit, staffRoutes } from '../routes';
import { can } from '../session/roles';
import { retryOf } from '../ui/errors';
import { StaffError } from '../ui/StaffPage';
import {
  cancelProblems,
  type HoldFields,
  holdProblems,
  isClean,
  toCancelBody,
  toHoldBody,
} from './oversight-forms';
import { VisitPlanForm } from './VisitPlanForm';
import { cancelVisit } from './visits-api';

const text = staffCopy.oversight;
const openCase = (id: string) => () => void Taro.navigateTo({ url: staffRoutes.petition(id) });

/**
 * The 下访 of one's subtree (Art 18): planned and held, each with the cases it produced; a new one
 * planned here, a planned one recorded as held once its day has come or cancelled with its reason
 * when it will not happen, and — at the desk — the petitions met there registered as visits linked
 * to it.
 */
export function VisitsCard({
  list,
  me,
  onChange,
}: {
  list: VisitList;
  me: StaffMe;
  onChange: () => Promise<void>;
}) {
  return (
    <Card title={text.visits} testId="oversight-visits" label={text.visits}>
      <Text className="xf-text xf-text--muted">{text.visitsMeta(list.planned, list.held, list.cases)}</Text>
      <FoldOut title={text.planVisit} testId="visit-plan">
        <VisitPlanForm me={me} onPlanned={onChange} />
      </FoldOut>
      {list.items.length === 0 && <Text className="xf-status">{text.visitsEmpty}</Text>}
      <View role="list" aria-label={text.visits}>
        {list.items.map((visit) => (
          <VisitRow key={visit.id} visit={visit} me={me} onChange={onChange} />
        ))}
      </View>
    </Card>
  );
}

function VisitRow({ visit, me, onChange }: { visit: Visit; me: StaffMe; onChange: () => Promise<void> }) {
  const due = visit.status === 'planned' && visit.date <= beijingDateIn(Date.now(), 0);
  return (
    <View
      role="listitem"
      className="staff-row"
      data-testid="oversight-visit"
      data-status={visit.status}
      data-topic={visit.topic}
    >
      <View className="staff-row__top">
        <Text className="staff-row__number">{visit.topic}</Text>
        <Text className="staff-badge">{text.visitStatus[visit.status]}</Text>
      </View>
      <Text className="staff-row__meta">
        {text.visitMeta(visit.unit.name, formatDateString(visit.date), visit.leader.name)}
      </Text>
      <Text className="staff-row__meta">{visit.place}</Text>
      {visit.status === 'held' && (
        <Text className="staff-row__meta" data-testid="oversight-visit-held">
          {text.visitHeld(visit.people ?? 0, visit.caseCount)}
        </Text>
      )}
      {visit.summary && <Text className="xf-text">{visit.summary}</Text>}
      {visit.status === 'cancelled' && visit.cancelReason && (
        <Text className="staff-row__meta" data-testid="oversight-visit-cancelled">
          {text.visitCancelled(visit.cancelReason)}
        </Text>
      )}
      {visit.cases.map((c) => (
        <View key={c.id} className="staff-row__open" {...pressable(null, openCase(c.id), { role: 'link' })}>
          <Text className="staff-row__title">{`${c.number} ${c.title}`}</Text>
        </View>
      ))}
      {due && <HoldForm visit={visit} onHeld={onChange} />}
      {visit.status === 'planned' && <CancelForm visit={visit} onCancelled={onChange} />}
      {visit.status === 'held' && can.register(me) && (
        <View className="staff-row__actions">
          <Button
            inline
            testId="oversight-visit-register"
            onPress={() => void Taro.navigateTo({ url: registerForVisit(visit.id) })}
          >
            {text.registerCase}
          </Button>
        </View>
      )}
    </View>
  );
}

/** Recording a visit as held: what was done and heard, and how many people were met (once). */
function HoldForm({ visit, onHeld }: { visit: Visit; onHeld: () => Promise<void> }) {
  const [fields, setFields] = useState<HoldFields>({ summary: '', people: '' });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problems = holdProblems(fields);
  const shown = tried ? problems : {};
  const send = async () => {
    setTried(true);
    if (!isClean(problems) || busy) return;
    setBusy(true);
    setError(null);
    try {
      await holdVisit(visit.id, toHoldBody(fields));
      await onHeld();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FoldOut title={text.hold} testId="visit-hold">
      <TextField
        label={text.summary}
        value={fields.summary}
        onChange={(summary) => setFields((f) => ({ ...f, summary }))}
        multiline
        required
        maxLength={2000}
        error={shown.summary ?? null}
        testId="visit-summary"
      />
      <TextField
        label={text.people}
        value={fields.people}
        onChange={(people) => setFields((f) => ({ ...f, people }))}
        keyboard="number"
        required
        maxLength={6}
        error={shown.people ?? null}
        testId="visit-people"
      />
      {error ? (
        <StaffError error={error} onRetry={retryOf(error, () => void send())} what={text.hold} />
      ) : null}
      <Button variant="primary" busy={busy} onPress={() => void send()} testId="visit-hold-submit">
        {text.holdSubmit}
      </Button>
    </FoldOut>
  );
}

/**
 * Cancelling a planned visit that will not happen, with the reason (the server lets the leader,
 * his unit's staff and the planner do it, and says so to others).
 */
function CancelForm({ visit, onCancelled }: { visit: Visit; onCancelled: () => Promise<void> }) {
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const problems = cancelProblems(reason);
  const send = async () => {
    setTried(true);
    if (!isClean(problems) || busy) return;
    setBusy(true);
    setError(null);
    try {
      await cancelVisit(visit.id, toCancelBody(reason));
      await onCancelled();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <FoldOut title={text.cancelVisit} testId="visit-cancel">
      <TextField
        label={text.cancelReason}
        value={reason}
        onChange={setReason}
        multiline
        required
        maxLength={200}
        error={tried ? (problems.reason ?? null) : null}
        testId="visit-cancel-reason"
      />
      {error ? (
        <StaffError error={error} onRetry={retryOf(error, () => void send())} what={text.cancelVisit} />
      ) : null}
      <Button variant="danger" busy={busy} onPress={() => void send()} testId="visit-cancel-submit">
        {text.cancelSubmit}
      </Button>
    </FoldOut>
  );
}

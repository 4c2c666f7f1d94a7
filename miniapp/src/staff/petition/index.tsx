import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { CaseActionType, PetitionKind } from '@xinfang/shared/lifecycle';
import type { Category, PetitionDetail, TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { usePetition } from '@/features/petition/use-petition';
import { buildUnitTree, unitPath } from '@/features/submission/units';
import { formatDateTime } from '@/format/dates';
import { ApiError } from '@/services/api';
import { getCategories, getUnits } from '@/services/org';
import { AttachmentTile } from '@/ui/AttachmentTile';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { ClockCountdown } from '@/ui/ClockCountdown';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { FoldOut } from '@/ui/FoldOut';
import { FollowUpCard } from '../follow-ups/FollowUpCard';
import type { ActionLike, FormContext, FormValues } from '../forms/action-form';
import { SuggestionForm } from '../oversight/SuggestionForm';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { ActionForm, type UnitsWithPaths } from '../ui/ActionForm';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { StaffStateChip } from '../ui/StaffStateChip';
import { StaffTimeline } from '../ui/StaffTimeline';
import { CoHandlingCard } from './CoHandlingCard';
import { DELIVERY_ACTIONS, DocumentsSection } from './DocumentsSection';
import { EscalationsCard } from './EscalationsCard';
import { type LetterValues, LetterView } from './LetterView';
import { LinksCard } from './LinksCard';
import { suggestedAction } from './next-step';
import { PetitionerCard } from './PetitionerCard';
import { TemplatePicker } from './TemplatePicker';
import './index.scss';

const text = staffCopy.detail;

/** The order actions are offered in: triage, handling, approval, then oversight. */
const ACTION_ORDER: string[] = [
  'set_concerned_unit',
  'accept',
  'assign',
  'forward',
  'refer',
  'divert',
  'decline',
  'instruct',
  'object',
  'agree_objection',
  'overrule_objection',
  'notify',
  'record_investigation',
  'schedule_hearing',
  'hold_hearing',
  'record_mediation',
  'request_extension',
  'approve_extension',
  'refuse_extension',
  'draft_reply',
  'approve_reply',
  'return_reply',
  'issue_reply',
  'answer_supervision',
  'issue_supervision',
  'recuse',
];
/** Actions with their own place on the page: the petitioner's messages and the internal notes. */
const COMPOSERS = ['send_message', 'add_note'];
const NOTE_EVENTS = ['note_added', 'investigation_recorded', 'supervision_issued', 'supervision_answered'];
const MESSAGE_EVENTS = ['message_sent', 'petitioner_wrote'];

/**
 * One petition for staff: what it is and who sent it (masked, with an audited reveal), its clocks,
 * everything that happened (internal steps marked), the petitioner's messages kept apart from the
 * internal notes, attachments, repeat petitions, and the actions the server says this person may
 * take now (`allowedActions`), each with its form drawn from the server's descriptors. Every action
 * carries the version shown; if someone acted first, the page says so, reloads, and keeps the text.
 */
export default function StaffPetition() {
  const session = useStaffSession();
  const me = session.me;
  const params = useRouter().params;
  const id = params.id ?? '';
  const signedIn = me !== null;
  const {
    detail,
    setDetail,
    loadError,
    load,
    now,
    busy,
    failure,
    status,
    run: act,
  } = usePetition(id, signedIn);
  const [units, setUnits] = useState<UnitsWithPaths | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  /** The action whose form the person opened (CLOSED: they closed it); null: the suggested one. */
  const [choice, setChoice] = useState<string | null>(params.action ?? null);

  useEffect(() => {
    if (!signedIn) return;
    getUnits()
      .then((list) => {
        const tree = buildUnitTree(list);
        setUnits({ list, paths: new Map(list.map((u) => [u.id, unitPath(tree, u.id).map((p) => p.id)])) });
      })
      .catch(() => undefined);
    getCategories()
      .then(setCategories)
      .catch(() => undefined);
  }, [signedIn]);

  /** Takes one action; the form closes after it, unless it is a composer's (messages, notes). */
  const run = useCallback(
    async (type: string, label: string, params: Record<string, unknown>): Promise<boolean> => {
      const done = await act(type as CaseActionType, params as never, text.done(label));
      if (done && !COMPOSERS.includes(type)) setChoice(null);
      return done;
    },
    [act],
  );
  // Someone acted first: the page was loaded again; say so, and whether the action is still open.
  const conflict = failure?.reloaded === undefined ? null : conflictLine(failure.type, failure.reloaded);

  const kind: PetitionKind = detail?.kind ?? 'request';
  const formContext = useMemo<FormContext>(
    () => ({
      kind,
      now,
      units: units ? units.list.map((u) => ({ id: u.id, path: units.paths.get(u.id) ?? [u.id] })) : undefined,
    }),
    [kind, now, units],
  );

  const title = detail ? `${text.title} ${detail.number}` : text.title;
  if (!me || !detail) {
    const notFound =
      loadError instanceof ApiError && (loadError.code === 'NOT_FOUND' || loadError.code === 'FORBIDDEN');
    return (
      <StaffPage
        title={title}
        testId="staff-petition-page"
        state={session}
        nav={null}
        onRestored={() => void load()}
      >
        {notFound ? (
          <Notice tone="warn" testId="staff-petition-not-found">
            {text.notFound}
          </Notice>
        ) : loadError ? (
          <StaffError error={loadError} onRetry={() => void load()} what={text.title} />
        ) : (
          <Loading />
        )}
      </StaffPage>
    );
  }

  const unitName = (unitId: unknown) =>
    units?.list.find((u) => u.id === unitId)?.name ??
    [detail.units.receiving, detail.units.concerned, detail.units.handling].find((u) => u?.id === unitId)
      ?.name ??
    copy.common.unknownUnit;
  const categoryName = categories.find((c) => c.code === detail.categoryCode)?.name ?? detail.categoryCode;
  const allowed = detail.allowedActions as ActionLike[];
  const actions = allowed
    .filter((a) => !COMPOSERS.includes(a.type) && !DELIVERY_ACTIONS.includes(a.type))
    .sort((a, b) => ACTION_ORDER.indexOf(a.type) - ACTION_ORDER.indexOf(b.type));
  const composer = (type: string) => allowed.find((a) => a.type === type) ?? null;
  const pendingExtension = pendingExtensionOf(detail.timeline.filter((e) => e.stage === detail.stage));
  const { receiving, concerned } = detail.units;
  const suggested = suggestedAction({
    state: detail.state,
    allowed: actions.map((a) => a.type),
    concernedKnown: concerned !== null,
    concernedBelowReceiving:
      concerned !== null &&
      concerned.id !== receiving.id &&
      (units?.paths.get(concerned.id) ?? []).includes(receiving.id),
    extensionPending: pendingExtension !== null,
    hearingPending:
      detail.timeline.some((e) => e.type === 'hearing_scheduled') && !heldAfterScheduled(detail.timeline),
  });
  const open =
    choice === CLOSED ? null : choice && actions.some((a) => a.type === choice) ? choice : suggested;
  const openAction = actions.find((a) => a.type === open) ?? null;
  const ordered = suggested
    ? [...actions].sort((a, b) => Number(b.type === suggested) - Number(a.type === suggested))
    : actions;
  const running = detail.clocks.filter((c) => c.finishedAt === null);
  const finished = detail.clocks.filter((c) => c.finishedAt !== null);
  const messages = detail.timeline.filter((e) => MESSAGE_EVENTS.includes(e.type));
  const notes = detail.timeline.filter((e) => NOTE_EVENTS.includes(e.type));
  const letters = detail.timeline.filter((e) => e.type === 'reply_issued');
  const stageEvents = detail.timeline.filter((e) => e.stage === detail.stage);
  const lastDraft = stageEvents.findLast((e) => e.type === 'reply_drafted');
  const errorFor = (type: string) =>
    failure?.type === type && failure.reloaded === undefined ? failure.error : null;

  const formFor = (action: ActionLike) => {
    const letter = (lastDraft?.data.letter ?? null) as LetterValues | null;
    let children: ReactNode = null;
    if ((action.type === 'approve_extension' || action.type === 'refuse_extension') && pendingExtension)
      children = (
        <Notice tone="warn" testId="pending-extension">
          {text.pendingExtension(
            Number(pendingExtension.data.days),
            String(pendingExtension.data.reason ?? ''),
          )}
        </Notice>
      );
    if (
      (action.type === 'approve_reply' || action.type === 'return_reply' || action.type === 'issue_reply') &&
      letter
    )
      children = (
        <View className="staff-pending-letter">
          <Text className="xf-text xf-text--strong">
            {detail.state === 'reply_approved' ? text.approvedLetter : text.pendingLetter}
          </Text>
          <LetterView letter={letter} testId="pending-letter" />
        </View>
      );
    const prefill: FormValues | undefined =
      action.type === 'draft_reply' && letter
        ? {
            request: letter.request ?? '',
            factsAndReasons: letter.factsAndReasons ?? '',
            decision: letter.decision ?? '',
            legalBasis: letter.legalBasis ?? '',
            outcome: letter.outcome ?? '',
          }
        : undefined;
    return (
      <ActionForm
        key={action.type}
        action={action}
        petitionId={detail.id}
        context={formContext}
        me={me}
        units={units}
        busy={busy === action.type}
        error={errorFor(action.type)}
        onSubmit={(params) => run(action.type, action.label, params)}
        prefill={prefill}
        extras={
          action.type === 'draft_reply'
            ? (update) => (
                <TemplatePicker categoryCode={detail.categoryCode} kind={detail.kind} onUse={update} />
              )
            : undefined
        }
      >
        {children}
      </ActionForm>
    );
  };

  return (
    <StaffPage
      title={title}
      testId="staff-petition-page"
      state={session}
      nav={null}
      onRestored={() => void load()}
    >
      <View className="staff-detail" data-version={detail.version} data-state={detail.state}>
        <View className="staff-detail__head">
          <Card testId="staff-summary">
            <View className="staff-summary__top">
              <Text className="staff-summary__number" data-testid="staff-number">
                {detail.number}
              </Text>
              <StaffStateChip state={detail.state} testId="staff-state" />
            </View>
            <Text className="staff-summary__title" {...heading(2)}>
              {detail.title}
            </Text>
            <KeyValue label={text.kind}>{copy.kinds[detail.kind].formal}</KeyValue>
            <KeyValue label={text.channel}>{copy.channels[detail.channel] ?? detail.channel}</KeyValue>
            <KeyValue label={text.category}>{categoryName}</KeyValue>
            <KeyValue label={text.received}>{formatDateTime(detail.receivedAt)}</KeyValue>
            {detail.stage !== 'first' && <KeyValue label={text.stage}>{copy.stages[detail.stage]}</KeyValue>}
            <KeyValue label={text.receiving}>{detail.units.receiving.name}</KeyValue>
            <KeyValue label={text.concerned} testId="staff-concerned-unit">
              {detail.units.concerned?.name ?? text.concernedUnknown}
            </KeyValue>
            {detail.units.handling && (
              <KeyValue label={text.handling} testId="staff-handling-unit">
                {detail.units.handling.name}
              </KeyValue>
            )}
            {detail.responsibleLeader && (
              <KeyValue label={text.responsibleLeader} testId="staff-responsible-leader">
                {detail.responsibleLeader.name}
              </KeyValue>
            )}
            <Button inline onPress={() => void load()} testId="staff-reload">
              {text.reload}
            </Button>
          </Card>
          {conflict && (
            <View className="xf-alert" role="alert" data-testid="staff-conflict">
              <Text>{conflict}</Text>
            </View>
          )}
          <StatusLine text={status} testId="staff-status" />
        </View>

        <View className="staff-detail__side">
          {(running.length > 0 || finished.length > 0) && (
            <Card title={text.clocks} testId="staff-clocks" label={text.clocks}>
              {running.map((clock) => (
                <ClockCountdown
                  key={`${clock.stage}-${clock.name}`}
                  clock={clock}
                  now={now}
                  testId="staff-clock"
                />
              ))}
              {finished.length > 0 && (
                <View className="staff-clocks__finished">
                  <Text className="xf-text xf-text--small xf-text--muted">{text.clocksFinished}</Text>
                  {finished.map((clock) => (
                    <ClockCountdown
                      key={`${clock.stage}-${clock.name}`}
                      clock={clock}
                      now={now}
                      testId="staff-clock-finished"
                    />
                  ))}
                </View>
              )}
            </Card>
          )}

          <Card title={text.actions} testId="staff-actions" label={text.actions}>
            {actions.length === 0 ? (
              <Text className="xf-text xf-text--muted" data-testid="staff-no-actions">
                {text.noActions}
              </Text>
            ) : (
              <View>
                {suggested && (
                  <Text className="staff-suggested" data-testid="staff-suggested" data-action={suggested}>
                    {text.suggested(actions.find((a) => a.type === suggested)?.label ?? '')}
                  </Text>
                )}
                <Text className="xf-text xf-text--small xf-text--muted">{text.actionsIntro}</Text>
                <View className="staff-action-toggles">
                  {ordered.map((action) => (
                    <Button
                      key={action.type}
                      inline
                      variant={open === action.type ? 'primary' : 'secondary'}
                      onPress={() => setChoice(action.type)}
                      label={action.label}
                      expanded={open === action.type}
                      testId={`action-${action.type}-open`}
                    >
                      {action.label}
                    </Button>
                  ))}
                </View>
                {openAction && (
                  <View className="staff-action" data-testid={`action-${openAction.type}`}>
                    <Text className="staff-action__title" {...heading(3)}>
                      {openAction.type === suggested ? text.suggested(openAction.label) : openAction.label}
                    </Text>
                    {formFor(openAction)}
                    <Button variant="link" onPress={() => setChoice(CLOSED)} testId="action-close">
                      {staffCopy.common.cancel}
                    </Button>
                  </View>
                )}
              </View>
            )}
          </Card>

          <Card title={text.messages} testId="staff-messages" label={text.messages}>
            <Text className="staff-visibility staff-visibility--visible">{staffCopy.common.visible}</Text>
            <Text className="xf-text xf-text--small xf-text--muted">{text.messagesIntro}</Text>
            {messages.length === 0 ? (
              <Text className="xf-text xf-text--muted">{text.messagesEmpty}</Text>
            ) : (
              <View role="list">
                {messages.map((event) => (
                  <View
                    key={event.seq}
                    role="listitem"
                    className={`staff-message staff-message--${event.type === 'petitioner_wrote' ? 'petitioner' : 'staff'}`}
                    data-testid="staff-message"
                  >
                    <Text className="staff-message__who">
                      {`${
                        event.type === 'petitioner_wrote'
                          ? text.messageFromPetitioner
                          : text.messageFromStaff(event.actor?.name ?? '')
                      } · ${formatDateTime(event.at)}`}
                    </Text>
                    <Text className="staff-message__text">{String(event.data.text ?? '')}</Text>
                  </View>
                ))}
              </View>
            )}
            {composer('send_message') && formFor(composer('send_message') as ActionLike)}
          </Card>

          <Card title={text.notes} testId="staff-notes" label={text.notes}>
            <Text className="staff-visibility staff-visibility--internal">{staffCopy.common.internal}</Text>
            <Text className="xf-text xf-text--small xf-text--muted">{text.notesIntro}</Text>
            {notes.length === 0 ? (
              <Text className="xf-text xf-text--muted">{text.notesEmpty}</Text>
            ) : (
              <View role="list">
                {notes.map((event) => (
                  <View key={event.seq} role="listitem" className="staff-note" data-testid="staff-note">
                    <Text className="staff-message__who">
                      {`${staffCopy.events[event.type]} · ${event.actor?.name ?? ''} · ${formatDateTime(event.at)}`}
                    </Text>
                    <Text className="staff-message__text">
                      {String(
                        event.data.text ??
                          event.data.summary ??
                          event.data.requirements ??
                          event.data.answer ??
                          '',
                      )}
                    </Text>
                  </View>
                ))}
              </View>
            )}
            {composer('add_note') && formFor(composer('add_note') as ActionLike)}
          </Card>
        </View>

        <View className="staff-detail__main">
          {letters.map((event) => (
            <Card
              key={event.seq}
              title={`${text.letter}${event.stage === 'first' ? '' : `（${copy.stages[event.stage]}）`}`}
              testId="staff-letter"
            >
              <LetterView letter={(event.data.letter ?? {}) as LetterValues} />
            </Card>
          ))}
          <DocumentsSection detail={detail} onChange={setDetail} onOpened={() => void load()} />
          <CoHandlingCard detail={detail} />
          <EscalationsCard petitionId={detail.id} />
          {can.suggest(me) && (
            <Card testId="staff-suggest" label={staffCopy.oversight.issue}>
              <FoldOut title={staffCopy.oversight.issue} testId="staff-suggest-fold">
                <SuggestionForm me={me} petitionId={detail.id} />
              </FoldOut>
            </Card>
          )}
          {['resolved', 'concluded', 'final'].includes(detail.state) && (
            <FollowUpCard petitionId={detail.id} />
          )}
          {lastDraft &&
            ['reply_drafted', 'reply_approved'].includes(detail.state) &&
            !open?.endsWith('_reply') && (
              <Card title={text.pendingLetter} testId="staff-draft-letter">
                <LetterView letter={(lastDraft.data.letter ?? {}) as LetterValues} />
              </Card>
            )}

          <Card title={text.content} testId="staff-content">
            <Text className="xf-text xf-text--pre">{detail.content}</Text>
            {detail.location && <KeyValue label={text.location}>{detail.location}</KeyValue>}
            {detail.collective && (
              <Text className="xf-text xf-text--muted" data-testid="staff-collective">
                {text.collective(detail.collective.headcount, detail.collective.representatives.join('、'))}
              </Text>
            )}
            {detail.contactUnclear && <Text className="xf-text xf-text--muted">{text.contactUnclear}</Text>}
          </Card>

          <PetitionerCard detail={detail} me={me} />

          {detail.attachments.length > 0 && (
            <Card title={text.attachments} testId="staff-attachments">
              <View className="xf-row">
                {detail.attachments.map((attachment, i) => (
                  <AttachmentTile key={attachment.id} attachment={attachment} n={i + 1} />
                ))}
              </View>
            </Card>
          )}

          <LinksCard detail={detail} onChange={(next) => setDetail(next)} />

          <Card title={text.timeline} testId="staff-history" label={text.timeline}>
            <StaffTimeline events={detail.timeline} clocks={detail.clocks} unitName={unitName} />
          </Card>
        </View>
      </View>
    </StaffPage>
  );
}

/** The choice that means "no form open", as against null: "the suggested one". */
const CLOSED = '-';

/** Whether the last scheduled hearing has been held. */
function heldAfterScheduled(timeline: readonly TimelineEvent[]): boolean {
  const last = timeline.findLast((e) => e.type === 'hearing_scheduled' || e.type === 'hearing_held');
  return last?.type === 'hearing_held';
}

/** What the page says after someone acted first: the state now, and whether `type` is still open. */
function conflictLine(type: string, reloaded: PetitionDetail | null): string {
  const state = reloaded ? staffCopy.states[reloaded.state] : '';
  const stillAllowed = reloaded?.allowedActions.some((a) => a.type === type) ?? false;
  return stillAllowed ? text.conflict(state) : `${text.conflict(state)}${text.conflictGone}`;
}

/** The extension request of this round still waiting for a decision, if any. */
function pendingExtensionOf(events: readonly TimelineEvent[]): TimelineEvent | null {
  const last = events.findLast((e) =>
    ['extension_requested', 'extension_approved', 'extension_refused'].includes(e.type),
  );
  return last?.type === 'extension_requested' ? last : null;
}

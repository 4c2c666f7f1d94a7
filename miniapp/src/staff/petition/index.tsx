import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { CaseActionType, PetitionKind } from '@xinfang/shared/lifecycle';
import type { PetitionDetail, TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { useCategoryNames } from '@/features/categories/use-category-names';
import { lastSeq } from '@/features/petition/case-drafts';
import { usePetition } from '@/features/petition/use-petition';
import { buildUnitTree, unitPath } from '@/features/submission/units';
import { ApiError } from '@/services/api';
import { getUnits } from '@/services/org';
import { AttachmentTile } from '@/ui/AttachmentTile';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card, KeyValue } from '@/ui/Card';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { FoldOut } from '@/ui/FoldOut';
import { answeredAction, sendingAction, shownTaken } from '../drafts/staff-drafts';
import { staffDrafts } from '../drafts/use-staff-draft';
import { FollowUpCard } from '../follow-ups/FollowUpCard';
import type { ActionLike, FormContext, FormValues } from '../forms/action-form';
import { SuggestionForm } from '../oversight/SuggestionForm';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { ActionForm, type UnitsWithPaths } from '../ui/ActionForm';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { StaffTimeline } from '../ui/StaffTimeline';
import { ClaimUndoCard } from './ClaimUndoCard';
import { ClocksCard } from './ClocksCard';
import { CoHandlingCard } from './CoHandlingCard';
import { MessagesCard, NotesCard } from './ConversationCards';
import { DELIVERY_ACTIONS, DocumentsSection } from './DocumentsSection';
import { EscalationsCard } from './EscalationsCard';
import { type LetterValues, LetterView } from './LetterView';
import { LinksCard } from './LinksCard';
import { finalCasesToWeigh, suggestedAction } from './next-step';
import { PetitionerCard } from './PetitionerCard';
import { SummaryCard } from './SummaryCard';
import { SupervisionNoticesCard } from './SupervisionNoticesCard';
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
  'record_review_request',
  'record_re_examination_request',
  'answer_supervision',
  'issue_supervision',
  'recuse',
  'lift_recusal',
  'take_case',
  'release_case',
];
/**
 * Actions with their own place on the page: the petitioner's messages, the internal notes, and the
 * withdrawal of a 协办 part (on the co-handling card, beside the parts).
 */
const COMPOSERS = ['send_message', 'add_note', 'withdraw_assist'];
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
  const { detail, setDetail, loadError, load, now, busy, failure, status, attempt } = usePetition(
    id,
    signedIn,
  );
  const [units, setUnits] = useState<UnitsWithPaths | null>(null);
  const { nameOf: nameOfCategory } = useCategoryNames(signedIn);
  /** The action whose form the person opened (CLOSED: they closed it); null: the suggested one. */
  const [choice, setChoice] = useState<string | null>(params.action ?? null);
  /** The 督办单 whose answer the person opened from its card: its number starts the form. */
  const [answerNo, setAnswerNo] = useState<number | null>(null);

  useEffect(() => {
    if (!signedIn) return;
    getUnits()
      .then((list) => {
        const tree = buildUnitTree(list);
        setUnits({ list, paths: new Map(list.map((u) => [u.id, unitPath(tree, u.id).map((p) => p.id)])) });
      })
      .catch(() => undefined);
  }, [signedIn]);

  /**
   * Takes one action; the form closes after it, unless it is a composer's (messages, notes). A send
   * whose answer was lost is kept on the device with the version it went with, and every resend
   * goes with that version — the same Idempotency-Key — so the server takes it once, even after a
   * reload moved the version on (handbook: a retried write never happens twice).
   */
  const run = useCallback(
    async (type: string, label: string, params: Record<string, unknown>): Promise<boolean> => {
      if (!me || !detail || busy) return false;
      const first = sendingAction(staffDrafts, me.id, detail.id, type, {
        version: detail.version,
        afterSeq: lastSeq(detail.timeline),
      });
      const written = COMPOSERS.includes(type) ? String(params.text ?? '') : undefined;
      const outcome = await attempt(type as CaseActionType, params as never, text.done(label), {
        version: first.version,
        tookEffect: (reloaded) => shownTaken(first, reloaded.timeline, me.id, written),
      });
      // Unconfirmed: kept for the resend. Otherwise answered, or seen taken: the next one is new.
      if (outcome === 'done' || outcome === 'refused') answeredAction(staffDrafts, me.id, detail.id, type);
      if (outcome === 'done' && !COMPOSERS.includes(type)) setChoice(null);
      return outcome === 'done';
    },
    [attempt, me, detail, busy],
  );
  // Someone acted first: the page was loaded again; say so, and whether the action is still open.
  const conflict = failure?.reloaded === undefined ? null : conflictLine(failure.type, failure.reloaded);

  const kind: PetitionKind = detail?.kind ?? 'request';
  const number = detail?.number;
  const formContext = useMemo<FormContext>(
    () => ({
      kind,
      now,
      units: units ? units.list.map((u) => ({ id: u.id, path: units.paths.get(u.id) ?? [u.id] })) : undefined,
      number,
    }),
    [kind, now, units, number],
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
  const categoryName = nameOfCategory(detail.categoryCode);
  const allowed = detail.allowedActions as ActionLike[];
  const actions = allowed
    .filter((a) => !COMPOSERS.includes(a.type) && !DELIVERY_ACTIONS.includes(a.type))
    .sort((a, b) => ACTION_ORDER.indexOf(a.type) - ACTION_ORDER.indexOf(b.type));
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
  const finalCases = finalCasesToWeigh(
    actions.map((a) => a.type),
    detail.links,
  );
  const messages = detail.timeline.filter((e) => MESSAGE_EVENTS.includes(e.type));
  const notes = detail.timeline.filter((e) => NOTE_EVENTS.includes(e.type));
  const letters = detail.timeline.filter((e) => e.type === 'reply_issued');
  const stageEvents = detail.timeline.filter((e) => e.stage === detail.stage);
  const lastDraft = [...stageEvents].reverse().find((e) => e.type === 'reply_drafted');
  // A conflict is said above the forms (`conflict`); a refusal or a lost answer, in the form.
  const failureFor = (type: string) =>
    failure?.type === type && failure.reloaded === undefined ? failure : null;

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
      action.type === 'answer_supervision' && answerNo !== null
        ? { supervisionNo: String(answerNo) }
        : action.type === 'draft_reply' && letter
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
        failure={failureFor(action.type)}
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

  /** The form to write a message or a note, when this person may. */
  const composerFor = (type: string) => {
    const action = allowed.find((a) => a.type === type);
    return action ? formFor(action) : null;
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
          <SummaryCard detail={detail} categoryName={categoryName} onReload={() => void load()} />
          {conflict && (
            <View className="xf-alert" role="alert" data-testid="staff-conflict">
              <Text>{conflict}</Text>
            </View>
          )}
          <StatusLine text={status} testId="staff-status" />
        </View>

        <View className="staff-detail__side">
          <ClocksCard clocks={detail.clocks} now={now} />

          <Card title={text.actions} testId="staff-actions" label={text.actions}>
            {actions.length === 0 ? (
              <Text className="xf-text xf-text--muted" data-testid="staff-no-actions">
                {text.noActions}
              </Text>
            ) : (
              <View>
                {finalCases.length > 0 && (
                  <Notice tone="warn" testId="staff-final-repeat">
                    {text.finalRepeat(finalCases.join('、'))}
                  </Notice>
                )}
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

          <MessagesCard messages={messages} composer={composerFor('send_message')} />

          <NotesCard notes={notes} composer={composerFor('add_note')} />
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
          <CoHandlingCard detail={detail} withdraw={composerFor('withdraw_assist')} />
          <SupervisionNoticesCard
            petitionId={detail.id}
            version={detail.version}
            answerable={answerableNotices(allowed)}
            onAnswer={(no) => {
              setAnswerNo(no);
              setChoice('answer_supervision');
              // The form opens with the actions, above: brought into view once drawn.
              setTimeout(
                () =>
                  void Taro.pageScrollTo({ selector: '.staff-action', duration: 200 }).catch(() => undefined),
                50,
              );
            }}
          />
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
                {text.collective(
                  detail.collective.headcount,
                  // Art 30: the accused unit learns no representative, not even masked.
                  detail.identityWithheld
                    ? staffCopy.ledger.withheld
                    : detail.collective.representatives.join('、'),
                )}
              </Text>
            )}
            {detail.contactUnclear && <Text className="xf-text xf-text--muted">{text.contactUnclear}</Text>}
          </Card>

          <PetitionerCard detail={detail} me={me} />
          <ClaimUndoCard detail={detail} onUndone={() => void load()} />

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
            <StaffTimeline
              events={detail.timeline}
              clocks={detail.clocks}
              unitName={unitName}
              attachments={detail.attachments}
            />
          </Card>
        </View>
      </View>
    </StaffPage>
  );
}

/** The 督办单 this person may answer now: the numbers `answer_supervision` offers. */
function answerableNotices(allowed: readonly ActionLike[]): number[] {
  const param = allowed
    .find((a) => a.type === 'answer_supervision')
    ?.params.find((p) => (p as { name?: string }).name === 'supervisionNo') as
    | { values?: unknown }
    | undefined;
  return Array.isArray(param?.values) ? param.values.filter((v): v is number => typeof v === 'number') : [];
}

/** The choice that means "no form open", as against null: "the suggested one". */
const CLOSED = '-';

/** Whether the last scheduled hearing has been held. (Not `findLast`: iOS before 15.4 lacks it.) */
function heldAfterScheduled(timeline: readonly TimelineEvent[]): boolean {
  const last = [...timeline]
    .reverse()
    .find((e) => e.type === 'hearing_scheduled' || e.type === 'hearing_held');
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
  const last = [...events]
    .reverse()
    .find((e) => ['extension_requested', 'extension_approved', 'extension_refused'].includes(e.type));
  return last?.type === 'extension_requested' ? last : null;
}

import {
  beijingDate,
  type Calendar,
  type Clock,
  clocksOf,
  type ReplyWindow,
  replyWindowOf,
} from '@xinfang/shared/clocks';
import {
  type EventOf,
  openAssists,
  type Petition,
  type PetitionEvent,
  parentOf,
} from '@xinfang/shared/lifecycle';
import type { StaffRole } from '@xinfang/shared/schemas/identity';
import type { NotificationEvent } from '@xinfang/shared/schemas/notifications';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import type { MessageFacts } from './catalog';
import type { ContentChecks } from './content-checks';
import type { Contact } from './notification.repository';
import type { Notice, Notifier } from './notifier';
import { loadStaff, pickAudience, type StaffTarget, staffAudience } from './staff-audience';

type Trx = Transaction<DB>;

/**
 * The notifications effect of the one write path: run inside the transaction of every lifecycle
 * change, it turns the change's new events into notices (and, for what WeChat users write, content
 * checks). Typed against what it reads of a change only, so the write path's own `PetitionChange`
 * fits it as it is.
 */
export interface NotifiableChange {
  /** The petition before the change; null when it is new. */
  before: Petition | null;
  after: Petition;
  /** The events the change just produced, in order. */
  events: readonly PetitionEvent[];
  now: Date;
  /** Row facts; the number is looked up when the caller does not have it at hand. */
  facts?: { number: string };
}

export type NotificationsEffect = (trx: Trx, change: NotifiableChange) => Promise<void>;

const HANDLING_STAFF: readonly StaffRole[] = ['handler', 'unit_head'];

interface Intent {
  event: NotificationEvent;
  /** The petitioner, or staff targets. */
  to: 'petitioner' | StaffTarget[];
  /** Event-specific facts; the number, ids and time are added for all. */
  facts: Partial<MessageFacts>;
  /** A unit whose name the words mention. */
  unitId?: string;
  /** Facts read off the petition's clocks (a due date, the window a reply opens). */
  fromClocks?: (clocks: Clock[]) => Partial<MessageFacts>;
  /**
   * When the targets leave nobody but the change's own actors (or staff the case is kept from):
   * the nearest head up this path (root … unit) who may be told.
   */
  orHeadUp?: readonly string[];
}

export function createNotificationsEffect(deps: {
  notifier: Notifier;
  calendar: Calendar;
  contentChecks: ContentChecks;
}): NotificationsEffect {
  return async function notificationsEffect(trx, change) {
    const intents = change.events.flatMap((event) => intentsOf(event, change));
    let contacts: ReadonlyMap<string, Contact> = new Map();
    if (intents.length > 0) {
      const number = change.facts?.number ?? (await numberOf(trx, change.after.id));
      const notices = await resolve(trx, change, number, intents, deps.calendar);
      ({ contacts } = await deps.notifier.notifyReading(trx, notices, change.now));
    }
    // The petitioner's WeChat account, when the notices have just read it.
    await deps.contentChecks.enqueueFor(trx, change, contacts.get(change.after.petitionerId));
  };
}

async function numberOf(trx: Trx, petitionId: string): Promise<string> {
  const row = await trx
    .selectFrom('petition')
    .select('number')
    .where('id', '=', petitionId)
    .executeTakeFirst();
  return row?.number ?? '';
}

async function resolve(
  trx: Trx,
  change: NotifiableChange,
  number: string,
  intents: Intent[],
  calendar: Calendar,
): Promise<Notice[]> {
  const { after } = change;
  const unitIds = [...new Set(intents.flatMap((i) => (i.unitId ? [i.unitId] : [])))];
  const names = new Map(
    unitIds.length === 0
      ? []
      : (await trx.selectFrom('org_unit').select(['id', 'name']).where('id', 'in', unitIds).execute()).map(
          (u) => [u.id, u.name] as const,
        ),
  );
  let clocks: Clock[] | null = null;
  const clocksNow = () => {
    clocks ??= clocksOf(after, calendar, change.now.toISOString());
    return clocks;
  };
  const actors = change.events.map((e) => e.actorId);

  const notices: Notice[] = [];
  for (const intent of intents) {
    const facts: MessageFacts = {
      number,
      petitionId: after.id,
      at: change.now.toISOString(),
      ...(intent.unitId ? { unitName: names.get(intent.unitId) ?? null } : {}),
      ...(intent.fromClocks ? intent.fromClocks(clocksNow()) : {}),
      ...intent.facts,
    };
    if (intent.to === 'petitioner') {
      notices.push({ recipient: { type: 'petitioner', id: after.petitionerId }, event: intent.event, facts });
      continue;
    }
    let audience = await staffAudience(trx, after, intent.to, actors);
    if (audience.length === 0 && intent.orHeadUp)
      audience = await headUp(trx, after, intent.orHeadUp, actors);
    for (const id of audience) {
      notices.push({ recipient: { type: 'staff', id }, event: intent.event, facts });
    }
  }
  return notices;
}

/**
 * The head of the deepest unit on the path (root … unit) who may be told of the case: active, not
 * one of those excluded, not recused (Art 28), not in the accused unit's line (Art 30).
 */
async function headUp(
  trx: Trx,
  after: Petition,
  path: readonly string[],
  exclude: readonly string[],
): Promise<string[]> {
  const staff = await loadStaff(trx, { unitIds: path });
  for (const unitId of [...path].reverse()) {
    const heads = pickAudience(staff, after, [{ unitId, roles: ['unit_head'] }], exclude);
    if (heads.length > 0) return heads;
  }
  return [];
}

/** The due date of a running clock. */
const dueOf =
  (name: string) =>
  (clocks: Clock[]): Partial<MessageFacts> => ({
    date: clocks.findLast((c) => c.name === name && c.finishedAt === null)?.dueDate ?? null,
  });

/** The right a written answer opens, by the window clock it starts. */
const WINDOWS: Record<ReplyWindow, MessageFacts['window']> = {
  review_window: 'review',
  re_examination_window: 're_examination',
  rating_window: 'rating',
};

/** A case new to a petition office: its reception staff are told. */
const newCase = (unitId: string): Intent => ({
  event: 'case_new',
  to: [{ unitId, roles: ['reception'] }],
  facts: {},
});

/** Staff who act on the case now: its handling unit's, or during triage the receiving office. */
const holders = (after: Petition): StaffTarget[] =>
  after.units.handling
    ? [{ unitId: after.units.handling.id, roles: HANDLING_STAFF }]
    : [{ unitId: after.units.receiving.id, roles: ['reception'] }];

/** The case's 承办人 (Art 24) — or, while none is named or his account is gone, its holders. */
const handlerOr = (after: Petition): StaffTarget[] =>
  after.handlerId ? [{ staffId: after.handlerId, orElse: holders(after) }] : holders(after);

/** Who is told what about one event (the list of events, by the lifecycle's event types). */
function intentsOf(event: PetitionEvent, change: NotifiableChange): Intent[] {
  const { after, before } = change;
  const handlingUnit = after.units.handling;
  switch (event.type) {
    case 'registered':
      return [
        { event: 'received', to: 'petitioner', facts: {} },
        // Registered by reception themselves for other channels; an online one is news to them,
        // and so is one that another unit's desk handed up (Art 30).
        ...(event.data.channel === 'online' || event.data.handedUpFrom
          ? [newCase(event.data.receivingUnitId)]
          : []),
      ];
    case 'concerned_unit_set':
      return event.data.handedUpTo ? [newCase(event.data.handedUpTo)] : [];
    case 'accepted':
      return [
        {
          event: 'accepted',
          to: 'petitioner',
          facts: {},
          unitId: event.data.unitId,
          fromClocks: dueOf('handling'),
        },
      ];
    case 'declined':
      // Art 22, 23: the reason, and where the petitioner may turn.
      return [
        {
          event: 'declined',
          to: 'petitioner',
          facts: { text: event.data.reason, guidance: event.data.guidance ?? null },
        },
      ];
    case 'diverted':
      return [
        {
          event: 'diverted',
          to: 'petitioner',
          facts: { route: event.data.route, text: event.data.guidance },
        },
      ];
    case 'forwarded':
      return [{ event: 'forwarded', to: 'petitioner', facts: { recipientOrgan: event.data.recipientOrgan } }];
    case 'extension_approved':
      return [
        {
          event: 'extension_approved',
          to: 'petitioner',
          facts: { days: event.data.days, text: event.data.reason },
          fromClocks: dueOf('handling'),
        },
      ];
    case 'reply_issued':
      return [replyIntent(replyEvent(event.stage), after)];
    case 'reply_delivered':
    case 'delivery_corrected':
      // The window runs from the day the answer was received (Art 35, 36): now it has a date.
      return [replyIntent('answer_received', after)];
    case 'suggestion_rewarded':
      // Art 29: what was given, in the unit's name; the description stays in the message centre.
      return [
        {
          event: 'suggestion_rewarded',
          to: 'petitioner',
          facts: { reward: event.data.reward, adoption: event.data.outcome, text: event.data.description },
          unitId: event.data.unitId,
        },
      ];
    case 'message_sent':
      return [{ event: 'handler_message', to: 'petitioner', facts: { text: event.data.text } }];
    case 'assigned':
      return [
        {
          event: 'case_assigned',
          to: [{ unitId: event.data.unitId, roles: HANDLING_STAFF }],
          facts: { date: event.data.reportBackBy },
          unitId: event.data.unitId,
        },
        // Art 22, 23: the written notice of 交办 the petitioner is owed — which unit handles it.
        { event: 'assigned', to: 'petitioner', facts: {}, unitId: event.data.unitId },
      ];
    case 'notified':
      // The written notice (Art 22, 23) stops the notice clocks: its words reach the petitioner.
      return [{ event: 'notified', to: 'petitioner', facts: { text: event.data.message } }];
    case 'hearing_scheduled':
      // When and where in the message centre; what leaves the system carries the date only.
      return [
        {
          event: 'hearing_scheduled',
          to: 'petitioner',
          facts: {
            date: beijingDate(event.data.scheduledFor),
            scheduledFor: event.data.scheduledFor,
            text: event.data.place,
          },
        },
      ];
    case 'review_requested':
    case 're_examination_requested': {
      const review = event.type === 'review_requested';
      // The answer's 30 days, counted from the day the request arrived (`receivedOn`, Art 35, 36).
      const answerDue = dueOf(review ? 'review_answer' : 're_examination_answer');
      return [
        {
          event: 'case_assigned',
          to: [{ unitId: event.data.unitId, roles: HANDLING_STAFF }],
          facts: { window: review ? 'review' : 're_examination' },
          unitId: event.data.unitId,
          fromClocks: answerDue,
        },
        // Whether asked in the app or recorded by a desk from a letter or a visit (Art 17), the
        // petitioner is told it arrived, which unit answers it and by when — as `received` is.
        {
          event: 'appeal_received',
          to: 'petitioner',
          facts: { window: review ? 'review' : 're_examination' },
          unitId: event.data.unitId,
          fromClocks: answerDue,
        },
      ];
    }
    case 'referred':
      return [{ event: 'case_referred', to: [{ staffId: event.data.leaderId }], facts: {} }];
    // Art 22: the instruction sends the case back to the receiving office, whose 15 days from
    // registration kept running while the leader had it.
    case 'instructed':
      return [
        {
          event: 'case_returned',
          to: [{ unitId: after.units.receiving.id, roles: ['reception'] }],
          facts: { text: event.data.instruction },
          fromClocks: dueOf('triage'),
        },
      ];
    case 'objection_agreed': {
      const objecting = before?.units.handling?.id;
      return objecting
        ? [
            {
              event: 'objection_answered',
              to: [{ unitId: objecting, roles: HANDLING_STAFF }],
              facts: { text: 'agreed' },
            },
          ]
        : [];
    }
    case 'objection_overruled':
      return [
        {
          event: 'objection_answered',
          to: [{ unitId: event.data.unitId, roles: HANDLING_STAFF }],
          facts: { text: 'overruled' },
          unitId: event.data.unitId,
        },
        // The unit now handles it, its 60 days running: told as an acceptance is (Art 23).
        {
          event: 'accepted',
          to: 'petitioner',
          facts: {},
          unitId: event.data.unitId,
          fromClocks: dueOf('handling'),
        },
      ];
    case 'objected':
      // The office that assigned it decides the objection (agree or overrule).
      return [
        {
          event: 'objection_raised',
          to: [{ unitId: after.units.receiving.id, roles: ['reception'] }],
          facts: {},
          ...(handlingUnit ? { unitId: handlingUnit.id } : {}),
        },
      ];
    case 'reply_returned': {
      const drafter = after.events.findLast((e) => e.type === 'reply_drafted')?.actorId;
      return drafter
        ? [{ event: 'reply_returned', to: [{ staffId: drafter }], facts: { text: event.data.reason } }]
        : [];
    }
    case 'reply_approved':
      // Whoever of the handling unit issues it.
      return handlingUnit
        ? [{ event: 'reply_ready', to: [{ unitId: handlingUnit.id, roles: HANDLING_STAFF }], facts: {} }]
        : [];
    case 'extension_refused': {
      const requester = after.events.findLast((e) => e.type === 'extension_requested')?.actorId;
      return [
        {
          event: 'extension_refused',
          to: requester ? [{ staffId: requester }] : holders(after),
          facts: { text: event.data.reason },
          fromClocks: dueOf('handling'),
        },
      ];
    }
    case 'petitioner_wrote':
      // No text: what the petitioner wrote is read on the workbench, behind staff sign-in.
      return [{ event: 'petitioner_wrote', to: handlerOr(after), facts: {} }];
    case 'withdrawn':
      return [{ event: 'case_withdrawn', to: holders(after), facts: {} }];
    case 'extension_requested':
    case 'reply_drafted':
    case 'rated': {
      // An unsatisfied suggestion or accusation cannot be appealed: the head decides on handling it again.
      if (event.type === 'rated' && (event.data.rating !== 'unsatisfied' || after.kind === 'request'))
        return [];
      const approvers: StaffTarget[] = [
        // The head of the handling unit, or of the nearest unit above it with one (Art 34).
        ...(handlingUnit ? [{ nearestUp: handlingUnit.path, roles: ['unit_head'] as StaffRole[] }] : []),
        ...(after.responsibleLeaderId ? [{ staffId: after.responsibleLeaderId }] : []),
      ];
      const what = {
        extension_requested: 'extension',
        reply_drafted: 'letter',
        rated: 'rehandling',
      } as const;
      return [{ event: 'approval_waiting', to: approvers, facts: { text: what[event.type] } }];
    }
    case 'case_released': {
      // Art 18: the case has no 包案领导 now; the head of the unit holding it (or the nearest one
      // above with a head) arranges another, as for an approval (never the accused line, Art 30).
      // When that head is the leader who released it, the next head up is told: never nobody.
      const path = (handlingUnit ?? after.units.receiving).path;
      return [
        {
          event: 'case_released',
          to: [{ nearestUp: path, roles: ['unit_head'] }],
          facts: { text: event.data.reason },
          orHeadUp: path,
        },
      ];
    }
    case 'handler_set':
      return [{ event: 'handler_named', to: [{ staffId: event.data.staffId }], facts: {} }];
    case 'assist_requested':
      return [
        {
          event: 'assist_requested',
          to: [{ unitId: event.data.unit.id, roles: HANDLING_STAFF }],
          facts: { date: event.data.dueDate },
          // The lead unit's name: the assisting unit learns who asks.
          unitId: event.data.leadUnitId,
        },
      ];
    // Art 24: the lead unit answers once every part is in; each part in is news to its 承办人.
    case 'assist_answered':
      return [
        {
          event: 'assist_answered',
          to: handlerOr(after),
          facts: { pending: openAssists(after).length },
          unitId: event.data.unitId,
        },
      ];
    // After an unsatisfied rating of a suggestion or an accusation (no appeal lies, Art 35): a new
    // answer is owed within a fresh handling period, and the petitioner hears either way — from
    // his own event, with the explanation written for him and never the internal reason.
    case 'rehandling_decided':
      return event.data.rehandle
        ? [
            {
              event: 'rehandling_started',
              to: handlerOr(after),
              facts: { text: event.data.reason },
              fromClocks: dueOf('handling'),
            },
          ]
        : [];
    case 'rehandling_notified':
      return [
        {
          event: 'rehandling_decided',
          to: 'petitioner',
          facts: { rehandle: event.data.rehandle, text: event.data.toPetitioner },
          ...(handlingUnit ? { unitId: handlingUnit.id } : {}),
          ...(event.data.rehandle ? { fromClocks: dueOf('handling') } : {}),
        },
      ];
    // Art 24: the unit asked is told the part is taken back, so it stops work on it.
    case 'assist_withdrawn':
      return [
        {
          event: 'assist_withdrawn',
          to: [{ unitId: event.data.unitId, roles: HANDLING_STAFF }],
          facts: { text: event.data.reason },
          // The lead unit's name: the handling unit, which alone withdraws.
          ...(after.units.handling ? { unitId: after.units.handling.id } : {}),
        },
      ];
    case 'supervision_issued':
      return [
        {
          event: 'supervision_notice',
          to: [{ unitId: event.data.unit.id, roles: ['reception', ...HANDLING_STAFF] }],
          facts: { date: event.data.dueDate },
          unitId: event.data.unit.id,
        },
      ];
    // Art 40: the supervisors of the unit that issued the notice review the answer (a notice
    // issued before that unit was kept: its issuer); a returned answer is owed again by the
    // supervised unit, with the reviewer's note and the new date. The answer is never lost: with
    // no supervisor (or issuer) left to tell, the nearest head up the issuing unit's line who may
    // be told (not recused, Art 28; not the accused line, Art 30) — for an old notice, up the
    // line above the supervised unit, where its issuer sat (`above_holder`).
    case 'supervision_answered': {
      const issued = supervisionIssued(after, event.data.no);
      if (!issued) return [];
      const issuing = issued.data.issuingUnit;
      const line = issuing?.path ?? issued.data.unit.path.slice(0, -1);
      return [
        {
          event: 'supervision_answered',
          to: [
            issuing
              ? { unitId: issuing.id, roles: ['supervisor'] }
              : { staffId: issued.actorId, orElse: [{ nearestUp: line, roles: ['unit_head'] }] },
          ],
          facts: {},
          unitId: issued.data.unit.id,
          orHeadUp: line,
        },
      ];
    }
    case 'supervision_reviewed': {
      const issued = supervisionIssued(after, event.data.no);
      return issued && event.data.dueDate
        ? [
            {
              event: 'supervision_returned',
              to: [{ unitId: issued.data.unit.id, roles: ['reception', ...HANDLING_STAFF] }],
              facts: { date: event.data.dueDate, text: event.data.note },
              unitId: issued.data.unit.id,
            },
          ]
        : [];
    }
    default:
      return [];
  }
}

/** The 督办单 numbered `no` on the case: who issued it, to which unit. */
function supervisionIssued(after: Petition, no: number): EventOf<'supervision_issued'> | undefined {
  return after.events.find(
    (e): e is EventOf<'supervision_issued'> => e.type === 'supervision_issued' && e.data.no === no,
  );
}

/** The notice of a written answer: the first, the review's or the re-examination's. */
function replyEvent(stage: PetitionEvent['stage']): NotificationEvent {
  return stage === 'first'
    ? 'reply_issued'
    : stage === 'review'
      ? 'review_answered'
      : 're_examination_answered';
}

/**
 * A written answer and the right it opens. The window runs from delivery (Art 35, 36): until the
 * answer is received the message names the right without a date, and its delivery tells the date.
 */
function replyIntent(event: NotificationEvent, after: Petition): Intent {
  const opens = replyWindowOf(after.kind, after.stage);
  // The answering unit is the top: no unit in the system hears the appeal (Art 35, 36).
  const noHigherUnit = !after.units.handling || !parentOf(after.units.handling);
  return {
    event,
    to: 'petitioner',
    facts: { window: opens ? WINDOWS[opens] : 'none', noHigherUnit },
    fromClocks: (clocks) => ({
      date: clocks.findLast((c) => c.name === opens && c.finishedAt === null)?.dueDate ?? null,
    }),
  };
}

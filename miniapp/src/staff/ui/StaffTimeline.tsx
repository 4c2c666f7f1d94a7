import { Text, View } from '@tarojs/components';
import type { Attachment, ClockView, TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { formatDateString, formatDateTime } from '@/format/dates';
import { EventAttachments } from '@/ui/EventAttachments';
import { detailsOf } from '@/ui/Timeline';
import { optionLabel } from './ActionForm';

const step = staffCopy.detail.step;
const str = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** The lines under a step as staff read it: the internal steps too, then the petitioner-visible ones. */
export function staffLinesOf(event: TimelineEvent, unitName: (id: unknown) => string): string[] {
  const d = event.data;
  const lines: (string | null)[] = [];
  switch (event.type) {
    case 'referred':
      lines.push(
        str(d.leaderName) ? step.referredTo(d.leaderName as string) : null,
        str(d.previousLeaderName) ? step.referredFrom(d.previousLeaderName as string) : null,
        str(d.note),
      );
      break;
    case 'instructed':
      lines.push(str(d.instruction), d.takeOwnership ? step.ownership : null);
      break;
    case 'objected':
      lines.push(str(d.reasons) ? step.reasons(d.reasons as string) : null);
      break;
    case 'objection_agreed':
      lines.push(str(d.note));
      break;
    case 'objection_overruled':
      lines.push(str(d.reasons) ? step.reasons(d.reasons as string) : null);
      break;
    case 'note_added':
      lines.push(str(d.text));
      break;
    case 'investigation_recorded':
      lines.push(str(d.summary));
      break;
    case 'extension_requested':
      if (typeof d.days === 'number') lines.push(step.extension(d.days));
      lines.push(str(d.reason) ? step.reasons(d.reason as string) : null);
      break;
    case 'extension_refused':
    case 'reply_returned':
      lines.push(str(d.reason) ? step.reasons(d.reason as string) : null);
      break;
    case 'reply_drafted': {
      const outcome = (d.letter as { outcome?: string } | undefined)?.outcome;
      if (outcome) lines.push(step.outcome(optionLabel('outcome', outcome)));
      break;
    }
    case 'supervision_issued':
      if (typeof d.no === 'number' && str(d.dueDate))
        lines.push(step.supervisionDue(d.no, formatDateString(d.dueDate as string)));
      lines.push(str(d.concern) ? optionLabel('concern', d.concern as string) : null, str(d.requirements));
      break;
    case 'supervision_answered':
      if (typeof d.no === 'number') lines.push(step.supervisionAnswer(d.no));
      lines.push(str(d.answer));
      break;
    case 'recused':
      lines.push(str(d.reason));
      break;
    // Art 18: who handed it back is the step's actor; the case waits for another leader.
    case 'case_released':
      lines.push(str(d.reason) ? step.reasons(d.reason as string) : null, step.released);
      break;
    case 'rehandling_decided':
      lines.push(d.rehandle ? step.rehandle : step.keepAnswer, str(d.reason));
      break;
    case 'handler_set':
      lines.push(
        str(d.staffName) ? step.handler(d.staffName as string) : null,
        str(d.previousStaffName) ? step.previousHandler(d.previousStaffName as string) : null,
        str(d.reason) ? step.reasons(d.reason as string) : null,
      );
      break;
    case 'assist_requested':
      if (typeof d.no === 'number' && str(d.dueDate))
        lines.push(step.assistDue(d.no, formatDateString(d.dueDate as string)));
      lines.push(str(d.part));
      break;
    case 'assist_answered':
      if (typeof d.no === 'number') lines.push(step.assistAnswer(d.no));
      lines.push(str(d.answer));
      break;
    case 'assist_withdrawn':
      if (typeof d.no === 'number') lines.push(step.assistWithdrawn(d.no));
      lines.push(str(d.reason) ? step.reasons(d.reason as string) : null);
      break;
    // A visit a leader received on his reception day (Art 18): said first, then the registration.
    case 'registered': {
      const led = d.receivedByLeader as { leaderName?: unknown; date?: unknown } | undefined;
      const date = str(led?.date);
      const name = str(led?.leaderName);
      return [
        ...(name && date ? [step.receivedByLeader(name, formatDateString(date))] : []),
        ...detailsOf(event, unitName),
      ];
    }
    default:
      return detailsOf(event, unitName);
  }
  return lines.filter((line): line is string => line !== null && line !== '');
}

/**
 * The whole history of a petition for staff: every step, who took it, and whether the petitioner
 * can see it — internal steps are marked, so nobody mistakes a note for something said to them.
 */
export function StaffTimeline({
  events,
  clocks,
  unitName,
  attachments,
}: {
  events: readonly TimelineEvent[];
  clocks: readonly ClockView[];
  unitName: (id: unknown) => string;
  /** The case's attachments (`detail.attachments`), to show a petitioner's 补充材料 under his message. */
  attachments?: readonly Attachment[];
}) {
  return (
    <View className="xf-timeline" role="list" data-testid="staff-timeline">
      {events.map((event) => {
        const internal = event.visibility === 'internal';
        const verdicts = clocks.filter((c) => c.finishedAt === event.at && c.met !== null);
        const stage = event.stage === 'first' ? '' : `${copy.stages[event.stage]} · `;
        return (
          <View
            key={event.seq}
            className={`xf-timeline__item${internal ? ' staff-timeline--internal' : ''}`}
            role="listitem"
            data-testid="staff-event"
            data-type={event.type}
            data-visibility={event.visibility}
          >
            <View className="xf-timeline__dot" aria-hidden="true" />
            <Text className="xf-timeline__when">{formatDateTime(event.at)}</Text>
            <View className="staff-timeline__head">
              <Text className="xf-timeline__title">{`${stage}${staffCopy.events[event.type] ?? event.type}`}</Text>
              <Text className={`staff-visibility staff-visibility--${internal ? 'internal' : 'visible'}`}>
                {internal ? staffCopy.common.internal : staffCopy.common.visible}
              </Text>
            </View>
            {event.actor && (
              <Text className="staff-timeline__actor">{staffCopy.common.byActor(event.actor.name)}</Text>
            )}
            {event.unit && <Text className="staff-timeline__actor">{event.unit.name}</Text>}
            {staffLinesOf(event, unitName).map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines of one step, fixed order
              <Text key={i} className="xf-timeline__detail">
                {line}
              </Text>
            ))}
            {attachments && <EventAttachments event={event} attachments={attachments} />}
            {verdicts.map((clock) => (
              <Text
                key={clock.name}
                className={`xf-timeline__verdict xf-timeline__verdict--${clock.met ? 'met' : 'missed'}`}
              >
                {clock.met
                  ? `✓ ${copy.clock.metOn(copy.clocks[clock.name])}`
                  : `✗ ${copy.clock.missedOn(copy.clocks[clock.name])}`}
              </Text>
            ))}
          </View>
        );
      })}
    </View>
  );
}

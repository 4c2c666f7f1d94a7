import { Text, View } from '@tarojs/components';
import type { Attachment, ClockView, TimelineEvent } from '@xinfang/shared/schemas/petitions';
import { copy } from '@/copy/zh-CN';
import { formatDateString, formatDateTime } from '@/format/dates';
import { EventAttachments } from './EventAttachments';

/**
 * The petitioner-visible steps of a petition, oldest first, each with its date and, in plain
 * words, whether it came in time (only the limits that promise the petitioner something — the
 * staff's internal clocks are theirs). Works on the full detail and on the reduced lookup answer
 * alike (missing data is simply not shown).
 */
export function Timeline({
  events,
  clocks,
  unitName,
  attachments,
  testId = 'timeline',
}: {
  events: readonly TimelineEvent[];
  clocks: readonly ClockView[];
  unitName: (id: unknown) => string;
  /** The case's attachments, to show the ones a step brought under it; none on the public lookup. */
  attachments?: readonly Attachment[];
  testId?: string;
}) {
  return (
    <View className="xf-timeline" role="list" data-testid={testId}>
      {events.map((event) => {
        const verdicts = clocks.filter(
          (c) => c.finishedAt === event.at && c.met !== null && copy.progress.verdict[c.name] !== undefined,
        );
        const title = copy.events[event.type] ?? copy.events.other;
        const stage = event.stage === 'first' ? '' : `${copy.stages[event.stage]} · `;
        return (
          <View
            key={event.seq}
            className="xf-timeline__item"
            role="listitem"
            data-testid="timeline-event"
            data-type={event.type}
          >
            <View className="xf-timeline__dot" aria-hidden="true" />
            <Text className="xf-timeline__when">{formatDateTime(event.at)}</Text>
            <Text className="xf-timeline__title">{`${stage}${title}`}</Text>
            {detailsOf(event, unitName).map((line) => (
              <Text key={line} className="xf-timeline__detail">
                {line}
              </Text>
            ))}
            {attachments && <EventAttachments event={event} attachments={attachments} />}
            {verdicts.map((clock) => (
              <Text
                key={clock.name}
                className={`xf-timeline__verdict xf-timeline__verdict--${clock.met ? 'met' : 'missed'}`}
                data-testid="timeline-verdict"
                data-clock={clock.name}
                data-met={String(clock.met)}
              >
                {clock.met
                  ? copy.progress.verdictMet(copy.progress.verdict[clock.name] as string)
                  : copy.progress.verdictMissed(copy.progress.verdict[clock.name] as string)}
              </Text>
            ))}
          </View>
        );
      })}
    </View>
  );
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

/** The lines to show under a step, from the data the event carries. */
export function detailsOf(event: TimelineEvent, unitName: (id: unknown) => string): string[] {
  const d = event.data;
  const step = copy.detail.step;
  const lines: (string | null)[] = [];
  switch (event.type) {
    case 'registered': {
      const channel = text(d.channel);
      if (channel) lines.push(copy.channels[channel] ?? null);
      const collective = d.collective as { headcount?: number } | null | undefined;
      if (collective?.headcount) lines.push(copy.detail.collectiveCount(collective.headcount));
      if (d.handedUpFrom) lines.push(step.handedUp(unitName(d.receivingUnitId)));
      break;
    }
    case 'assigned':
      lines.push(step.assignedTo(unitName(d.unitId)));
      break;
    case 'accepted':
      lines.push(step.acceptedBy(unitName(d.unitId)));
      break;
    case 'concerned_unit_set':
      lines.push(step.concernedUnit(unitName(d.unitId)));
      if (d.handedUpTo) lines.push(step.handedUp(unitName(d.handedUpTo)));
      break;
    case 'forwarded':
      lines.push(
        text(d.recipientOrgan) ? step.forwardedTo(d.recipientOrgan as string) : null,
        text(d.reason),
      );
      break;
    case 'diverted':
      lines.push(
        step.divertedTo(
          copy.diversionRoutes[d.route as keyof typeof copy.diversionRoutes] ?? String(d.route),
        ),
        text(d.guidance),
      );
      break;
    case 'declined':
      lines.push(
        step.declinedFor(
          copy.declineGrounds[d.ground as keyof typeof copy.declineGrounds] ?? String(d.ground),
        ),
        text(d.reason),
        text(d.guidance) ? step.declineGuidance(d.guidance as string) : null,
      );
      break;
    case 'notified':
    case 'message_sent':
    case 'petitioner_wrote':
      lines.push(text(d.message) ?? text(d.text));
      break;
    case 'hearing_scheduled':
      if (text(d.scheduledFor))
        lines.push(step.hearing(formatDateTime(d.scheduledFor as string), String(d.place ?? '')));
      break;
    case 'hearing_held':
      lines.push(text(d.summary));
      break;
    case 'mediation_recorded':
      lines.push(step.mediation[String(d.result)] ?? null, text(d.summary));
      break;
    case 'extension_approved':
      if (typeof d.days === 'number') lines.push(copy.detail.extension(d.days));
      if (text(d.reason)) lines.push(copy.detail.extensionReason(d.reason as string));
      break;
    case 'reply_issued': {
      // Signed in, the event carries the whole letter; a lookup carries only its outcome.
      const outcome = (d.letter as { outcome?: string } | undefined)?.outcome ?? text(d.outcome);
      if (outcome)
        lines.push(
          `${copy.detail.letterOutcome}：${copy.outcomes[outcome as keyof typeof copy.outcomes] ?? ''}`,
        );
      break;
    }
    case 'reply_delivered':
    case 'delivery_corrected':
      if (text(d.deliveredOn))
        lines.push(copy.detail.letterDelivered(formatDateString(d.deliveredOn as string)));
      if (text(d.method))
        lines.push(copy.documents.methods[d.method as keyof typeof copy.documents.methods] ?? null);
      lines.push(text(d.reason));
      break;
    case 'rated':
      lines.push(copy.ratings[d.rating as keyof typeof copy.ratings] ?? null, text(d.comment));
      break;
    case 'review_requested':
    case 're_examination_requested':
      if (d.unitId) lines.push(step.requestedAt(unitName(d.unitId)));
      if (text(d.channel) && text(d.receivedOn))
        lines.push(
          step.recordedFrom(
            copy.channels[d.channel as string] ?? '',
            formatDateString(d.receivedOn as string),
          ),
        );
      lines.push(text(d.reason));
      break;
    case 'withdrawn':
      lines.push(text(d.reason));
      break;
    case 'forward_outcome_recorded':
      if (text(d.receivedOn)) lines.push(step.forwardOutcome(formatDateString(d.receivedOn as string)));
      lines.push(text(d.outcome));
      break;
    case 'suggestion_rewarded':
      // Art 29: what the unit gave for an adopted suggestion, then in its own words.
      lines.push(
        copy.rewards.given(
          d.outcome === 'partly_adopted',
          unitName(d.unitId),
          copy.rewards.kinds[String(d.reward)] ?? copy.rewards.kinds.other ?? '',
        ),
        text(d.description),
      );
      break;
    // After an unsatisfied rating: only what was written for the petitioner, never the reason.
    case 'rehandling_notified':
      lines.push(
        d.rehandle ? step.rehandling.again : step.rehandling.kept,
        text(d.toPetitioner) ? step.rehandlingWhy(d.toPetitioner as string) : null,
      );
      break;
    case 'closed':
      lines.push(step.lapsed[String(d.lapsed)] ?? null, step.closed[String(d.outcome)] ?? null);
      break;
  }
  return lines.filter((line): line is string => line !== null && line !== '');
}

import { clocksOf } from '../../clocks/clocks-of';
import { beijingDate, type DateString } from '../../clocks/dates';
import { replyWindowOf } from '../../clocks/definitions';
import type { AppealRequested } from '../events';
import { replyDelivery } from '../facts';
import type { Petition } from '../petition';
import { parentOf } from '../units';
import type { DeskChannel, Stage } from '../vocabulary';
import { done, event, fail, type Outcome, type TransitionContext, type Transitions } from './outcome';

type Appeal = Exclude<Stage, 'first'>;

/**
 * Art 35: review (复查) by the parent of the unit that answered; Art 36: re-examination (复核) by
 * the parent of the reviewer. Each appeal goes up exactly one level and reopens handling there.
 * The petitioner asks in the app; a request by letter, visit, call… (Art 17) is recorded for them
 * by the reception it reaches, and judged on the day it arrived.
 */
export const appealTransitions: Transitions<
  'request_review' | 'request_re_examination' | 'record_review_request' | 'record_re_examination_request'
> = {
  request_review: (params, { petition }) => appeal(petition, 'review', { reason: params.reason }),
  request_re_examination: (params, { petition }) =>
    appeal(petition, 're_examination', { reason: params.reason }),
  record_review_request: (params, context) => recorded(context, 'review', params),
  record_re_examination_request: (params, context) => recorded(context, 're_examination', params),
};

/**
 * An appeal that came by another channel: the day it arrived lies between the answer's issue and
 * today, and inside the petitioner's window (30 days from receipt of the answer, Art 35, 36) — a
 * window not yet started (the answer's delivery unrecorded) has not run out.
 */
function recorded(
  { petition, now, calendar }: TransitionContext,
  stage: Appeal,
  params: { channel: DeskChannel; receivedOn: DateString; reason: string },
): Outcome {
  const answer = replyDelivery(petition);
  const { receivedOn } = params;
  if (!answer || receivedOn < beijingDate(answer.issued.at) || receivedOn > beijingDate(now))
    return fail('appeal.received_date_invalid', 'receivedOn');
  const name = replyWindowOf(petition.kind, petition.stage);
  const window = clocksOf(petition, calendar, now).find((c) => c.name === name && c.finishedAt === null);
  if (window && receivedOn > window.dueDate)
    return fail(
      stage === 'review' ? 'review.received_after_window' : 're_examination.received_after_window',
      'receivedOn',
    );
  return appeal(petition, stage, { reason: params.reason, channel: params.channel, receivedOn });
}

function appeal(
  petition: Petition,
  stage: Appeal,
  request: Pick<AppealRequested, 'reason' | 'channel' | 'receivedOn'>,
): Outcome {
  const answering = petition.units.handling;
  const above = answering ? parentOf(answering) : null;
  if (!answering || !above) {
    return fail(stage === 'review' ? 'review.no_higher_level' : 're_examination.no_higher_level');
  }
  const units =
    stage === 'review'
      ? { ...petition.units, answering, reviewing: above, handling: above }
      : { ...petition.units, answering, reExamining: above, handling: above };
  const data: AppealRequested = { ...request, answeringUnitId: answering.id, unitId: above.id };
  return done(
    { stage, state: 'handling', units, reply: null, pendingHearing: null },
    stage === 'review' ? event('review_requested', data) : event('re_examination_requested', data),
  );
}

import type { Calendar } from '../clocks/calendar';
import type { Clock } from '../clocks/clock';
import { clocksOf } from '../clocks/clocks-of';
import { beijingDate, type DateString, type Instant } from '../clocks/dates';
import type { ClockName } from '../clocks/definitions';
import type { EventOf } from '../lifecycle/events';
import type { Petition } from '../lifecycle/petition';
import type { UnitRef } from '../lifecycle/units';
import { STAGES, type Stage } from '../lifecycle/vocabulary';
import { type FigureMetric, stageMetric } from './metrics';

/** One count of one petition: `value` on `day` for `unitId` (1, or the headcount for 人次). */
export interface FigureFact {
  metric: FigureMetric;
  day: DateString;
  unitId: string;
  value: number;
}

/** What the figures need that the lifecycle value does not hold. */
export interface FigureInputs {
  /** 重复信访: linked as the same matter to a petition of the same person received earlier. */
  repeat: boolean;
  /** The suggestions to improve work issued from the petition (改进建议, Art 40). */
  suggestions?: readonly SuggestionFact[];
}

/** What the figures read of a suggestion to improve work. */
export interface SuggestionFact {
  issuedAt: Instant;
  adoption: 'adopted' | 'partly_adopted' | 'not_adopted' | null;
  decidedAt: Instant | null;
}

/**
 * The unit a petition is counted for: the unit it is about (涉及单位), or — while nobody has named
 * it — the unit that received it. An accusation is counted for the unit that received it, never
 * for the accused unit: its leaders would otherwise learn from a figure that someone accused them,
 * and the ledger behind the figure could not show them the case (Art 30).
 */
export function figureUnitOf(petition: Petition): UnitRef {
  if (petition.kind === 'accusation') return petition.units.receiving;
  return petition.units.concerned ?? petition.units.receiving;
}

/** The clock that answers each stage: Art 34 (60 days, extensions counted), Art 35, Art 36. */
export const ANSWER_CLOCK: Readonly<Record<Stage, ClockName>> = {
  first: 'handling',
  review: 'review_answer',
  re_examination: 're_examination_answer',
};

/** A triage ends in a decision by one of these (a withdrawal or a closure is not one). */
const TRIAGE_DECISIONS = new Set(['assigned', 'accepted', 'forwarded', 'diverted', 'declined']);

/**
 * Every count a petition contributes, from its events alone: the same petition always gives the
 * same facts, whenever it is asked (clocks are read as of its last event, so a hearing still
 * running pauses the re-examination's due day up to then). The rollups are the sums of these.
 */
export function figureFactsOf(petition: Petition, inputs: FigureInputs, calendar: Calendar): FigureFact[] {
  const unitId = figureUnitOf(petition).id;
  const facts: FigureFact[] = [];
  const add = (metric: FigureMetric, day: DateString | null, value = 1) => {
    if (day !== null) facts.push({ metric, day, unitId, value });
  };
  const received = beijingDate(petition.receivedAt);
  add('received', received);
  if (petition.collective) {
    add('collective', received);
    add('collective_people', received, petition.collective.headcount);
  }
  if (inputs.repeat) add('repeat', received);

  const asOf = petition.events.at(-1)?.at ?? petition.receivedAt;
  const clocks = clocksOf(petition, calendar, asOf);
  // Art 22, 23: decided within 15 days of receipt; a triage reopened after an objection is not counted twice.
  const triage = clocks.find((c) => c.name === 'triage');
  if (triage?.finishedAt && TRIAGE_DECISIONS.has(triage.finishedBy ?? '')) {
    add('triaged', beijingDate(triage.finishedAt));
    if (triage.met) add('triaged_on_time', beijingDate(triage.finishedAt));
  }

  const replies = firstReplies(petition);
  for (const stage of STAGES) {
    const answer = lastClock(clocks, ANSWER_CLOCK[stage], stage);
    // Owed unless the case ended another way (withdrawn, forwarded) before it was answered.
    if (answer && (answer.finishedAt === null || answer.finishedBy === 'reply_issued')) {
      add(stageMetric('owed', stage), answer.dueDate);
      if (answer.finishedBy === 'reply_issued') {
        add(stageMetric('answered', stage), answer.dueDate);
        if (answer.met) add(stageMetric('on_time', stage), answer.dueDate);
      }
    }
    const reply = replies[stage];
    if (!reply) continue;
    const day = beijingDate(reply.at);
    add(stageMetric('replied', stage), day);
    const rating = petition.ratings[stage]?.rating;
    if (rating) add(stageMetric('rated', stage), day);
    if (rating === 'satisfied' || rating === 'basically_satisfied') add(stageMetric('satisfied', stage), day);
  }

  const dayOf = (stage: Stage) => (replies[stage] ? beijingDate(replies[stage].at) : null);
  const outcome = (stage: Stage) => replies[stage]?.data.letter.outcome;
  if (petition.events.some((e) => e.type === 'review_requested')) add('review_requested', dayOf('first'));
  if (replies.review && outcome('review') !== outcome('first')) add('review_changed', dayOf('review'));
  if (petition.events.some((e) => e.type === 're_examination_requested'))
    add('re_exam_requested', dayOf('review'));
  if (replies.re_examination && outcome('re_examination') !== outcome('review'))
    add('re_exam_changed', dayOf('re_examination'));

  // Art 40: supervised at least once, on the day of the first notice.
  const supervision = petition.events.find((e) => e.type === 'supervision_issued');
  if (supervision) add('supervised', beijingDate(supervision.at));
  // Art 29: a suggestion adopted in whole or in part, by its first answer.
  const adoption = outcome('first');
  if (adoption === 'adopted' || adoption === 'partly_adopted') add('adopted', dayOf('first'));

  // Art 40: suggestions to improve work, counted on the day of the first one (adopted: of the first
  // adoption recorded) with how many there were — one fact per metric per petition.
  const suggestions = inputs.suggestions ?? [];
  if (suggestions.length > 0) {
    add('improvement_suggested', earliestDay(suggestions.map((s) => s.issuedAt)), suggestions.length);
  }
  const adopted = suggestions.filter((s) => s.adoption === 'adopted' || s.adoption === 'partly_adopted');
  if (adopted.length > 0) {
    add('improvement_adopted', earliestDay(adopted.map((s) => s.decidedAt ?? s.issuedAt)), adopted.length);
  }

  const ended = endedOn(petition);
  if (ended) {
    add('concluded', ended);
    if (petition.state === 'resolved') add('resolved', ended);
  }
  return facts;
}

function earliestDay(instants: readonly Instant[]): DateString {
  return beijingDate([...instants].sort()[0] as Instant);
}

function firstReplies(petition: Petition): Partial<Record<Stage, EventOf<'reply_issued'>>> {
  const replies: Partial<Record<Stage, EventOf<'reply_issued'>>> = {};
  for (const event of petition.events) {
    if (event.type === 'reply_issued' && !replies[event.stage]) replies[event.stage] = event;
  }
  return replies;
}

function lastClock(clocks: readonly Clock[], name: ClockName, stage: Stage): Clock | undefined {
  return clocks.filter((c) => c.name === name && c.stage === stage).at(-1);
}

/** 办结: the day a case ended with an answer — closed after its reply, or final after re-examination. */
function endedOn(petition: Petition): DateString | null {
  if (petition.state === 'resolved' || petition.state === 'concluded') {
    const closed = petition.events.findLast((e) => e.type === 'closed');
    return closed ? beijingDate(closed.at) : null;
  }
  if (petition.state === 'final') {
    const reply = petition.events.findLast((e) => e.type === 'reply_issued');
    return reply ? beijingDate(reply.at) : null;
  }
  return null;
}

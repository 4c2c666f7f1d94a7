import type { Calendar } from '../clocks/calendar';
import type { Clock } from '../clocks/clock';
import { clocksOf } from '../clocks/clocks-of';
import { beijingDate, compareInstants, type DateString, type Instant } from '../clocks/dates';
import type { ClockName } from '../clocks/definitions';
import type { EventOf } from '../lifecycle/events';
import type { Petition } from '../lifecycle/petition';
import type { PetitionState } from '../lifecycle/states';
import type { UnitRef } from '../lifecycle/units';
import { type Rating, STAGES, type Stage } from '../lifecycle/vocabulary';
import { type FigureMetric, stageMetric } from './metrics';

/** One count of one petition: `value` on `day` for `unitId` (1, or the headcount for 人次). */
export interface FigureFact {
  metric: FigureMetric;
  day: DateString;
  unitId: string;
  value: number;
}

/**
 * 集体访 in the figures: a visit (走访, channel `visit`) of five or more people, as the field counts
 * it, in 批次 and 人次. Art 20 only asks a group to send at most five representatives; a smaller
 * group is recorded the same way (headcount and representatives) but counted as an ordinary visit,
 * and a headcount given on a joint letter (联名信), a call or online is recorded but is no 访. The
 * ledger's filter and the reports read the facts counted with this, so they agree with the figure.
 */
export const COLLECTIVE_MIN_PEOPLE = 5;

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

/**
 * 办结: the ends of a case with an answer — closed after its reply (化解 or not), or final after
 * re-examination. The `concluded` count and every 「已办结」 elsewhere (包案) read this one list.
 */
export const CONCLUDED_STATES = [
  'resolved',
  'concluded',
  'final',
] as const satisfies readonly PetitionState[];

/** One written answer (a reply issued), and the petitioner's rating of it, if any (Art 21). */
interface Answer {
  reply: EventOf<'reply_issued'>;
  rating: Rating | null;
}

/**
 * Every count a petition contributes, from its events alone: the same petition always gives the
 * same facts, whenever it is asked (clocks are read as of its last event, so a hearing still
 * running pauses the re-examination's due day up to then). The rollups are the sums of these.
 * A metric may be counted on several days (a case handled again owes and gets a second answer);
 * on one day it is one fact, its value the sum.
 */
export function figureFactsOf(petition: Petition, inputs: FigureInputs, calendar: Calendar): FigureFact[] {
  const unitId = figureUnitOf(petition).id;
  const facts: FigureFact[] = [];
  const add = (metric: FigureMetric, day: DateString | null, value = 1) => {
    if (day === null) return;
    const same = facts.find((f) => f.metric === metric && f.day === day);
    if (same) same.value += value;
    else facts.push({ metric, day, unitId, value });
  };
  const received = beijingDate(petition.receivedAt);
  add('received', received);
  const headcount = petition.collective?.headcount ?? 0;
  if (petition.channel === 'visit' && headcount >= COLLECTIVE_MIN_PEOPLE) {
    add('collective', received);
    add('collective_people', received, headcount);
  }
  if (inputs.repeat) add('repeat', received);
  if (skipsLevels(petition)) add('level_skipping', received);
  // Art 19 ¶3: the same matter is being handled below within its limits, so declined here.
  if (petition.events.some((e) => e.type === 'declined' && e.data.ground === 'pending_elsewhere'))
    add('declined_pending_below', received);

  const asOf = petition.events.at(-1)?.at ?? petition.receivedAt;
  const clocks = clocksOf(petition, calendar, asOf);
  // Art 22, 23: decided within 15 days of receipt, owed on the 15th day — also while undecided,
  // so a desk that sits on petitions shows it. A triage reopened after an objection counts once.
  const triage = clocks.find((c) => c.name === 'triage');
  if (triage) {
    // Decided (its `settledBy`: assigned, accepted, forwarded, …), not stopped by a withdrawal.
    const decided = settled(triage);
    if (decided) add('triaged', beijingDate(triage.finishedAt as Instant));
    if (owed(triage, decided)) {
      add('triage_owed', triage.dueDate);
      if (decided && triage.met) add('triaged_on_time', triage.dueDate);
    }
  }
  // Art 23 ¶2: told in writing within 15 days whether and how it is handled.
  const notice = clocks.find((c) => c.name === 'notice');
  if (notice) {
    const told = settled(notice);
    if (owed(notice, told)) {
      add('notice_owed', notice.dueDate);
      if (told && notice.met) add('notified_on_time', notice.dueDate);
    }
  }
  // Art 22: 转送 and 交办, each case once, on the day it was first forwarded or assigned.
  const forwarded = petition.events.find((e) => e.type === 'forwarded');
  if (forwarded) add('forwarded', beijingDate(forwarded.at));
  const assigned = petition.events.find((e) => e.type === 'assigned');
  if (assigned) add('assigned', beijingDate(assigned.at));

  // Every answer owed, each on its own due day: a case handled again owes a second one, and the
  // first stays counted as it was answered, on time or late.
  for (const stage of STAGES) {
    for (const answer of clocks.filter((c) => c.name === ANSWER_CLOCK[stage] && c.stage === stage)) {
      const answered = settled(answer);
      if (!owed(answer, answered)) continue;
      add(stageMetric('owed', stage), answer.dueDate);
      if (answered) {
        add(stageMetric('answered', stage), answer.dueDate);
        if (answer.met) add(stageMetric('on_time', stage), answer.dueDate);
      }
    }
  }
  // Every answer given, and its rating, on the day it was given (the rating of an answer handled
  // again is dropped from the lifecycle, not from its events).
  const answers = answersOf(petition);
  for (const { reply, rating } of answers) {
    const day = beijingDate(reply.at);
    add(stageMetric('replied', reply.stage), day);
    if (rating) add(stageMetric('rated', reply.stage), day);
    if (isSatisfied(rating)) add(stageMetric('satisfied', reply.stage), day);
  }

  const replies = firstReplies(answers);
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
  // Art 29: a suggestion adopted in whole or in part, by the first answer that adopted it (an
  // answer after handling again may adopt what the first did not).
  const adopting = answers.find(
    ({ reply }) =>
      reply.stage === 'first' && ['adopted', 'partly_adopted'].includes(reply.data.letter.outcome),
  );
  if (adopting) add('adopted', beijingDate(adopting.reply.at));
  // Art 29: its petitioner rewarded, once a case, on the day of the first reward recorded.
  const rewarded = petition.events.find((e) => e.type === 'suggestion_rewarded');
  if (rewarded) add('rewarded', beijingDate(rewarded.at));

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

  // 化解: concluded with the last answer rated satisfied or basically satisfied — also after
  // re-examination, whose answer is rated after the case is final.
  const ended = endedOn(petition);
  if (ended) {
    add('concluded', ended);
    if (isSatisfied(answers.at(-1)?.rating ?? null)) add('resolved', ended);
  }
  return facts;
}

/**
 * 越级访, as the field counts it: a visit (走访) to a desk more than one level above the unit it is
 * about — past the unit itself and the one above it, which can handle it (本级或上一级). Most are
 * accepted and assigned down, so a decline (Art 19 ¶3) is not what marks them. An accusation
 * handed up from a desk inside the accused unit (Art 30) was not brought up by its petitioner.
 */
function skipsLevels(petition: Petition): boolean {
  const { receiving, concerned } = petition.units;
  if (petition.channel !== 'visit' || !concerned?.path.includes(receiving.id)) return false;
  const handedUp = petition.events.some(
    (e) =>
      (e.type === 'registered' && e.data.handedUpFrom !== undefined) ||
      (e.type === 'concerned_unit_set' && e.data.handedUpTo !== undefined),
  );
  return !handedUp && concerned.path.length - receiving.path.length > 1;
}

/**
 * Whether a clock's limit is owed: while it runs, when it was met by what it waits for, and when
 * the case ended another way (withdrawn, diverted, …) only after the limit had passed — then it
 * stays owed, and late.
 */
function owed(clock: Clock, done: boolean): boolean {
  return clock.finishedAt === null || done || compareInstants(clock.finishedAt, clock.due) > 0;
}

/** Ended by what it waits for (a decision, a notice, a reply); a stopped clock reads `met: null`. */
function settled(clock: Clock): boolean {
  return clock.finishedAt !== null && clock.met !== null;
}

function isSatisfied(rating: Rating | null): boolean {
  return rating === 'satisfied' || rating === 'basically_satisfied';
}

/**
 * The answers in the order given, each with the petitioner's rating of it: the first rating of its
 * stage before the next answer (a stage is rated only while its answer stands, Art 21).
 */
function answersOf(petition: Petition): Answer[] {
  const answers: Answer[] = [];
  for (const event of petition.events) {
    if (event.type === 'reply_issued') answers.push({ reply: event, rating: null });
    else if (event.type === 'rated') {
      const last = answers.at(-1);
      if (last && last.rating === null && last.reply.stage === event.stage) last.rating = event.data.rating;
    }
  }
  return answers;
}

function earliestDay(instants: readonly Instant[]): DateString {
  return beijingDate([...instants].sort()[0] as Instant);
}

function firstReplies(answers: readonly Answer[]): Partial<Record<Stage, EventOf<'reply_issued'>>> {
  const replies: Partial<Record<Stage, EventOf<'reply_issued'>>> = {};
  for (const { reply } of answers) if (!replies[reply.stage]) replies[reply.stage] = reply;
  return replies;
}

/** 办结: the day a case ended with an answer — closed after its reply, or final after re-examination. */
function endedOn(petition: Petition): DateString | null {
  if (!(CONCLUDED_STATES as readonly string[]).includes(petition.state)) return null;
  if (petition.state !== 'final') {
    const closed = petition.events.findLast((e) => e.type === 'closed');
    return closed ? beijingDate(closed.at) : null;
  }
  const reply = petition.events.findLast((e) => e.type === 'reply_issued');
  return reply ? beijingDate(reply.at) : null;
}

/**
 * The states of a petition. Review and re-examination reuse the handling states; `stage` says
 * which round is running. The ends say what really happened — there is no catch-all "closed".
 */
export const PETITION_STATES = [
  'registered',
  'referred',
  'assigned',
  'objected',
  'handling',
  'reply_drafted',
  'reply_approved',
  'replied',
  'resolved',
  'concluded',
  'diverted',
  'declined',
  'forwarded',
  'withdrawn',
  'final',
] as const;
export type PetitionState = (typeof PETITION_STATES)[number];

/** The ends of a petition. `final` is the end after re-examination (Art 36 ¶3). */
export const TERMINAL_STATES = [
  'resolved',
  'concluded',
  'diverted',
  'declined',
  'forwarded',
  'withdrawn',
  'final',
] as const satisfies readonly PetitionState[];
export type TerminalState = (typeof TERMINAL_STATES)[number];

export function isTerminal(state: PetitionState): state is TerminalState {
  return (TERMINAL_STATES as readonly PetitionState[]).includes(state);
}

/** Awaiting the receiving unit's routing (Art 22). */
export const TRIAGE_STATES = [
  'registered',
  'referred',
  'objected',
] as const satisfies readonly PetitionState[];
/** A unit is working on the answer of the current stage. */
export const HANDLING_STATES = [
  'handling',
  'reply_drafted',
  'reply_approved',
] as const satisfies readonly PetitionState[];
/** Before the current stage's reply: the petitioner may still withdraw. */
export const PRE_REPLY_STATES = [
  ...TRIAGE_STATES,
  'assigned',
  ...HANDLING_STATES,
] as const satisfies readonly PetitionState[];
/** Every state in which the case is still open. */
export const OPEN_STATES = [...PRE_REPLY_STATES, 'replied'] as const satisfies readonly PetitionState[];

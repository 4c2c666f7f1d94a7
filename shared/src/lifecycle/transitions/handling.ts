import { done, event, fail, type Transitions } from './outcome';

/**
 * Handling: notes stay internal; messages go to and from the petitioner; investigation
 * (Art 31), hearings (Art 31 ¶2, 36 — a hearing pauses the re-examination clock) and mediation
 * (Art 33) are recorded. None of these changes the state.
 */
export const handlingTransitions: Transitions<
  | 'add_note'
  | 'send_message'
  | 'petitioner_message'
  | 'record_investigation'
  | 'schedule_hearing'
  | 'hold_hearing'
  | 'record_mediation'
> = {
  add_note: (params) => done({}, event('note_added', { text: params.text })),
  send_message: (params) => done({}, event('message_sent', { text: params.text })),
  // Materials the petitioner adds to the case (补充材料) travel with the message that explains them.
  petitioner_message: (params) =>
    done(
      {},
      event('petitioner_wrote', {
        text: params.text,
        ...(params.attachmentIds?.length ? { attachmentIds: [...params.attachmentIds] } : {}),
      }),
    ),
  record_investigation: (params) => done({}, event('investigation_recorded', { summary: params.summary })),
  schedule_hearing: (params) =>
    done(
      { pendingHearing: { scheduledFor: params.scheduledFor, place: params.place } },
      event('hearing_scheduled', { scheduledFor: params.scheduledFor, place: params.place }),
    ),
  hold_hearing: (params) =>
    done({ pendingHearing: null }, event('hearing_held', { summary: params.summary })),
  record_mediation: (params) => {
    const terms = params.terms?.trim() ? params.terms : null;
    // Art 33: a settlement is an agreement only once both parties have confirmed its terms.
    if (params.result === 'agreement' && (terms === null || params.confirmed !== true))
      return fail('mediation.agreement_unconfirmed', terms === null ? 'terms' : 'confirmed');
    const otherParty = params.otherParty?.trim() ? params.otherParty.trim() : null;
    return done(
      {},
      event('mediation_recorded', {
        result: params.result,
        summary: params.summary,
        ...(params.result === 'agreement' ? { terms, otherParty } : {}),
      }),
    );
  },
};

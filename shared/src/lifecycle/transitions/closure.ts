import { replyWindowOf } from '../../clocks/definitions';
import { replyDelivery } from '../facts';
import { done, event, type Transitions } from './outcome';

/**
 * The petitioner rates each stage's reply once (Art 21) and may withdraw before a reply; after the
 * petitioner's window lapses the system closes the case as resolved (化解: the last rating was
 * satisfied or basically satisfied) or concluded (办结 without that).
 */
export const closureTransitions: Transitions<'rate' | 'withdraw' | 'close'> = {
  rate: (params, { petition, now }) => {
    const rating = {
      rating: params.rating,
      comment: params.comment?.trim() ? params.comment : null,
      at: now,
    };
    return done(
      { ratings: { ...petition.ratings, [petition.stage]: rating } },
      event('rated', { rating: rating.rating, comment: rating.comment }),
    );
  },

  withdraw: (params) => done({ state: 'withdrawn' }, event('withdrawn', { reason: params.reason ?? null })),

  // Closing comes only after the current reply's window has run out (guards.ts): it says which.
  // An answer not delivered (none owed, Art 23 ¶2) started no window: none lapsed.
  close: (_params, { petition }) => {
    const last = petition.ratings[petition.stage]?.rating;
    const outcome = last === 'satisfied' || last === 'basically_satisfied' ? 'resolved' : 'concluded';
    const lapsed = replyDelivery(petition)?.deliveredOn ? replyWindowOf(petition.kind, petition.stage) : null;
    return done({ state: outcome }, event('closed', lapsed ? { outcome, lapsed } : { outcome }));
  },
};

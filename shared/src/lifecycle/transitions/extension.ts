import { done, event, fail, type Transitions } from './outcome';

/**
 * Art 34: the handling limit may be extended once, by at most 30 days, with the unit head's
 * approval and the reason told to the petitioner (the approval event is petitioner-visible).
 */
export const extensionTransitions: Transitions<
  'request_extension' | 'approve_extension' | 'refuse_extension'
> = {
  request_extension: (params, { now }) =>
    done(
      { extension: { status: 'requested', days: params.days, reason: params.reason, at: now } },
      event('extension_requested', { days: params.days, reason: params.reason }),
    ),

  approve_extension: (_params, { petition, now }) => {
    const { extension } = petition;
    if (extension.status !== 'requested') return fail('extension.none_pending');
    return done(
      { extension: { ...extension, status: 'granted', at: now } },
      event('extension_approved', { days: extension.days, reason: extension.reason }),
    );
  },

  refuse_extension: (params, { petition, now }) => {
    const { extension } = petition;
    if (extension.status !== 'requested') return fail('extension.none_pending');
    return done(
      { extension: { ...extension, status: 'refused', at: now } },
      event('extension_refused', { reason: params.reason }),
    );
  },
};

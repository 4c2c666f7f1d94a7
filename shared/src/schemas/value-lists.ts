/**
 * Plain lists of values that pages use at run time, in a module that builds no schema. Loading a
 * schema module loads TypeBox, which makes a `TextEncoder` as it loads; WeChat's JavaScript engine
 * has none on a phone, so a page that imported a list from a schema module failed to open. Pages
 * take their values from here (type imports from the schema modules are erased at build time).
 */

/** By phone, by a visit, or by a message. */
export const FOLLOW_UP_METHODS = ['phone', 'visit', 'message'] as const;
export type FollowUpMethod = (typeof FOLLOW_UP_METHODS)[number];

export const FOLLOW_UP_STATUSES = ['open', 'overdue', 'done'] as const;
export type FollowUpStatus = (typeof FOLLOW_UP_STATUSES)[number];

/** What the issuer of a suggestion to improve work (Art 40) recorded of the unit's answer. */
export const SUGGESTION_ADOPTIONS = ['adopted', 'partly_adopted', 'not_adopted'] as const;
export type SuggestionAdoption = (typeof SUGGESTION_ADOPTIONS)[number];

/** How the desk delivered a statutory notice that reached nobody (Art 23: in writing; 当面, or 电话). */
export const REACH_METHODS = ['post', 'in_person', 'phone'] as const;
export type ReachMethod = (typeof REACH_METHODS)[number];

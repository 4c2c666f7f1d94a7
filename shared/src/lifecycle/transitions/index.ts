import type { CaseActionType } from '../action-specs';
import { aftercareTransitions } from './aftercare';
import { appealTransitions } from './appeal';
import { closureTransitions } from './closure';
import { coHandlingTransitions } from './co-handling';
import { deliveryTransitions } from './delivery';
import { extensionTransitions } from './extension';
import { handlingTransitions } from './handling';
import { objectionTransitions } from './objection';
import type { Transitions } from './outcome';
import { oversightTransitions } from './oversight';
import { replyTransitions } from './reply';
import { rewardTransitions } from './reward';
import { triageTransitions } from './triage';

/** What each action does once it is permitted and its parameters are well-formed. */
export const TRANSITIONS: Transitions<CaseActionType> = {
  ...triageTransitions,
  ...objectionTransitions,
  ...handlingTransitions,
  ...extensionTransitions,
  ...replyTransitions,
  ...deliveryTransitions,
  ...appealTransitions,
  ...closureTransitions,
  ...oversightTransitions,
  ...aftercareTransitions,
  ...coHandlingTransitions,
  ...rewardTransitions,
};

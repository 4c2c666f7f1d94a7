import type { CaseActionType, ParamsWith } from '@xinfang/shared/lifecycle';
import type {
  LookupAnswerSchema,
  PendingRegistration,
  PetitionDetail,
  PetitionPage,
  SubmitPetitionBody,
  Submitted,
} from '@xinfang/shared/schemas/petitions';
import type { Static } from 'typebox';
import { actionKey } from './action-key';
import { api } from './instance';

/** Petitions over the API: submit, list mine, read one, act on it, and look one up by its code. */

export type LookupAnswer = Static<typeof LookupAnswerSchema>;

/**
 * Submits a petition under its draft's idempotency key: however often this is retried (by the
 * client after a lost answer, or by the person tapping retry), the server creates one petition and
 * answers every retry with the same number and query code.
 */
export function submitPetition(body: SubmitPetitionBody, idempotencyKey: string): Promise<Submitted> {
  return api.post<Submitted>('/api/petitions', body, { idempotencyKey });
}

/** My petitions (petitioner) or my inbox (staff), newest first, a page at a time. */
export function listPetitions(
  query: { cursor?: string | null; limit?: number } & Record<string, unknown> = {},
) {
  const params = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  return api.get<PetitionPage>(`/api/petitions${params.length ? `?${params.join('&')}` : ''}`);
}

/** Petitions a desk registered for my phone, waiting for me to say whether they are mine. */
export function pendingRegistrations(): Promise<PendingRegistration[]> {
  return api.get<PendingRegistration[]>('/api/me/registrations');
}

/**
 * "Mine", with the query code from the desk's receipt (it joins my petitions), or "not mine";
 * answers what still waits.
 */
export function claimRegistration(
  petitionId: string,
  claim: { mine: true; queryCode: string } | { mine: false },
): Promise<PendingRegistration[]> {
  return api.post<PendingRegistration[]>(`/api/me/registrations/${encodeURIComponent(petitionId)}`, claim, {
    retry: false,
  });
}

export function getPetition(id: string): Promise<PetitionDetail> {
  return api.get<PetitionDetail>(`/api/petitions/${encodeURIComponent(id)}`);
}

/** Action parameters as the request body carries them (units by id). */
export type ActionParams<T extends CaseActionType> = ParamsWith<T, string>;

/**
 * Takes a lifecycle action with the version the person saw, under a key made from the action
 * (`actionKey`): an action whose answer was lost is resent, automatically or by a second tap, and
 * the server takes it once, answering with the case as it is.
 */
export function act<T extends CaseActionType>(
  id: string,
  type: T,
  params: ActionParams<T>,
  version: number,
): Promise<PetitionDetail> {
  return api.post<PetitionDetail>(
    `/api/petitions/${encodeURIComponent(id)}/actions`,
    { type, params, version },
    { idempotencyKey: actionKey(id, version, type, params) },
  );
}

/** Looks a petition up by number and query code without signing in; no personal data comes back. */
export function lookup(number: string, queryCode: string): Promise<LookupAnswer> {
  return api.post<LookupAnswer>('/api/lookup', { number, queryCode }, { auth: false, retry: false });
}

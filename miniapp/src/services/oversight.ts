import type { RegisterPetitionBody, Submitted } from '@xinfang/shared/schemas/petitions';
import type { OwnedCaseList } from '@xinfang/shared/schemas/registers';
import type {
  DecideSuggestion,
  NewSuggestion,
  Suggestion,
  SuggestionList,
} from '@xinfang/shared/schemas/suggestions';
import type { HoldVisit, NewVisit, Visit, VisitList } from '@xinfang/shared/schemas/visits';
import { api } from './instance';

/** Suggestions to improve work (Art 40), a leader's 包案 and 下访 over the API. */

export function suggestions(view: 'issued' | 'received'): Promise<SuggestionList> {
  return api.get<SuggestionList>(`/api/suggestions?view=${view}&status=all`);
}

/** Not retried automatically: an answer is given once. */
export function answerSuggestion(id: string, answer: string): Promise<Suggestion> {
  return api.post<Suggestion>(
    `/api/suggestions/${encodeURIComponent(id)}/answer`,
    { answer },
    { retry: false },
  );
}

export function decideSuggestion(id: string, body: DecideSuggestion): Promise<Suggestion> {
  return api.post<Suggestion>(`/api/suggestions/${encodeURIComponent(id)}/adoption`, body, { retry: false });
}

export function ownedCases(): Promise<OwnedCaseList> {
  return api.get<OwnedCaseList>('/api/registers/owned');
}

export function visits(): Promise<VisitList> {
  return api.get<VisitList>('/api/grassroots-visits?status=all');
}

/** `idempotencyKey`: one per filled form, so a retried suggestion is issued once. */
export function issueSuggestion(body: NewSuggestion, idempotencyKey: string): Promise<Suggestion> {
  return api.post<Suggestion>('/api/suggestions', body, { idempotencyKey });
}

/** `idempotencyKey`: one per filled form, so a retried plan makes one visit. */
export function planVisit(body: NewVisit, idempotencyKey: string): Promise<Visit> {
  return api.post<Visit>('/api/grassroots-visits', body, { idempotencyKey });
}

/** Not retried automatically: a visit is recorded as held once. */
export function holdVisit(id: string, body: HoldVisit): Promise<Visit> {
  return api.post<Visit>(`/api/grassroots-visits/${encodeURIComponent(id)}/held`, body, { retry: false });
}

/** A petition met on a held visit, registered as a visit and linked to it, once per key. */
export function registerVisitCase(
  visitId: string,
  body: RegisterPetitionBody,
  idempotencyKey: string,
): Promise<Submitted> {
  return api.post<Submitted>(`/api/grassroots-visits/${encodeURIComponent(visitId)}/cases`, body, {
    idempotencyKey,
  });
}

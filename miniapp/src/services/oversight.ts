import type { OwnedCaseList } from '@xinfang/shared/schemas/registers';
import type { DecideSuggestion, Suggestion, SuggestionList } from '@xinfang/shared/schemas/suggestions';
import type { VisitList } from '@xinfang/shared/schemas/visits';
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

import type {
  Backlog,
  PersonHistory,
  RepeatRegister,
  UnownedCaseList,
} from '@xinfang/shared/schemas/registers';
import { api } from './instance';

/** The registers (积案, 重信重访, 待包案), their resolution plans, and a repeat petitioner's history. */

export function backlogRegister(): Promise<Backlog> {
  return api.get<Backlog>('/api/registers/backlog');
}

/** Each read is audited: the register names people. */
export function repeatRegister(): Promise<RepeatRegister> {
  return api.get<RepeatRegister>('/api/registers/repeat-petitioners');
}

/** 待包案: a page of the open cases of the caller's subtree needing a leader, most pressing first. */
export function unownedCases(cursor: string | null): Promise<UnownedCaseList> {
  return api.get<UnownedCaseList>(
    `/api/registers/unowned${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
}

/** Sets or revises a case's resolution plan (a PUT: sending it again changes nothing more). */
export function savePlan(petitionId: string, plan: string): Promise<null> {
  return api.call<null>(`/api/registers/plans/${encodeURIComponent(petitionId)}`, {
    method: 'PUT',
    body: { plan },
  });
}

/** A person's petitions the viewer may see, the name masked; the read is audited. */
export function personHistory(petitionerId: string): Promise<PersonHistory> {
  return api.get<PersonHistory>(`/api/registers/petitioners/${encodeURIComponent(petitionerId)}/history`);
}

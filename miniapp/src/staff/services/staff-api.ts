import type { AssistRequest } from '@xinfang/shared/schemas/co-handling';
import type {
  Figures,
  FiguresQuery,
  LedgerFilter,
  LedgerPage,
  UnitTable,
} from '@xinfang/shared/schemas/figures';
import type { SupervisionFigures } from '@xinfang/shared/schemas/figures-supervision';
import type { HandOverBody, HandOverPlan, HandOverResult } from '@xinfang/shared/schemas/hand-over';
import type { StaffAccount, StaffMe, TokenPair } from '@xinfang/shared/schemas/identity';
import type {
  Overview,
  PetitionDetail,
  PetitionerMatch,
  PetitionPage,
  ReferralLeader,
  ReferralLeaderList,
  RegisterPetitionBody,
  ReplyTemplate,
  ReplyTemplateBody,
  Submitted,
} from '@xinfang/shared/schemas/petitions';
import { api, session } from '@/services/instance';

/**
 * The staff endpoints of the API, over the app's one client (token, renewal, retries of reads and
 * keyed writes). Lifecycle actions go through `act` in `services/petitions.ts`, never retried.
 */

export interface QueueCounts {
  all: number;
  triage: number;
  handling: number;
  approval: number;
  overdue: number;
  /** 我承办的 (Art 24). */
  mine: number;
}

const enc = encodeURIComponent;

function queryString(query: Record<string, string | number | boolean | null | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${enc(key)}=${enc(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * Changes the signed-in person's password. The server ends every other session and answers with
 * a fresh token pair, which replaces the one this device held; `me` is read again so that
 * `mustChangePassword` is false from now on.
 */
export async function changePassword(currentPassword: string, newPassword: string): Promise<StaffMe> {
  const tokens = await api.post<TokenPair>(
    '/api/auth/password',
    { currentPassword, newPassword },
    { retry: false },
  );
  session.setTokens(tokens);
  const me = await api.get<StaffMe>('/api/auth/me');
  session.setMe(me);
  return me;
}

/**
 * One page of the inbox. A search travels in a POST body: it may be a phone number, which must
 * never stand in a URL (URLs end up in logs and histories).
 */
export function inbox(query: Record<string, string | number | null | undefined>): Promise<PetitionPage> {
  if (query.search) {
    const body = Object.fromEntries(
      Object.entries(query).filter(([, value]) => value !== undefined && value !== null && value !== ''),
    );
    return api.post<PetitionPage>('/api/petitions/search', body);
  }
  return api.get<PetitionPage>(`/api/petitions${queryString(query)}`);
}

export function queueCounts(): Promise<QueueCounts> {
  return api.get<QueueCounts>('/api/petitions/counts');
}

export function overview(unitId?: string): Promise<Overview> {
  return api.get<Overview>(`/api/overview${queryString({ unitId })}`);
}

/** Reception registers a letter, visit, call, fax or e-mail under the draft's idempotency key. */
export function registerPetition(body: RegisterPetitionBody, idempotencyKey: string): Promise<Submitted> {
  return api.post<Submitted>('/api/petitions/register', body, { idempotencyKey });
}

/**
 * Reception finds, by the phone in the body, the people it already knows (who brought a petition
 * it may see): masked, the search audited. Anyone else is registered afresh with what they say.
 */
export function findPetitioners(phone: string): Promise<PetitionerMatch[]> {
  return api.post<PetitionerMatch[]>('/api/petitioners/search', { phone });
}

/** Staff accounts in my subtree (reception, unit heads, supervisors, admins may list them). */
/** The parts other units asked my unit to answer (协办, Art 24). */
export function coHandlingList(status: 'open' | 'answered'): Promise<{ items: AssistRequest[] }> {
  return api.get<{ items: AssistRequest[] }>(`/api/co-handling${queryString({ status })}`);
}

export function answerAssist(petitionId: string, no: number, answer: string): Promise<AssistRequest> {
  return api.post<AssistRequest>(
    `/api/co-handling/${enc(petitionId)}/parts/${no}/answer`,
    { answer },
    { retry: false },
  );
}

export function listStaff(role?: string): Promise<StaffAccount[]> {
  return api.get<StaffAccount[]>(`/api/staff${queryString({ role, status: 'active' })}`);
}

/** The unit heads and responsible leaders of my subtree, each once (those who take a referral or go on a 下访). */
export async function listLeaders(): Promise<StaffAccount[]> {
  const lists = await Promise.all([listStaff('unit_head'), listStaff('responsible_leader')]);
  return lists.flat().filter((p, i, all) => all.findIndex((q) => q.id === p.id) === i);
}

/**
 * The leaders I may refer this case to (呈阅), from its receiving unit upwards: exactly those the
 * `refer` action accepts, which my own staff list neither bounds nor reaches (leaders above me).
 */
export async function referralLeaders(petitionId: string): Promise<ReferralLeader[]> {
  return (await api.get<ReferralLeaderList>(`/api/petitions/${enc(petitionId)}/referral-leaders`)).items;
}

export interface RevealedPetitioner {
  realName: string | null;
  phone: string | null;
  idNumber: string | null;
  address: string | null;
}

/** The petitioner's full phone and ID number, with the reason the audit log keeps. */
export function revealPetitioner(petitionId: string, reason: string): Promise<RevealedPetitioner> {
  return api.post<RevealedPetitioner>(
    `/api/petitions/${enc(petitionId)}/petitioner/reveal`,
    { reason },
    { retry: false },
  );
}

export function linkPetition(petitionId: string, otherId: string): Promise<PetitionDetail> {
  return api.post<PetitionDetail>(
    `/api/petitions/${enc(petitionId)}/links`,
    { petitionId: otherId },
    { retry: false },
  );
}

export function unlinkPetition(petitionId: string, otherId: string): Promise<PetitionDetail> {
  return api.call<PetitionDetail>(`/api/petitions/${enc(petitionId)}/links/${enc(otherId)}`, {
    method: 'DELETE',
    retry: false,
  });
}

/** Decision-letter templates of my unit and the units above it, for a category and kind. */
export function replyTemplates(
  query: { categoryCode?: string; kind?: string; includeRetired?: boolean } = {},
): Promise<ReplyTemplate[]> {
  return api.get<ReplyTemplate[]>(`/api/reply-templates${queryString(query)}`);
}

/** `idempotencyKey`: one per filled form, so a retried creation keeps one template. */
export function createReplyTemplate(body: ReplyTemplateBody, idempotencyKey: string): Promise<ReplyTemplate> {
  return api.post<ReplyTemplate>('/api/reply-templates', body, { idempotencyKey });
}

export function updateReplyTemplate(id: string, body: ReplyTemplateBody): Promise<ReplyTemplate> {
  return api.call<ReplyTemplate>(`/api/reply-templates/${enc(id)}`, { method: 'PUT', body, retry: false });
}

/** The figures of a unit for a period, with 同比 and 环比 (issue 14). */
export function figures(query: FiguresQuery): Promise<Figures> {
  return api.get<Figures>(`/api/figures${queryString(query)}`);
}

/** The units directly below mine (and my unit's own cases) side by side, for a period (各单位对比). */
export function unitTable(query: FiguresQuery): Promise<UnitTable> {
  return api.get<UnitTable>(`/api/figures/units${queryString(query)}`);
}

/** The 督办 figures of each unit of mine for a period: lights raised, 督办单 and answers (Art 41). */
export function supervisionFigures(query: FiguresQuery): Promise<SupervisionFigures> {
  return api.get<SupervisionFigures>(`/api/figures/supervision${queryString(query)}`);
}

/** One page of the ledger behind a figure. */
export function ledger(filter: LedgerFilter, cursor: string | null): Promise<LedgerPage> {
  return api.get<LedgerPage>(`/api/ledger${queryString({ ...filter, cursor })}`);
}

/** 一键移交 (Art 24): what would move from this 承办人, and who may lawfully take all of it. */
export function handOverPlan(staffId: string): Promise<HandOverPlan> {
  return api.get<HandOverPlan>(`/api/staff/${enc(staffId)}/hand-over`);
}

/** `idempotencyKey`: one per confirmed hand-over, so a retry after a lost answer moves nothing twice. */
export function handOver(
  staffId: string,
  body: HandOverBody,
  idempotencyKey: string,
): Promise<HandOverResult> {
  return api.post<HandOverResult>(`/api/staff/${enc(staffId)}/hand-over`, body, { idempotencyKey });
}

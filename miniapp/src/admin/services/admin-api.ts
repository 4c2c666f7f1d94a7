import type {
  AdminCalendar,
  AdminHealth,
  AdminUnit,
  CalendarPreview,
  CreatedStaff,
  InvitedStaff,
  RosterImport,
  RosterImportReport,
  RosterPreview,
  StaffHoldings,
} from '@xinfang/shared/schemas/admin';
import type { AuditExportQuery, AuditPage, AuditQuery } from '@xinfang/shared/schemas/audit';
import type { OrgUnit, StaffAccount, StaffRole, UnitKind } from '@xinfang/shared/schemas/identity';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { api } from '@/services/instance';

/**
 * The administrators' endpoints (issue 17) over the app's one client. Reads are retried on a bad
 * signal; writes are not (an answer lost on the way may mean the change was made: the page reloads).
 */

const enc = encodeURIComponent;
const once = { retry: false } as const;

export function queryString(query: Record<string, string | number | boolean | null | undefined>): string {
  const parts = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${enc(key)}=${enc(String(value))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

// ── the organisation ──────────────────────────────────────────────────────────────────────────

export function adminUnits(): Promise<AdminUnit[]> {
  return api.get<AdminUnit[]>('/api/admin/units');
}

/** What a unit's form edits: its name, code and kind, whether it receives petitions, its channels. */
export interface UnitBody {
  code?: string;
  name?: string;
  kind?: UnitKind;
  parentId?: string;
  receivesPetitions?: boolean;
  address?: string | null;
  receptionHours?: string | null;
  phone?: string | null;
  letterAddress?: string | null;
  email?: string | null;
  fax?: string | null;
  onlineAddress?: string | null;
}

export function createUnit(
  body: UnitBody & { parentId: string; code: string; name: string; kind: UnitKind },
) {
  return api.post<OrgUnit>('/api/org/units', body, once);
}

export function updateUnit(id: string, body: UnitBody): Promise<OrgUnit> {
  return api.patch<OrgUnit>(`/api/org/units/${enc(id)}`, body, once);
}

export function retireUnit(id: string): Promise<OrgUnit> {
  return api.post<OrgUnit>(`/api/org/units/${enc(id)}/retire`, undefined, once);
}

export function reinstateUnit(id: string): Promise<OrgUnit> {
  return api.post<OrgUnit>(`/api/org/units/${enc(id)}/reinstate`, undefined, once);
}

// ── accounts ──────────────────────────────────────────────────────────────────────────────────

export function findStaff(query: { q?: string; role?: string; status?: string; unitId?: string }) {
  return api.get<StaffAccount[]>(`/api/staff${queryString(query)}`);
}

export function getStaff(id: string): Promise<StaffAccount> {
  return api.get<StaffAccount>(`/api/staff/${enc(id)}`);
}

/** The open cases an account answers for or owns, and the desk it alone keeps. */
export function staffHoldings(id: string): Promise<StaffHoldings> {
  return api.get<StaffHoldings>(`/api/staff/${enc(id)}/holdings`);
}

export interface NewStaff {
  username: string;
  displayName: string;
  unitId: string;
  roles: StaffRole[];
  phone?: string;
  credential: 'temporary_password' | 'invitation';
}

/**
 * Under one key per form: a create whose answer was lost is sent again and the server answers with
 * the same account (and a fresh way in: no password is kept to repeat), never 用户名已被使用.
 */
export function createStaff(body: NewStaff, idempotencyKey: string): Promise<CreatedStaff> {
  return api.post<CreatedStaff>('/api/staff', body, { idempotencyKey });
}

export function updateStaff(
  id: string,
  body: Partial<{
    displayName: string;
    unitId: string;
    roles: StaffRole[];
    status: 'active' | 'disabled';
    /** A new number, or null to remove it. */
    phone: string | null;
    /** The administrator confirmed the change leaves a petition office without reception. */
    leaveDeskEmpty: boolean;
  }>,
): Promise<StaffAccount> {
  return api.patch<StaffAccount>(`/api/staff/${enc(id)}`, body, once);
}

export function resetPassword(id: string): Promise<{ account: StaffAccount; temporaryPassword: string }> {
  return api.post(`/api/staff/${enc(id)}/password-reset`, undefined, once);
}

export function inviteAgain(id: string): Promise<InvitedStaff> {
  return api.post<InvitedStaff>(`/api/staff/${enc(id)}/invitation`, undefined, once);
}

export function endSessions(id: string): Promise<StaffAccount> {
  return api.post<StaffAccount>(`/api/staff/${enc(id)}/sessions/end`, undefined, once);
}

// ── the roster ────────────────────────────────────────────────────────────────────────────────

export function previewRoster(csv: string): Promise<RosterPreview> {
  return api.post<RosterPreview>('/api/roster/preview', { csv }, once);
}

/** `idempotencyKey`: one per file, so a retried import is made once (only the newest can be undone). */
export function importRoster(csv: string, idempotencyKey: string): Promise<RosterImportReport> {
  return api.post<RosterImportReport>('/api/roster/import', { csv }, { idempotencyKey });
}

export function rosterImports(): Promise<RosterImport[]> {
  return api.get<RosterImport[]>('/api/roster/imports');
}

export function undoRosterImport(id: string): Promise<RosterImport> {
  return api.post<RosterImport>(`/api/roster/imports/${enc(id)}/undo`, undefined, once);
}

// ── categories ────────────────────────────────────────────────────────────────────────────────

export function allCategories(): Promise<Category[]> {
  return api.get<Category[]>('/api/categories?all=true');
}

export function saveCategory(
  code: string,
  body: { name: string; hint?: string | null; active?: boolean; sortOrder?: number },
): Promise<Category> {
  return api.call<Category>(`/api/categories/${enc(code)}`, { method: 'PUT', body, retry: false });
}

export function orderCategories(codes: string[]): Promise<{ codes: string[] }> {
  return api.post<{ codes: string[] }>('/api/categories/order', { codes }, once);
}

// ── the calendar ──────────────────────────────────────────────────────────────────────────────

export function adminCalendar(): Promise<AdminCalendar> {
  return api.get<AdminCalendar>('/api/admin/calendar');
}

export function previewCalendarYear(year: number, text: string): Promise<CalendarPreview> {
  return api.post<CalendarPreview>('/api/admin/calendar/preview', { year, text }, once);
}

export function uploadCalendarYear(year: number, text: string): Promise<AdminCalendar> {
  return api.call<AdminCalendar>('/api/admin/calendar/years', {
    method: 'PUT',
    body: { year, text },
    retry: false,
  });
}

// ── the audit log ─────────────────────────────────────────────────────────────────────────────

export function auditPage(query: AuditQuery): Promise<AuditPage> {
  return api.get<AuditPage>(`/api/audit${queryString(query)}`);
}

export function auditExportPath(query: AuditExportQuery): string {
  return `/api/audit/export${queryString(query)}`;
}

// ── health ────────────────────────────────────────────────────────────────────────────────────

export function adminHealth(): Promise<AdminHealth> {
  return api.get<AdminHealth>('/api/admin/health');
}

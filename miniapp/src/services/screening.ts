import type {
  MissingReports,
  NewScreeningItem,
  NewSensitivePeriod,
  ScreeningItem,
  ScreeningItemList,
  ScreeningReport,
  ScreeningReportList,
  SensitivePeriodList,
  SensitivePeriodView,
} from '@xinfang/shared/schemas/screening';
import { api } from './instance';

/** Risk screening and weekly nil reports over the API. */

export function screeningItems(): Promise<ScreeningItemList> {
  return api.get<ScreeningItemList>('/api/screening/items?status=all');
}

/** `idempotencyKey`: one per filled form, so a retried registration is recorded once. */
export function registerScreeningItem(
  body: NewScreeningItem,
  idempotencyKey: string,
): Promise<ScreeningItem> {
  return api.post<ScreeningItem>('/api/screening/items', body, { idempotencyKey });
}

export function sendReport(period: string, nil: boolean): Promise<ScreeningReport> {
  return api.post<ScreeningReport>('/api/screening/reports', { period, nil }, { retry: false });
}

export function reportsFor(period: string): Promise<ScreeningReportList> {
  return api.get<ScreeningReportList>(`/api/screening/reports?period=${encodeURIComponent(period)}`);
}

export function missingReports(period: string): Promise<MissingReports> {
  return api.get<MissingReports>(`/api/screening/reports/missing?period=${encodeURIComponent(period)}`);
}

/** The office declares a sensitive period; `idempotencyKey`: one per filled form, declared once. */
export function declareSensitivePeriod(
  body: NewSensitivePeriod,
  idempotencyKey: string,
): Promise<SensitivePeriodView> {
  return api.post<SensitivePeriodView>('/api/screening/sensitive-periods', body, { idempotencyKey });
}

/** The declared sensitive periods, and the period a report made now is for (a day in one of them). */
export function sensitivePeriods(): Promise<SensitivePeriodList> {
  return api.get<SensitivePeriodList>('/api/screening/sensitive-periods');
}

/**
 * The group's office withdraws a period, with the reason: answers the periods as they now stand
 * (one not begun is gone; one under way ends today). A repeat answers as the first did.
 */
export function withdrawSensitivePeriod(id: string, reason: string): Promise<SensitivePeriodList> {
  return api.post<SensitivePeriodList>(
    `/api/screening/sensitive-periods/${encodeURIComponent(id)}/withdraw`,
    { reason },
  );
}

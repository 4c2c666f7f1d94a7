import type {
  CorrectDeliveryBody,
  DocumentList,
  PendingDeliveryPage,
  RecordDeliveryBody,
  UnitDocumentSettings,
  UpdateUnitDocumentSettingsBody,
} from '@xinfang/shared/schemas/documents';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { api } from './instance';

/** Written notices and their delivery over the API (the files themselves: `document-file.ts`). */

export function listDocuments(petitionId: string): Promise<DocumentList> {
  return api.get<DocumentList>(`/api/petitions/${encodeURIComponent(petitionId)}/documents`);
}

/** Not retried automatically: a delivery whose answer was lost may have been recorded. */
export function recordDelivery(petitionId: string, body: RecordDeliveryBody): Promise<PetitionDetail> {
  return api.post<PetitionDetail>(`/api/petitions/${encodeURIComponent(petitionId)}/deliveries`, body, {
    retry: false,
  });
}

export function correctDelivery(petitionId: string, body: CorrectDeliveryBody): Promise<PetitionDetail> {
  return api.patch<PetitionDetail>(`/api/petitions/${encodeURIComponent(petitionId)}/deliveries`, body, {
    retry: false,
  });
}

export function pendingDeliveries(cursor: string | null): Promise<PendingDeliveryPage> {
  return api.get<PendingDeliveryPage>(
    `/api/deliveries/pending${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`,
  );
}

export function getDocumentSettings(unitId: string): Promise<UnitDocumentSettings> {
  return api.get<UnitDocumentSettings>(`/api/units/${encodeURIComponent(unitId)}/document-settings`);
}

export function updateDocumentSettings(
  unitId: string,
  body: UpdateUnitDocumentSettingsBody,
): Promise<UnitDocumentSettings> {
  return api.patch<UnitDocumentSettings>(`/api/units/${encodeURIComponent(unitId)}/document-settings`, body, {
    retry: false,
  });
}

export function documentPath(documentId: string): string {
  return `/api/documents/${encodeURIComponent(documentId)}.pdf`;
}

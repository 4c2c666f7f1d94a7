import type { ClaimState, ClaimUndone } from '@xinfang/shared/schemas/claims';
import { actionKey } from '@/services/action-key';
import { api } from '@/services/instance';

const enc = encodeURIComponent;

export function claimState(petitionId: string): Promise<ClaimState> {
  return api.get<ClaimState>(`/api/petitions/${enc(petitionId)}/claim`);
}

/**
 * 认领有误, with the version shown and the reason. The key is made from the action itself, so a
 * resend after a lost answer gets the same new query code rather than a refusal.
 */
export function undoClaim(petitionId: string, version: number, reason: string): Promise<ClaimUndone> {
  const body = { version, reason: reason.trim() };
  return api.post<ClaimUndone>(`/api/petitions/${enc(petitionId)}/claim/undo`, body, {
    idempotencyKey: actionKey(petitionId, version, 'claim_undo', body),
  });
}

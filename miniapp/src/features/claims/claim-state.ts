import type { ClaimState } from '@xinfang/shared/schemas/claims';

/**
 * What the staff petition page shows of the claim: nothing while nobody confirmed it (a pending or
 * declined claim is the petitioner's business), the confirmation with the undo form for the desk
 * and the heads above it, the confirmation alone for others, or that it was undone.
 */
export function claimView(state: ClaimState | null): 'hidden' | 'undo' | 'confirmed' | 'undone' {
  if (!state) return 'hidden';
  if (state.status === 'undone') return 'undone';
  if (state.status !== 'confirmed') return 'hidden';
  return state.mayUndo ? 'undo' : 'confirmed';
}

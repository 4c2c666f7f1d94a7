import type { ClaimState } from '@xinfang/shared/schemas/claims';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimView } from './claim-state';

const STATUSES = ['none', 'pending', 'confirmed', 'declined', 'undone'] as const;

describe("the staff page's view of a desk registration's claim", () => {
  it('offers the undo only for a confirmed claim the server says I may undo', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STATUSES), fc.boolean(), (status, mayUndo) => {
        const state: ClaimState = { status, at: '2026-03-02T01:00:00.000Z', mayUndo, version: 3 };
        const view = claimView(state);
        expect(view === 'undo').toBe(status === 'confirmed' && mayUndo);
        expect(view === 'hidden').toBe(['none', 'pending', 'declined'].includes(status));
      }),
    );
    expect(claimView(null)).toBe('hidden');
  });
});

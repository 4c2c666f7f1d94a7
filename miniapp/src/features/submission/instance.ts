import { deviceStorage } from '@/platform/device-storage';
import { newIdempotencyKey } from '@/platform/ids';
import { createDraftStore } from './draft';

/** The device's draft store. */
export const drafts = createDraftStore({ storage: deviceStorage, newKey: newIdempotencyKey });

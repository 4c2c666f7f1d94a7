import { deviceStorage } from '@/platform/device-storage';
import { exclusiveAcrossTabs } from '@/platform/lock';
import { request } from './api';
import { createApiClient } from './client';
import { SessionStore } from './session';

/** The app's one session and one API client, shared by every page (petitioner and staff). */
export const session = new SessionStore(deviceStorage);

export const api = createApiClient({
  transport: request,
  session,
  exclusive: exclusiveAcrossTabs('xinfang.token-renewal'),
});

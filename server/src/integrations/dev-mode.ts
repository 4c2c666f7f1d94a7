import type { AppMode } from '../config';

/**
 * Development stand-ins (a WeChat login that trusts any code, an SMS sender that only logs) are
 * refused in production by the stand-ins themselves, not only by the config layer, so no wiring
 * mistake can put a "log in as anyone" door on a live server.
 */
export class DevProviderRefusedError extends Error {
  constructor(provider: string) {
    super(`${provider} is a development stand-in and refuses to run in production mode`);
    this.name = 'DevProviderRefusedError';
  }
}

export function refuseInProduction(mode: AppMode, provider: string): void {
  if (mode === 'production') throw new DevProviderRefusedError(provider);
}

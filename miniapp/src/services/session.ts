import type { Me, TokenPair } from '@xinfang/shared/schemas/identity';
import type { KeyValueStore } from '@/platform/storage';

/** Who is signed in on this device, and with which tokens. Petitioners and staff alike. */
export interface Session {
  tokens: TokenPair;
  me: Me;
}

export type SessionEndReason = 'logout' | 'expired';
export type SessionListener = (session: Session | null, reason?: SessionEndReason) => void;

export const SESSION_KEY = 'xinfang.session';

/**
 * The session store: kept in device storage so a closed app stays signed in, cached in memory,
 * and observable so every page learns at once when the session ends. One session per device.
 */
export class SessionStore {
  private current: Session | null | undefined;
  private readonly listeners = new Set<SessionListener>();

  constructor(
    private readonly storage: KeyValueStore,
    private readonly key = SESSION_KEY,
  ) {}

  get(): Session | null {
    if (this.current === undefined) this.current = this.read();
    return this.current;
  }

  /**
   * Reads the stored session again: another tab of the h5 app may have refreshed the tokens (each
   * refresh token works once, so the newest pair must be used). What did not change keeps its
   * object, so a page keyed on `me` does not load again on every show and wipe what is being typed.
   */
  reload(): Session | null {
    const stored = this.read();
    const kept = this.current;
    if (!stored || !kept) {
      this.current = stored;
      return stored;
    }
    const me = sameValue(stored.me, kept.me) ? kept.me : stored.me;
    const tokens = sameValue(stored.tokens, kept.tokens) ? kept.tokens : stored.tokens;
    this.current = me === kept.me && tokens === kept.tokens ? kept : { tokens, me };
    return this.current;
  }

  set(session: Session): void {
    this.current = session;
    this.storage.set(this.key, session);
    this.emit(session);
  }

  setTokens(tokens: TokenPair): void {
    const session = this.get();
    if (session) this.set({ ...session, tokens });
  }

  setMe(me: Me): void {
    const session = this.get();
    if (session) this.set({ ...session, me });
  }

  clear(reason: SessionEndReason): void {
    const had = this.get() !== null;
    this.current = null;
    this.storage.remove(this.key);
    if (had) this.emit(null, reason);
  }

  subscribe(listener: SessionListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(session: Session | null, reason?: SessionEndReason): void {
    for (const listener of [...this.listeners]) listener(session, reason);
  }

  private read(): Session | null {
    const stored = this.storage.get<Session>(this.key);
    return stored && typeof stored === 'object' && stored.tokens && stored.me ? stored : null;
  }
}

/** Both were stored as JSON, so equal text is an equal value. */
const sameValue = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

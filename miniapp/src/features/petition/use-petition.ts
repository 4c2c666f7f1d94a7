import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { CaseActionType } from '@xinfang/shared/lifecycle';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/services/api';
import { type ActionParams, act, getPetition } from '@/services/petitions';
import { isTransient } from '@/services/retry';

/** An action that did not go through. */
export interface ActionFailure {
  type: CaseActionType;
  error: unknown;
  /**
   * Set when someone changed the petition first (a version conflict): the petition as it was
   * loaded again straight after, or null when that load failed too.
   */
  reloaded?: PetitionDetail | null;
  /**
   * Set when no answer came (the client's own retries included): the server may have acted. The
   * petition was loaded again to show what happened.
   */
  unconfirmed?: true;
}

/** How a sent action went: taken, refused with nothing kept, or without an answer. */
export type Outcome = 'done' | 'refused' | 'unconfirmed';

export interface AttemptOptions {
  /**
   * The version to send instead of the one on screen: that of an unanswered first send, so that
   * the resend carries its key. Should the server show it was never taken, it goes again as the
   * version on screen.
   */
  version?: number;
  /** Whether the petition, loaded again after no answer came, shows the action taken. */
  tookEffect?: (reloaded: PetitionDetail) => boolean;
}

/**
 * One petition on a page, for the petitioner's detail and the staff's case page alike: loaded once
 * the page may (`ready`), again on pull-down and on coming back to the page (new messages and
 * steps); and its actions, one at a time, each sent with the version on screen — when someone acted
 * first, the petition is loaded again and the failure says so.
 */
export function usePetition(id: string, ready: boolean) {
  const [detail, setDetail] = useState<PetitionDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  /** When the petition on screen was loaded: clocks count down from it. */
  const [now, setNow] = useState(() => Date.now());
  const [busy, setBusy] = useState<CaseActionType | null>(null);
  const [failure, setFailure] = useState<ActionFailure | null>(null);
  /** The line that says the last action went through. */
  const [status, setStatus] = useState<string | null>(null);
  const acting = useRef(false);

  const load = useCallback(async (): Promise<PetitionDetail | null> => {
    setLoadError(null);
    try {
      const fresh = await getPetition(id);
      setDetail(fresh);
      setNow(Date.now());
      return fresh;
    } catch (error) {
      setLoadError(error);
      return null;
    }
  }, [id]);

  useEffect(() => {
    if (ready) void load();
  }, [ready, load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });
  // Coming back to the page (from WeChat's background, or another page).
  const shownOnce = useRef(false);
  useDidShow(() => {
    if (shownOnce.current && ready) void load();
    shownOnce.current = true;
  });

  /** Takes one action; `done` is the line shown when it went through. */
  const attempt = useCallback(
    async <T extends CaseActionType>(
      type: T,
      params: ActionParams<T>,
      done: string,
      options: AttemptOptions = {},
    ): Promise<Outcome | null> => {
      // Nothing to act on yet, or another action on its way: not sent.
      if (!detail || acting.current) return null;
      acting.current = true;
      setBusy(type);
      setFailure(null);
      setStatus(null);
      const onScreen = detail.version;
      const resend = async () => {
        try {
          return await act(id, type, params, options.version ?? onScreen);
        } catch (error) {
          // The unanswered first send was never taken: a taken one is answered as taken, under
          // its key, not with a conflict. So it goes now as what the person sees on screen.
          const untaken = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
          if (untaken && options.version !== undefined && options.version !== onScreen)
            return act(id, type, params, onScreen);
          throw error;
        }
      };
      try {
        setDetail(await resend());
        setNow(Date.now());
        setStatus(done);
        return 'done';
      } catch (error) {
        if (!(error instanceof ApiError) || isTransient(error)) {
          // No answer: it may have been taken. Show the petition as it is now, not "no network".
          const reloaded = await load();
          if (reloaded && options.tookEffect?.(reloaded)) {
            setStatus(done);
            return 'done';
          }
          setFailure({ type, error, unconfirmed: true });
          return 'unconfirmed';
        }
        const conflict = error.code === 'VERSION_CONFLICT';
        setFailure(conflict ? { type, error, reloaded: await load() } : { type, error });
        return 'refused';
      } finally {
        acting.current = false;
        setBusy(null);
      }
    },
    [detail, id, load],
  );

  /** `attempt`, true when the action went through. */
  const run = useCallback(
    async <T extends CaseActionType>(type: T, params: ActionParams<T>, done: string): Promise<boolean> =>
      (await attempt(type, params, done)) === 'done',
    [attempt],
  );

  return { detail, setDetail, loadError, load, now, busy, failure, status, run, attempt };
}

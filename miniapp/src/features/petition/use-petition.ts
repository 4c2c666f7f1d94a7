import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import type { CaseActionType } from '@xinfang/shared/lifecycle';
import type { PetitionDetail } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '@/services/api';
import { type ActionParams, act, getPetition } from '@/services/petitions';

/** An action that did not go through. */
export interface ActionFailure {
  type: CaseActionType;
  error: unknown;
  /**
   * Set when someone changed the petition first (a version conflict): the petition as it was
   * loaded again straight after, or null when that load failed too.
   */
  reloaded?: PetitionDetail | null;
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

  /** Takes one action; `done` is the line shown when it went through. False when it did not. */
  const run = useCallback(
    async <T extends CaseActionType>(type: T, params: ActionParams<T>, done: string): Promise<boolean> => {
      if (!detail || acting.current) return false;
      acting.current = true;
      setBusy(type);
      setFailure(null);
      setStatus(null);
      try {
        setDetail(await act(id, type, params, detail.version));
        setNow(Date.now());
        setStatus(done);
        return true;
      } catch (error) {
        const conflict = error instanceof ApiError && error.code === 'VERSION_CONFLICT';
        setFailure(conflict ? { type, error, reloaded: await load() } : { type, error });
        return false;
      } finally {
        acting.current = false;
        setBusy(null);
      }
    },
    [detail, id, load],
  );

  return { detail, setDetail, loadError, load, now, busy, failure, status, run };
}

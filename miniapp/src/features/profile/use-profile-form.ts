import type { PetitionerMe } from '@xinfang/shared/schemas/identity';
import { useCallback, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { updateProfile } from '@/services/auth';
import { messageOf } from '@/ui/message-of';

/** The petitioner's name and address have both been given. */
export function profileComplete(me: PetitionerMe): boolean {
  return Boolean(me.realName?.trim() && me.address?.trim());
}

export interface ProfileValues {
  realName: string;
  address: string;
}

/** The name and address on the account, as the fields start. */
function accountProfile(me: PetitionerMe): ProfileValues {
  return { realName: me.realName ?? '', address: me.address ?? '' };
}

/** What is said beside 下一步 when the name and address could not be saved, and why. */
export function saveFailedMessage(error: unknown): string {
  return copy.profile.saveFailed(messageOf(error));
}

export interface ProfileForm extends ProfileValues {
  setRealName(value: string): void;
  setAddress(value: string): void;
  /** Shows these values (from the device's draft), or the account's when null. */
  restore(typed: ProfileValues | null): void;
  /** Both given (maybe not saved yet). */
  filled: boolean;
  saving: boolean;
  error: unknown;
  /** Saves what was typed, if it changed; true when the account now has both. */
  save(): Promise<boolean>;
}

/**
 * Name and address as typed, saved to the account when the person moves on — the submission form
 * saves them with 下一步, so that nobody is stopped by a separate 保存 they did not see. `keep` is
 * told what was typed at every change, and null once the account has it: the form keeps it in its
 * draft on the device, so a reload loses nothing.
 */
export function useProfileForm(me: PetitionerMe, keep?: (typed: ProfileValues | null) => void): ProfileForm {
  const [values, setValues] = useState<ProfileValues>(() => accountProfile(me));
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const latest = useRef(values);
  const account = useRef(me);
  account.current = me;
  const keeper = useRef(keep);
  keeper.current = keep;
  const { realName, address } = values;
  const filled = Boolean(realName.trim() && address.trim());

  const show = useCallback((next: ProfileValues) => {
    latest.current = next;
    setValues(next);
  }, []);
  const change = useCallback(
    (patch: Partial<ProfileValues>) => {
      const next = { ...latest.current, ...patch };
      show(next);
      keeper.current?.(next);
    },
    [show],
  );
  const setRealName = useCallback((value: string) => change({ realName: value }), [change]);
  const setAddress = useCallback((value: string) => change({ address: value }), [change]);
  const restore = useCallback(
    (typed: ProfileValues | null) => show(typed ?? accountProfile(account.current)),
    [show],
  );

  const save = async (): Promise<boolean> => {
    if (!filled || inFlight.current) return false;
    const changed = realName.trim() !== (me.realName ?? '') || address.trim() !== (me.address ?? '');
    if (!changed) {
      keeper.current?.(null);
      return true;
    }
    inFlight.current = true;
    setSaving(true);
    setError(null);
    try {
      await updateProfile({ realName: realName.trim(), address: address.trim() });
      // The account has them now: the device need not keep them any longer.
      keeper.current?.(null);
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  };

  return { realName, address, setRealName, setAddress, restore, filled, saving, error, save };
}

import type { PetitionerMe } from '@xinfang/shared/schemas/identity';
import { useRef, useState } from 'react';
import { updateProfile } from '@/services/auth';

/** The petitioner's name and address have both been given. */
export function profileComplete(me: PetitionerMe): boolean {
  return Boolean(me.realName?.trim() && me.address?.trim());
}

export interface ProfileForm {
  realName: string;
  address: string;
  setRealName(value: string): void;
  setAddress(value: string): void;
  /** Both given (maybe not saved yet). */
  filled: boolean;
  saving: boolean;
  error: unknown;
  /** Saves what was typed, if it changed; true when the account now has both. */
  save(): Promise<boolean>;
}

/**
 * Name and address as typed, saved to the account when the person moves on — the submission form
 * saves them with 下一步, so that nobody is stopped by a separate 保存 they did not see.
 */
export function useProfileForm(me: PetitionerMe): ProfileForm {
  const [realName, setRealName] = useState(me.realName ?? '');
  const [address, setAddress] = useState(me.address ?? '');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const inFlight = useRef(false);
  const filled = Boolean(realName.trim() && address.trim());

  const save = async (): Promise<boolean> => {
    if (!filled || inFlight.current) return false;
    const changed = realName.trim() !== (me.realName ?? '') || address.trim() !== (me.address ?? '');
    if (!changed) return true;
    inFlight.current = true;
    setSaving(true);
    setError(null);
    try {
      await updateProfile({ realName: realName.trim(), address: address.trim() });
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      inFlight.current = false;
      setSaving(false);
    }
  };

  return { realName, address, setRealName, setAddress, filled, saving, error, save };
}

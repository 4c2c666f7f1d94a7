import type { Me, PetitionerMe, SignInAnswer, TokenPair } from '@xinfang/shared/schemas/identity';
import { api, session } from './instance';

/** Signing in and out, and the signed-in person's own account (petitioners; staff sign in here too). */

export interface OtpAnswer {
  expiresAt: string;
  resendAfter: string;
}

/** Sends a one-time sign-in code by SMS. */
export function requestOtp(phone: string): Promise<OtpAnswer> {
  return api.post<OtpAnswer>('/api/auth/otp', { phone }, { auth: false, retry: false });
}

function signedIn(answer: SignInAnswer): Me {
  session.set({ tokens: answer.tokens, me: answer.me });
  return answer.me;
}

export async function loginWithOtp(phone: string, code: string): Promise<Me> {
  return signedIn(
    await api.post<SignInAnswer>('/api/auth/otp/login', { phone, code }, { auth: false, retry: false }),
  );
}

/** WeChat: the code from `wx.login`, exchanged once by the server for the person's openid. */
export async function loginWithWechat(code: string): Promise<Me> {
  return signedIn(
    await api.post<SignInAnswer>('/api/auth/wechat/login', { code }, { auth: false, retry: false }),
  );
}

/** Staff: username and password (the staff pages' sign-in). */
export async function loginStaff(username: string, password: string): Promise<Me> {
  return signedIn(
    await api.post<SignInAnswer>(
      '/api/auth/staff/login',
      { username, password },
      { auth: false, retry: false },
    ),
  );
}

/** Staff: an invitation accepted — username, the code the administrator gave, a password of one's own. */
export async function acceptInvitation(username: string, code: string, newPassword: string): Promise<Me> {
  return signedIn(
    await api.post<SignInAnswer>(
      '/api/auth/staff/invitation',
      { username, code, newPassword },
      { auth: false, retry: false },
    ),
  );
}

/** Ends the session here and on the server (best effort: the device forgets it either way). */
export async function logout(): Promise<void> {
  const current = session.get();
  session.clear('logout');
  if (!current) return;
  try {
    await api.post<null>(
      '/api/auth/logout',
      { refreshToken: current.tokens.refreshToken },
      { auth: false, retry: false, acceptStatus: [204] },
    );
  } catch {
    // The refresh token expires by itself.
  }
}

export async function refreshMe(): Promise<Me> {
  const me = await api.get<Me>('/api/auth/me');
  session.setMe(me);
  return me;
}

/** A WeChat user proves a phone number with a one-time code. */
export async function provePhone(phone: string, code: string): Promise<Me> {
  const me = await api.post<Me>('/api/auth/phone', { phone, code }, { retry: false });
  session.setMe(me);
  return me;
}

/** A worker binds their employee number; the roster must match name and phone (ROSTER_MISMATCH). */
export async function bindEmployee(employeeNumber: string, realName: string): Promise<PetitionerMe> {
  const me = await api.post<PetitionerMe>(
    '/api/me/employee-binding',
    { employeeNumber, realName },
    { retry: false },
  );
  session.setMe(me);
  return me;
}

/** A petitioner's own name and address (a petition states them, Art 19), or ID number. */
export async function updateProfile(profile: {
  realName?: string;
  address?: string;
  idNumber?: string;
}): Promise<PetitionerMe> {
  const me = await api.patch<PetitionerMe>('/api/me/profile', profile, { retry: false });
  session.setMe(me);
  return me;
}

export type { TokenPair };

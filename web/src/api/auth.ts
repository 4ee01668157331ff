import { request } from './client';
import type { LoginResponse, MeResponse } from './types';

export function login(username: string, password: string): Promise<LoginResponse> {
  return request('/auth/login', {
    method: 'POST',
    body: { username, password },
    skipAuthRedirect: true,
  });
}

export function fetchMe(): Promise<MeResponse> {
  return request('/auth/me', { skipAuthRedirect: true });
}

export function logout(): Promise<void> {
  return request('/auth/logout', { method: 'POST', skipAuthRedirect: true });
}

/** 422 fields: currentPassword = "wrong", newPassword = "too_weak". */
export function changePassword(currentPassword: string, newPassword: string): Promise<void> {
  return request('/auth/password', { method: 'POST', body: { currentPassword, newPassword } });
}

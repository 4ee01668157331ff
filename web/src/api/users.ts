import { request } from './client';
import type { AdminUser, Grants, ListResponse } from './types';

export interface UserQuery {
  q?: string;
  departmentId?: number | null;
  page?: number;
  pageSize?: number;
}

export interface UserInput {
  displayName: string;
  email?: string | null;
  mobile?: string | null;
  departmentId?: number | null;
  managerId?: number | null;
  roles: string[];
}

export function listUsers(query: UserQuery = {}): Promise<ListResponse<AdminUser>> {
  return request('/users', { query: { ...query } });
}

export function getUser(id: number): Promise<AdminUser> {
  return request(`/users/${id}`);
}

export function createUser(data: UserInput & { username: string; password: string }): Promise<AdminUser> {
  return request('/users', { method: 'POST', body: data });
}

export function updateUser(
  id: number,
  data: Partial<UserInput> & { version: number; active?: boolean; grantOverrides?: Grants },
): Promise<AdminUser> {
  return request(`/users/${id}`, { method: 'PATCH', body: data });
}

/** Administrator sets a new password without knowing the old one. */
export function resetPassword(id: number, password: string): Promise<void> {
  return request(`/users/${id}/password`, { method: 'POST', body: { password } });
}

/** 离职移交: every record the user owns moves to `toUserId`. */
export function transferRecords(
  id: number,
  toUserId: number,
): Promise<{ transferred: Record<string, number> }> {
  return request(`/users/${id}/transfer-records`, { method: 'POST', body: { toUserId } });
}

import { request } from './client';
import type { Grants, Role } from './types';

export function listRoles(): Promise<{ items: Role[] }> {
  return request('/roles');
}

export function createRole(data: { code: string; name: string; grants: Grants }): Promise<Role> {
  return request('/roles', { method: 'POST', body: data });
}

/** `grants` replaces the role's grants entirely. */
export function updateRole(id: number, data: { version: number; name?: string; grants?: Grants }): Promise<Role> {
  return request(`/roles/${id}`, { method: 'PATCH', body: data });
}

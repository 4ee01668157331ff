import { request } from './client';
import type { Department } from './types';

export function listDepartments(): Promise<{ items: Department[]; total: number }> {
  return request('/departments');
}

export function createDepartment(data: { name: string; parentId?: number | null }): Promise<Department> {
  return request('/departments', { method: 'POST', body: data });
}

/** `parentId` under one of its own descendants answers 422 with fields.parentId = "cycle". */
export function updateDepartment(
  id: number,
  data: { version: number; name?: string; parentId?: number | null; active?: boolean },
): Promise<Department> {
  return request(`/departments/${id}`, { method: 'PATCH', body: data });
}

import { request } from './client';
import type { SavedView } from './types';

export interface ViewInput {
  name?: string;
  query?: string;
  columns?: string[] | null;
  isDefault?: boolean;
}

/** The caller's own 场景 for `entity`. */
export async function listViews(entity: string): Promise<SavedView[]> {
  const res = await request<{ items: SavedView[] }>('/views', { query: { entity } });
  return res.items ?? [];
}

export function createView(entity: string, data: ViewInput & { name: string; query: string }): Promise<SavedView> {
  return request('/views', { method: 'POST', body: { entity, ...data } });
}

/** Setting isDefault clears it on the caller's other views of the entity (server side). */
export function updateView(id: number, data: ViewInput): Promise<SavedView> {
  return request(`/views/${id}`, { method: 'PATCH', body: data });
}

export function deleteView(id: number): Promise<void> {
  return request(`/views/${id}`, { method: 'DELETE' });
}

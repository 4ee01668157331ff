import { request } from './client';

export type ShareAccess = 'read' | 'write';

/** Shares one record with a user (共享); `expiresAt` is UTC ISO or omitted for no end. */
export function shareRecord(
  entity: string,
  id: number | string,
  data: { userId: number; access: ShareAccess; expiresAt?: string | null },
): Promise<unknown> {
  return request(`/${encodeURIComponent(entity)}/${encodeURIComponent(String(id))}/members`, { method: 'POST', body: data });
}

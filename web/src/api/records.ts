import { apiUrl, request } from './client';
import type { ListResponse, RecordData } from './types';

const seg = (s: string | number) => encodeURIComponent(String(s));

/** `query` is a ready query string, usually from utils/query.buildListQuery. */
export function listRecords(entity: string, query: string, signal?: AbortSignal): Promise<ListResponse> {
  return request(`/${seg(entity)}`, { query, signal });
}

export function getRecord(entity: string, id: number | string): Promise<RecordData> {
  return request(`/${seg(entity)}/${seg(id)}`);
}

export function createRecord(entity: string, data: Record<string, unknown>): Promise<RecordData> {
  return request(`/${seg(entity)}`, { method: 'POST', body: data });
}

/** `data` holds `version` plus the changed fields (and `confirm` when re-sent). */
export function updateRecord(
  entity: string,
  id: number | string,
  data: Record<string, unknown>,
): Promise<RecordData> {
  return request(`/${seg(entity)}/${seg(id)}`, { method: 'PATCH', body: data });
}

export function deleteRecord(entity: string, id: number | string): Promise<void> {
  return request(`/${seg(entity)}/${seg(id)}`, { method: 'DELETE' });
}

export function restoreRecord(entity: string, id: number | string): Promise<RecordData> {
  return request(`/${seg(entity)}/${seg(id)}/restore`, { method: 'POST' });
}

export function purgeRecord(entity: string, id: number | string): Promise<void> {
  return request(`/${seg(entity)}/${seg(id)}`, { method: 'DELETE', query: { purge: 'true' } });
}

export function listRelated(
  entity: string,
  id: number | string,
  related: string,
  query: string,
): Promise<ListResponse> {
  return request(`/${seg(entity)}/${seg(id)}/${seg(related)}`, { query });
}

/** A download link; GET needs no CSRF token and the session cookie goes along. */
export function exportUrl(entity: string, format: 'csv' | 'xlsx', query: string): string {
  const params = new URLSearchParams(query);
  params.delete('page');
  params.delete('pageSize');
  params.set('format', format);
  return apiUrl(`/${seg(entity)}/export`, params);
}

/** Hands the record to another user (needs the assign scope). */
export function transferRecord(entity: string, id: number | string, toUserId: number): Promise<RecordData> {
  return request(`/${seg(entity)}/${seg(id)}/transfer`, { method: 'POST', body: { toUserId } });
}

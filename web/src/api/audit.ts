import { request } from './client';
import type { AuditEntry, AuditLogEntry, ListResponse } from './types';

export function fetchAudit(params: {
  entity: string;
  recordId: number | string;
  page?: number;
  pageSize?: number;
}): Promise<{ items: AuditEntry[]; total: number }> {
  return request('/audit', { query: { ...params } });
}

export interface AuditQuery {
  entity?: string;
  recordId?: number | string;
  userId?: number | null;
  from?: string;
  to?: string;
  page?: number;
  pageSize?: number;
}

/** The system-wide log (administrators and executives). */
export function listAudit(query: AuditQuery): Promise<ListResponse<AuditLogEntry>> {
  return request('/audit', { query: { ...query } });
}

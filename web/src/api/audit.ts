import { request } from './client';
import type { AuditEntry } from './types';

export function fetchAudit(params: {
  entity: string;
  recordId: number | string;
  page?: number;
  pageSize?: number;
}): Promise<{ items: AuditEntry[]; total: number }> {
  return request('/audit', { query: { ...params } });
}

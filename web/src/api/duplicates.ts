import { request } from './client';
import type { DuplicateCandidate } from './types';

/**
 * 查重: who already has a record like this (GET /{entity}/duplicates?name=&phone=…). The server
 * answers with title, owner and matched fields only, whatever the caller may read.
 */
export async function findDuplicates(entity: string, params: Record<string, string>): Promise<DuplicateCandidate[]> {
  const res = await request<{ candidates?: DuplicateCandidate[] }>(`/${encodeURIComponent(entity)}/duplicates`, { query: params });
  return res.candidates ?? [];
}

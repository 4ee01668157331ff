import { request } from './client';
import type { SearchResult } from './types';

export function globalSearch(q: string, signal?: AbortSignal): Promise<{ results: SearchResult[] }> {
  return request('/search', { query: { q }, signal });
}

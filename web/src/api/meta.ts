import { request } from './client';
import type { MetaResponse } from './types';

export function fetchMeta(): Promise<MetaResponse> {
  return request('/meta');
}

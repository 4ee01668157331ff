import { request } from './client';
import type { MergeResult } from './types';

const seg = (s: string | number) => encodeURIComponent(String(s));

/**
 * 合并: `fromId` is merged into `id` and goes to the recycle bin; `fields` take the other record's
 * value (empty fields here are filled from it anyway). Its related records and files move here.
 */
export function mergeRecord(entity: string, id: number | string, fromId: number, fields: string[]): Promise<MergeResult> {
  return request(`/${seg(entity)}/${seg(id)}/merge`, { method: 'POST', body: { fromId, fields } });
}

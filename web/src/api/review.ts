import { request } from './client';
import type { MergeResult, RecordData, ReviewAction } from './types';

const seg = (s: string | number) => encodeURIComponent(String(s));

/**
 * 客户审核: POST /{entity}/{id}/submit | withdraw | approve | reject → the updated record.
 * approve takes an optional comment, reject requires one (422 fields.comment "required").
 * 409 review_state_invalid when the record is not in a state the action starts from.
 */
export function reviewRecord(entity: string, id: number | string, action: ReviewAction, comment?: string): Promise<RecordData> {
  return request(`/${seg(entity)}/${seg(id)}/${action}`, { method: 'POST', body: comment ? { comment } : {} });
}

/**
 * 合并: `fromId` is merged into `id` and goes to the recycle bin; `fields` take the other record's
 * value (empty fields here are filled from it anyway). Its related records and files move here.
 */
export function mergeRecord(entity: string, id: number | string, fromId: number, fields: string[]): Promise<MergeResult> {
  return request(`/${seg(entity)}/${seg(id)}/merge`, { method: 'POST', body: { fromId, fields } });
}

import { request } from './client';
import type { NumberingReset, NumberingRule } from './types';

const seg = (s: string) => encodeURIComponent(s);

/** Every entity's numbering rule (admins). */
export async function listNumbering(): Promise<NumberingRule[]> {
  return (await request<{ items: NumberingRule[] }>('/numbering')).items;
}

/** The entity's numbering rule (admins); 404 when the entity numbers nothing. */
export function getNumbering(entity: string): Promise<NumberingRule> {
  return request(`/numbering/${seg(entity)}`);
}

/** Replaces the rule; 422 with fields.pattern / fields.reset when it is invalid. */
export function putNumbering(entity: string, rule: { pattern: string; reset: NumberingReset }): Promise<NumberingRule> {
  return request(`/numbering/${seg(entity)}`, { method: 'PUT', body: rule });
}

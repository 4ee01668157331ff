import { request } from './client';
import type { Labels } from './types';

/** One option of an admin-editable list. `value` is absent for a new option (the server makes one). */
export interface EditableOption {
  value?: string;
  labels: Labels;
  active: boolean;
  builtIn?: boolean;
}

/** A field whose options admins edit (客户类别, 行业, 职务 …). */
export interface OptionList {
  entity: string;
  entityLabels: Labels;
  field: string;
  labels: Labels;
  options: EditableOption[];
}

const seg = (s: string) => encodeURIComponent(s);

/** Every editable list (admins). */
export async function listOptionLists(): Promise<OptionList[]> {
  const r = await request<{ items: OptionList[] }>('/options');
  return r.items;
}

/**
 * Replaces a list (the new order). 422 with fields like "options[2].labels.zh-CN" or "options"
 * (option_removed, no_active_option) when it is refused; nothing is saved then.
 */
export function saveOptionList(entity: string, field: string, options: EditableOption[]): Promise<OptionList> {
  const body = options.map((o) => ({ ...(o.value ? { value: o.value } : {}), labels: o.labels, active: o.active }));
  return request(`/options/${seg(entity)}/${seg(field)}`, { method: 'PUT', body: { options: body } });
}

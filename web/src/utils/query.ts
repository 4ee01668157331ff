// Turns list state (paging, sort, quick search, filters) into the API's query string.
import type { FieldMeta } from '@/api/types';
import { regionPrefix } from './region';
import { startOfLocalDayUtc, startOfNextLocalDayUtc } from './time';

export type FilterOp =
  | 'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'contains' | 'startsWith' | 'in' | 'isNull';

export type Scalar = string | number | boolean;

export interface Filter {
  field: string;
  op: FilterOp;
  value: Scalar | Scalar[];
}

export interface SortSpec {
  field: string;
  order: 'asc' | 'desc';
}

export interface ListState {
  page?: number;
  pageSize?: number;
  sort?: SortSpec[];
  q?: string;
  filters?: Filter[];
  deleted?: boolean;
  /** Only these fields in each item (the server adds id and version): a list asks for its columns. */
  fields?: string[];
}

export function sortParam(sort: SortSpec[]): string {
  return sort.map((s) => (s.order === 'desc' ? `-${s.field}` : s.field)).join(',');
}

function isEmpty(value: Filter['value']): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return value === '' || value === null || value === undefined;
}

export function appendFilter(params: URLSearchParams, f: Filter): void {
  if (isEmpty(f.value)) return;
  const value = Array.isArray(f.value) ? f.value.map(String).join(',') : String(f.value);
  if (f.op === 'eq') params.append(f.field, value);
  else if (f.op === 'isNull') params.append(`${f.field}[isNull]`, value === 'false' ? 'false' : 'true');
  else params.append(`${f.field}[${f.op}]`, value);
}

export function buildListQuery(state: ListState): string {
  const params = new URLSearchParams();
  if (state.deleted) params.set('deleted', 'true');
  if (state.page) params.set('page', String(state.page));
  if (state.pageSize) params.set('pageSize', String(state.pageSize));
  if (state.sort?.length) params.set('sort', sortParam(state.sort));
  const q = state.q?.trim();
  if (q) params.set('q', q);
  for (const f of state.filters ?? []) appendFilter(params, f);
  if (state.fields?.length) params.set('fields', [...new Set(state.fields)].join(','));
  return params.toString();
}

/** What a filter-bar widget holds for one field. */
export type FilterInput =
  | string
  | number
  | boolean
  | null
  | undefined
  | Array<string | number | null | undefined>;

function range(field: string, v: FilterInput, from: (x: Scalar) => Scalar, to: FilterOp, toVal: (x: Scalar) => Scalar): Filter[] {
  if (!Array.isArray(v)) return [];
  const out: Filter[] = [];
  const [lo, hi] = v;
  if (lo !== null && lo !== undefined && lo !== '') out.push({ field, op: 'gte', value: from(lo) });
  if (hi !== null && hi !== undefined && hi !== '') out.push({ field, op: to, value: toVal(hi) });
  return out;
}

/** Maps a filter-bar value for `field` to API filters; `tz` turns local days into UTC bounds. */
export function filterFromInput(field: FieldMeta, input: FilterInput, tz: string): Filter[] {
  if (input === null || input === undefined || input === '') return [];
  if (Array.isArray(input) && input.length === 0) return [];
  const name = field.name;
  switch (field.type) {
    case 'enum':
    case 'multienum':
      if (Array.isArray(input)) {
        const chosen = input.filter((x): x is string | number => x != null);
        // One option is a plain equality, the form a 场景 or a link usually stores.
        return chosen.length === 1 ? [{ field: name, op: 'eq', value: chosen[0] }] : [{ field: name, op: 'in', value: chosen }];
      }
      return [{ field: name, op: 'eq', value: input }];
    case 'boolean':
      return [{ field: name, op: 'eq', value: input === true || input === 'true' }];
    case 'integer':
    case 'decimal':
    case 'money':
      return range(name, input, (x) => x, 'lte', (x) => x);
    case 'date':
      return range(name, input, (x) => x, 'lte', (x) => x);
    case 'datetime':
      return range(
        name, input,
        (x) => startOfLocalDayUtc(String(x), tz), 'lt',
        (x) => startOfNextLocalDayUtc(String(x), tz),
      );
    case 'relation':
    case 'user':
      return [{ field: name, op: 'eq', value: input as Scalar }];
    case 'region':
      // A province, city or county code from the cascader: everything under it matches.
      return [{ field: name, op: 'startsWith', value: regionPrefix(String(input)) }];
    default: {
      const text = String(input).trim();
      return text ? [{ field: name, op: 'contains', value: text }] : [];
    }
  }
}

// A 场景's query string ⇄ the list page's state (quick search, sort, filter-bar inputs, other conditions).
import type { EntityMeta, FieldMeta } from '@/api/types';
import { isFilterable, resolveField } from './fields';
import { buildListQuery, filterFromInput, type Filter, type FilterInput, type FilterOp, type SortSpec } from './query';
import { padRegionCode } from './region';
import { dayjs } from './time';

export interface ListViewState {
  q: string;
  sort: SortSpec[];
  /** Filter-bar inputs by field name. */
  values: Record<string, FilterInput>;
  /** Conditions the filter bar has no widget for (e.g. ownerId[in]); shown as tags. */
  extra: Filter[];
}

const OPS: FilterOp[] = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'contains', 'startsWith', 'in', 'isNull'];
const NOT_FILTERS = new Set(['page', 'pageSize', 'sort', 'q', 'format', 'deleted', 'view']);

export const emptyViewState = (): ListViewState => ({ q: '', sort: [], values: {}, extra: [] });

/**
 * The fields the filter bar offers a widget for: the entity's quick filters first, then the list
 * columns (but the title) and the owner. Conditions on other fields (from a 场景) show as tags.
 */
export function filterBarFields(entity: EntityMeta): FieldMeta[] {
  const names = [...(entity.quickFilters ?? []), ...entity.listColumns];
  if (entity.owned && !names.includes('ownerId')) names.push('ownerId');
  return [...new Set(names)]
    .filter((n) => n !== entity.titleField)
    .map((n) => resolveField(entity, n))
    .filter((f): f is FieldMeta => f !== null && isFilterable(f) && f.name !== 'id');
}

/** Every active condition of the state, as API filters. */
export function stateFilters(entity: EntityMeta, state: Pick<ListViewState, 'values' | 'extra'>, tz: string): Filter[] {
  const fromValues = Object.entries(state.values).flatMap(([name, input]) => {
    const field = resolveField(entity, name);
    return field ? filterFromInput(field, input, tz) : [];
  });
  return [...fromValues, ...state.extra];
}

/** The query string a 场景 stores: filters, quick search and sort, no paging. */
export function toViewQuery(entity: EntityMeta, state: ListViewState, tz: string, more: Filter[] = []): string {
  return buildListQuery({ sort: state.sort, q: state.q, filters: [...stateFilters(entity, state, tz), ...more] });
}

export function parseSort(value: string): SortSpec[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s && s !== '-')
    .map((s) => (s.startsWith('-') ? { field: s.slice(1), order: 'desc' as const } : { field: s, order: 'asc' as const }));
}

function parseKey(key: string): { field: string; op: FilterOp } | null {
  const m = key.match(/^([^[\]]+)(?:\[(\w+)\])?$/);
  if (!m) return null;
  const op = (m[2] ?? 'eq') as FilterOp;
  return OPS.includes(op) ? { field: m[1], op } : null;
}

type Ops = Partial<Record<FilterOp, string>>;

const num = (v: string | undefined) => (v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v));

/** The filter-bar input that produces exactly `ops` for `field`, or undefined if none does. */
function inputFor(field: FieldMeta, ops: Ops, tz: string): FilterInput {
  const keys = Object.keys(ops) as FilterOp[];
  const only = (...allowed: FilterOp[]) => keys.every((k) => allowed.includes(k));
  switch (field.type) {
    case 'enum':
    case 'multienum':
      if (only('in')) return ops.in!.split(',').filter(Boolean);
      if (only('eq')) return [ops.eq!];
      return undefined;
    case 'boolean':
      return only('eq') ? ops.eq : undefined;
    case 'integer':
    case 'decimal':
    case 'money':
      return only('gte', 'lte') ? [num(ops.gte), num(ops.lte)] : undefined;
    case 'date':
      return only('gte', 'lte') ? [ops.gte ?? null, ops.lte ?? null] : undefined;
    case 'datetime': {
      if (!only('gte', 'lt')) return undefined;
      const day = (iso: string | undefined, back: number) =>
        iso ? dayjs.utc(iso).tz(tz).subtract(back, 'day').format('YYYY-MM-DD') : null;
      return [day(ops.gte, 0), day(ops.lt, 1)];
    }
    case 'relation':
    case 'user':
      return only('eq') && num(ops.eq) !== null ? num(ops.eq) : undefined;
    case 'region':
      return only('startsWith') ? padRegionCode(ops.startsWith!) : undefined;
    case 'longtext':
    case 'file':
      return undefined;
    default:
      return only('contains') ? ops.contains : undefined;
  }
}

const encode = (filters: Filter[]) => buildListQuery({ filters });

/**
 * Reads a stored query back into list state. A field's conditions go into the filter bar only when
 * its widget would write exactly the same query again; anything else stays a separate condition,
 * so no part of a 场景 is lost or changed by opening it. `widgets` limits the filter bar's fields.
 */
export function parseViewQuery(entity: EntityMeta, query: string, tz: string, widgets?: ReadonlySet<string>): ListViewState {
  const state = emptyViewState();
  const params = new URLSearchParams(query);
  const byField = new Map<string, { ops: Ops; filters: Filter[] }>();
  for (const [key, value] of params) {
    if (key === 'q') state.q = value;
    else if (key === 'sort') state.sort = parseSort(value);
    if (NOT_FILTERS.has(key)) continue;
    const parsed = parseKey(key);
    if (!parsed) continue;
    const entry = byField.get(parsed.field) ?? { ops: {}, filters: [] };
    const filter: Filter = { field: parsed.field, op: parsed.op, value };
    if (entry.ops[parsed.op] !== undefined) {
      // The same operator twice cannot come from one widget.
      state.extra.push(filter);
      continue;
    }
    entry.ops[parsed.op] = value;
    entry.filters.push(filter);
    byField.set(parsed.field, entry);
  }
  for (const [name, { ops, filters }] of byField) {
    const field = resolveField(entity, name);
    const shown = field && isFilterable(field) && (!widgets || widgets.has(name));
    const input = shown ? inputFor(field, ops, tz) : undefined;
    if (field && input !== undefined && encode(filterFromInput(field, input, tz)) === encode(filters)) {
      state.values[name] = input;
    } else {
      state.extra.push(...filters);
    }
  }
  return state;
}

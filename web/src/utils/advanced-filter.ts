// 高级筛选: condition rows (field, operator, value) ⇄ API list filters (API.md operators).
import type { EntityMeta, FieldMeta } from '@/api/types';
import { isFilterable, resolveField } from './fields';
import { filterFromInput, type Filter, type Scalar } from './query';
import { regionPrefix } from './region';

/** Operators a row offers; "range" becomes gte/lte (dates and numbers), "isNull" takes no value. */
export type ConditionOp = 'contains' | 'eq' | 'startsWith' | 'isNull' | 'in' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte' | 'range';

export interface ConditionRow {
  field: string;
  op: ConditionOp;
  /** string for text, string[] for in, number, [lo, hi] for ranges, id for pickers, code for regions. */
  value: unknown;
}

/** Which value widget a row shows. */
export type ValueKind = 'text' | 'options' | 'option' | 'number' | 'numberRange' | 'dateRange' | 'picker' | 'region' | 'boolean' | 'none';

export function operatorsFor(field: FieldMeta): ConditionOp[] {
  switch (field.type) {
    case 'enum':
    case 'multienum':
      return ['in', 'ne'];
    case 'integer':
    case 'decimal':
    case 'money':
      return ['gt', 'gte', 'lt', 'lte', 'range'];
    case 'date':
    case 'datetime':
      return ['range'];
    case 'relation':
    case 'user':
      return ['eq'];
    case 'region':
      return ['startsWith'];
    case 'boolean':
      return ['eq'];
    default:
      return ['contains', 'eq', 'startsWith', 'isNull'];
  }
}

export function valueKind(field: FieldMeta, op: ConditionOp): ValueKind {
  if (op === 'isNull') return 'none';
  switch (field.type) {
    case 'enum':
    case 'multienum':
      return op === 'in' ? 'options' : 'option';
    case 'integer':
    case 'decimal':
    case 'money':
      return op === 'range' ? 'numberRange' : 'number';
    case 'date':
    case 'datetime':
      return 'dateRange';
    case 'relation':
    case 'user':
      return 'picker';
    case 'region':
      return 'region';
    case 'boolean':
      return 'boolean';
    default:
      return 'text';
  }
}

/** Fields a condition can be set on: readable, filterable, system owner/dates included. */
export function conditionFields(entity: EntityMeta): FieldMeta[] {
  const own = entity.fields.filter(isFilterable);
  const system = ['ownerId', 'createdAt', 'updatedAt']
    .filter((n) => n !== 'ownerId' || entity.owned)
    .filter((n) => !own.some((f) => f.name === n))
    .map((n) => resolveField(entity, n))
    .filter((f): f is FieldMeta => f !== null);
  return [...own, ...system];
}

export function newRow(field: FieldMeta): ConditionRow {
  const op = operatorsFor(field)[0];
  return { field: field.name, op, value: emptyValue(valueKind(field, op)) };
}

export function emptyValue(kind: ValueKind): unknown {
  if (kind === 'options') return [];
  if (kind === 'numberRange' || kind === 'dateRange') return [null, null];
  return null;
}

const present = (v: unknown) => v !== null && v !== undefined && v !== '';

/** The API filters of one row; [] while the row is incomplete. `tz` turns local days into UTC. */
export function rowFilters(field: FieldMeta, row: ConditionRow, tz: string): Filter[] {
  const name = field.name;
  const v = row.value;
  if (row.op === 'isNull') return [{ field: name, op: 'isNull', value: true }];
  switch (valueKind(field, row.op)) {
    case 'text': {
      const text = typeof v === 'string' ? v.trim() : '';
      return text ? [{ field: name, op: row.op as Filter['op'], value: text }] : [];
    }
    case 'options': {
      const chosen = Array.isArray(v) ? v.filter(present).map(String) : [];
      return chosen.length ? [{ field: name, op: 'in', value: chosen }] : [];
    }
    case 'option':
    case 'boolean':
      return present(v) ? [{ field: name, op: row.op === 'ne' ? 'ne' : 'eq', value: v as Scalar }] : [];
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) ? [{ field: name, op: row.op as Filter['op'], value: v }] : [];
    case 'numberRange':
    case 'dateRange':
      // The filter bar's range rules: inclusive days, local days for date-times.
      return Array.isArray(v) ? filterFromInput(field, v as (string | number | null)[], tz) : [];
    case 'picker':
      return present(v) ? [{ field: name, op: 'eq', value: Number(v) }] : [];
    case 'region':
      return typeof v === 'string' && v ? [{ field: name, op: 'startsWith', value: regionPrefix(v) }] : [];
    default:
      return [];
  }
}

/** Every complete row's filters, in row order; rows on unknown fields are skipped. */
export function rowsToFilters(entity: EntityMeta, rows: ConditionRow[], tz: string): Filter[] {
  const fields = new Map(conditionFields(entity).map((f) => [f.name, f]));
  return rows.flatMap((r) => {
    const field = fields.get(r.field);
    return field ? rowFilters(field, r, tz) : [];
  });
}

/** Adds `next` to `current`, leaving out exact repeats. */
export function mergeFilters(current: Filter[], next: Filter[]): Filter[] {
  const key = (f: Filter) => JSON.stringify([f.field, f.op, Array.isArray(f.value) ? f.value.map(String) : String(f.value)]);
  const seen = new Set(current.map(key));
  const out = [...current];
  for (const f of next) {
    if (seen.has(key(f))) continue;
    seen.add(key(f));
    out.push(f);
  }
  return out;
}

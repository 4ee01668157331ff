// 合并: which fields a merge may copy from the other record, and which it copies by default.
import type { EntityMeta, FieldMeta, RecordData } from '@/api/types';
import { isEditable, isReadable } from './fields';

/** What a user could type and is not unique (the server refuses the rest with not_mergeable). */
export function mergeableFields(entity: EntityMeta): FieldMeta[] {
  return entity.fields.filter((f) => isEditable(f) && isReadable(f) && !f.unique && !f.masked);
}

export function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

export type MergeChoice =
  /** Empty here, set there: the server fills it in whatever the user ticks. */
  | 'filled'
  /** Both set and different: the user decides (default: keep this record's value). */
  | 'choose'
  /** Nothing to take: the other record's value is empty or the same. */
  | 'none';

export function mergeChoice(into: RecordData, from: RecordData, name: string): MergeChoice {
  const here = into[name];
  const there = from[name];
  if (isEmptyValue(there) || same(here, there)) return 'none';
  return isEmptyValue(here) ? 'filled' : 'choose';
}

/** The default ticks: exactly the fields empty here that the other record has. */
export function defaultTakes(entity: EntityMeta, into: RecordData, from: RecordData): string[] {
  return mergeableFields(entity)
    .filter((f) => mergeChoice(into, from, f.name) === 'filled')
    .map((f) => f.name);
}

/** `moved` of the merge answer as [kind, count] pairs in a stable order, files last. */
export function movedCounts(moved: Record<string, number> | undefined): [string, number][] {
  return Object.entries(moved ?? {})
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .sort(([a], [b]) => (a === 'files' ? 1 : b === 'files' ? -1 : a.localeCompare(b)));
}

// How a record's history entry reads: which `changes` are field changes, and what a merge says.
import type { AuditEntry } from '@/api/types';

export type FieldChange = { from?: unknown; to?: unknown };

/**
 * The rows of the field table. A merge names the record merged in (changes.mergedFrom); the
 * merged-away record names its survivor (changes.into, a number); state changes rewrite some
 * values unchanged (null → null). None of those are rows.
 */
export function auditFieldChanges(item: AuditEntry): [string, FieldChange][] {
  return Object.entries(item.changes ?? {}).filter(([k, c]) => {
    if (!c || typeof c !== 'object' || (item.action === 'merge' && k === 'mergedFrom')) return false;
    return !('from' in c && JSON.stringify(c.from) === JSON.stringify(c.to));
  });
}

/** "合并了 <title>": the title of the record a merge took in, or '' for other entries. */
export function mergedFromTitle(item: AuditEntry): string {
  const m = (item.changes as Record<string, unknown> | undefined)?.mergedFrom as { title?: unknown; id?: unknown } | undefined;
  if (item.action !== 'merge' || !m || typeof m !== 'object') return '';
  return typeof m.title === 'string' && m.title ? m.title : `#${String(m.id ?? '')}`;
}

/** The survivor's id on a merged_into entry, else null. */
export function mergedIntoId(item: AuditEntry): number | null {
  const into = (item.changes as Record<string, unknown> | undefined)?.into;
  return item.action === 'merged_into' && typeof into === 'number' ? into : null;
}

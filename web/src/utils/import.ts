// The import wizard's logic: column mapping, counts and progress, polling a background import.
import type { EntityMeta, FieldMeta, ImportJob, ImportMapping, ImportState } from '@/api/types';
import { isEditable, resolveField } from './fields';

/** The mapping the server detected (header → field or null), as the wizard's editable state. */
export function mappingFromColumns(columns: ImportJob['columns']): ImportMapping {
  return Object.fromEntries(columns.map((c) => [c.header, c.field ?? null]));
}

/** True when the user changed what the server detected, so the dry run must be repeated. */
export function mappingDiffers(columns: ImportJob['columns'], mapping: ImportMapping): boolean {
  return columns.some((c) => (mapping[c.header] || null) !== (c.field || null));
}

/** Every header of the file with its field or null (a cleared select leaves undefined or ''). */
export function completeMapping(columns: ImportJob['columns'], mapping: ImportMapping): ImportMapping {
  return Object.fromEntries(columns.map((c) => [c.header, mapping[c.header] || null]));
}

/**
 * Fields a column may be mapped to: the editable ones (import writes through the record pipeline)
 * and, for owned entities, the owner (the template's 负责人 column).
 */
export function importableFields(entity: EntityMeta): FieldMeta[] {
  const owner = entity.owned ? resolveField(entity, 'ownerId') : null;
  return [...(owner ? [owner] : []), ...entity.fields.filter(isEditable)];
}

/** Fields two or more columns are mapped to (the server would take only one of them). */
export function repeatedFields(mapping: ImportMapping): string[] {
  const count = new Map<string, number>();
  for (const f of Object.values(mapping)) if (f) count.set(f, (count.get(f) ?? 0) + 1);
  return [...count].filter(([, n]) => n > 1).map(([f]) => f);
}

/** Required fields no column is mapped to. */
export function unmappedRequired(entity: EntityMeta, mapping: ImportMapping): FieldMeta[] {
  const mapped = new Set(Object.values(mapping).filter(Boolean));
  return importableFields(entity).filter((f) => f.required && !mapped.has(f.name));
}

export interface ImportCounts {
  total: number;
  /** Rows with at least one error (a row may have several). */
  failedRows: number;
  okRows: number;
}

export function importCounts(job: Pick<ImportJob, 'total' | 'errors' | 'errorCount'>): ImportCounts {
  const failedRows = Math.max(new Set(job.errors.map((e) => e.row)).size, job.errorCount ?? 0);
  return { total: job.total, failedRows, okRows: Math.max(0, job.total - failedRows) };
}

export function isFinished(state: ImportState): boolean {
  return state === 'done' || state === 'failed';
}

/** 0–100 for the progress bar; a finished job is 100 whatever its counts. */
export function progressPercent(job: Pick<ImportJob, 'state' | 'total' | 'processed'>): number {
  if (isFinished(job.state)) return 100;
  if (!job.total || job.total <= 0) return 0;
  return Math.min(99, Math.max(0, Math.floor((job.processed / job.total) * 100)));
}

export interface PollOptions {
  intervalMs?: number;
  signal?: AbortSignal;
  onUpdate?: (job: ImportJob) => void;
  /** For tests; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Asks `get` for the job until it is done or failed (or the signal aborts: AbortError). */
export async function pollImport(job: ImportJob, get: (id: ImportJob['id']) => Promise<ImportJob>, options: PollOptions = {}): Promise<ImportJob> {
  const sleep = options.sleep ?? defaultSleep;
  let current = job;
  options.onUpdate?.(current);
  while (!isFinished(current.state)) {
    await sleep(options.intervalMs ?? 800);
    if (options.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    current = await get(current.id);
    options.onUpdate?.(current);
  }
  return current;
}

import { apiUrl, request } from './client';
import type { ImportJob, ImportMapping, ImportMode } from './types';

const seg = (s: string | number) => encodeURIComponent(String(s));

/** The import template (headers in the caller's language, required ones marked "*"). */
export function importTemplateUrl(entity: string, format: 'csv' | 'xlsx'): string {
  return apiUrl(`/${seg(entity)}/import-template`, { format });
}

export interface ImportParams {
  mode: ImportMode;
  dryRun: boolean;
  onDuplicate: 'skip' | 'create';
  /** Omitted: the server maps headers to fields itself (and reports it in `columns`). */
  mapping?: ImportMapping;
  name?: string;
}

/** Content type of an upload by its name; the server also sniffs the body. */
export function importContentType(fileName: string): string {
  return /\.xlsx$/i.test(fileName)
    ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    : 'text/csv';
}

/**
 * Sends the raw file. 200 with the finished job, or 202 with state "running" for big files: then
 * poll `getImport` until it is done or failed.
 */
export function startImport(entity: string, file: Blob, params: ImportParams): Promise<ImportJob> {
  return request(`/${seg(entity)}/import`, {
    method: 'POST',
    query: {
      mode: params.mode,
      dryRun: String(params.dryRun),
      onDuplicate: params.onDuplicate,
      mapping: params.mapping ? JSON.stringify(params.mapping) : undefined,
      name: params.name,
    },
    rawBody: file,
    contentType: importContentType(params.name ?? ''),
  });
}

export function getImport(id: number | string): Promise<ImportJob> {
  return request(`/imports/${seg(id)}`);
}

/** The rejected rows as a workbook whose first column is the reason. */
export function importErrorsUrl(id: number | string): string {
  return apiUrl(`/imports/${seg(id)}/errors`, { format: 'xlsx' });
}

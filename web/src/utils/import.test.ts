import { describe, expect, it } from 'vitest';
import type { EntityMeta, ImportJob } from '@/api/types';
import {
  completeMapping, importCounts, importableFields, mappingDiffers, mappingFromColumns, pollImport, progressPercent, repeatedFields, unmappedRequired,
} from './import';

const job = (over: Partial<ImportJob> = {}): ImportJob => ({
  id: 9, entity: 'customers', state: 'done', dryRun: true, mode: 'create', total: 3, processed: 3, created: 0, updated: 0,
  skipped: 0, errors: [], columns: [{ header: '*客户名称', field: 'name' }, { header: '电话', field: 'phone' }, { header: '备用', field: null }], ...over,
});
const entity: EntityMeta = {
  name: 'customers', labels: {}, owned: true, searchable: true, titleField: 'name', listColumns: [], actions: [],
  fields: [
    { name: 'name', type: 'text', labels: {}, required: true },
    { name: 'phone', type: 'phone', labels: {} },
    { name: 'reviewState', type: 'enum', labels: {}, readOnly: true },
    { name: 'code', type: 'text', labels: {}, required: true },
  ],
};

describe('column mapping', () => {
  it('starts from what the server detected and notices edits', () => {
    const m = mappingFromColumns(job().columns);
    expect(m).toEqual({ '*客户名称': 'name', 电话: 'phone', 备用: null });
    expect(mappingDiffers(job().columns, m)).toBe(false);
    expect(mappingDiffers(job().columns, { ...m, 备用: 'code' })).toBe(true);
    expect(mappingDiffers(job().columns, { ...m, 电话: null })).toBe(true);
    expect(mappingDiffers(job().columns, { ...m, 备用: '' })).toBe(false);
  });
  it('sends every header, cleared ones as null', () => {
    const cleared = { '*客户名称': 'name', 电话: '' } as Record<string, string | null>;
    expect(completeMapping(job().columns, cleared)).toEqual({ '*客户名称': 'name', 电话: null, 备用: null });
  });
  it('offers editable fields only and reports repeats and unmapped required fields', () => {
    expect(importableFields(entity).map((f) => f.name)).toEqual(['ownerId', 'name', 'phone', 'code']);
    expect(importableFields({ ...entity, owned: false }).map((f) => f.name)).toEqual(['name', 'phone', 'code']);
    expect(repeatedFields({ a: 'name', b: 'name', c: 'phone', d: null })).toEqual(['name']);
    expect(unmappedRequired(entity, { a: 'name', b: null }).map((f) => f.name)).toEqual(['code']);
  });
});

describe('counts and progress', () => {
  it('counts rows with errors once', () => {
    const errors = [{ row: 2, message: 'a' }, { row: 2, message: 'b' }, { row: 4, message: 'c' }];
    expect(importCounts(job({ total: 5, errors }))).toEqual({ total: 5, failedRows: 2, okRows: 3 });
    // The server may list only the first errors and count them all.
    expect(importCounts(job({ total: 500, errors, errorCount: 120 }))).toEqual({ total: 500, failedRows: 120, okRows: 380 });
  });
  it('reports progress without claiming 100 before the end', () => {
    expect(progressPercent(job({ state: 'running', total: 200, processed: 50 }))).toBe(25);
    expect(progressPercent(job({ state: 'running', total: 200, processed: 200 }))).toBe(99);
    expect(progressPercent(job({ state: 'running', total: 0, processed: 0 }))).toBe(0);
    expect(progressPercent(job({ state: 'done', total: 0, processed: 0 }))).toBe(100);
    expect(progressPercent(job({ state: 'failed', total: 10, processed: 3 }))).toBe(100);
  });
});

describe('pollImport', () => {
  it('polls until done and reports each step', async () => {
    const answers = [job({ state: 'running', processed: 2 }), job({ state: 'done', processed: 3, created: 3 })];
    const seen: number[] = [];
    const ids: unknown[] = [];
    const done = await pollImport(job({ state: 'running', processed: 0 }), async (id) => { ids.push(id); return answers.shift()!; }, {
      sleep: async () => undefined,
      onUpdate: (j) => seen.push(j.processed),
    });
    expect(done.created).toBe(3);
    expect(seen).toEqual([0, 2, 3]);
    expect(ids).toEqual([9, 9]);
  });
  it('returns a finished job without asking', async () => {
    const done = await pollImport(job(), async () => { throw new Error('asked'); });
    expect(done.state).toBe('done');
  });
  it('stops with AbortError when aborted', async () => {
    const controller = new AbortController();
    const p = pollImport(job({ state: 'running' }), async () => job({ state: 'running' }), {
      signal: controller.signal,
      sleep: async () => { controller.abort(); },
    });
    await expect(p).rejects.toThrow('aborted');
  });
});

import { describe, expect, it } from 'vitest';
import type { EntityMeta, FieldMeta } from '@/api/types';
import { applyColumnList, defaultColumns, mergeColumns, moveColumn, setColumnWidth, visibleColumns } from './columns';

const f = (name: string, extra: Partial<FieldMeta> = {}): FieldMeta => ({ name, type: 'text', labels: {}, ...extra });
const entity = (fields: FieldMeta[], listColumns: string[]): EntityMeta => ({
  name: 'customers', labels: {}, owned: true, searchable: true, titleField: 'name', listColumns, actions: [], fields,
});
const base = entity([f('name'), f('code'), f('phone'), f('email')], ['code', 'name', 'phone', 'ownerId']);

describe('column settings', () => {
  it('defaults to the list columns, the rest hidden after them', () => {
    const d = defaultColumns(base);
    expect(visibleColumns(d)).toEqual(['code', 'name', 'phone', 'ownerId']);
    expect(d.map((c) => c.name)).toEqual(['code', 'name', 'phone', 'ownerId', 'email', 'createdAt', 'updatedAt', 'createdById', 'updatedById']);
  });

  it('keeps the saved order, visibility and width', () => {
    const saved = [
      { name: 'phone', visible: true, width: 160 },
      { name: 'name', visible: true },
      { name: 'code', visible: false },
    ];
    const m = mergeColumns(saved, base);
    expect(m.slice(0, 3)).toEqual([{ name: 'phone', visible: true, width: 160 }, { name: 'name', visible: true }, { name: 'code', visible: false }]);
    // Not in the saved list: appended with their default visibility.
    expect(visibleColumns(m)).toEqual(['phone', 'name', 'ownerId']);
  });

  it('drops removed or unreadable fields and appends new ones', () => {
    const saved = [{ name: 'fax', visible: true }, { name: 'email', visible: true }, { name: 'name', visible: true }];
    const changed = entity([f('name'), f('email', { readable: false }), f('region', { type: 'region' })], ['name', 'region']);
    const m = mergeColumns(saved, changed);
    expect(m.map((c) => c.name)).not.toContain('fax');
    expect(m.map((c) => c.name)).not.toContain('email');
    expect(visibleColumns(m)).toEqual(['name', 'region']);
  });

  it('always shows the title column and survives garbage', () => {
    expect(visibleColumns(mergeColumns([{ name: 'name', visible: false }, { name: 'code', visible: true }], base))).toContain('name');
    expect(mergeColumns('nonsense', base)).toEqual(defaultColumns(base));
    expect(mergeColumns([null, 3, { name: 5 }], base)).toEqual(defaultColumns(base));
    const m = mergeColumns([{ name: 'code', visible: true, width: 5 }, { name: 'code', visible: false }], base);
    expect(m.filter((c) => c.name === 'code')).toEqual([{ name: 'code', visible: true, width: 60 }]);
  });

  it('applies a 场景 column list, moves and resizes', () => {
    const d = mergeColumns([{ name: 'phone', visible: true, width: 150 }], base);
    const v = applyColumnList(d, ['email', 'phone', 'gone'], base);
    expect(visibleColumns(v)).toEqual(['email', 'phone', 'name']);
    expect(v.find((c) => c.name === 'phone')?.width).toBe(150);
    expect(moveColumn(d, 1, -1).map((c) => c.name).slice(0, 2)).toEqual([d[1].name, d[0].name]);
    expect(moveColumn(d, 0, -1)).toBe(d);
    expect(setColumnWidth(d, 'phone', 2000).find((c) => c.name === 'phone')?.width).toBe(800);
  });
});

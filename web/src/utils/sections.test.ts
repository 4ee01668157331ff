import { describe, expect, it } from 'vitest';
import type { EntityMeta, FieldMeta } from '@/api/types';
import { groupFields } from './sections';

const f = (name: string): FieldMeta => ({ name, type: 'text', labels: {} });
const entity = (sections?: EntityMeta['sections']): EntityMeta => ({
  name: 'customers', labels: {}, owned: true, searchable: true, titleField: 'name', listColumns: [], actions: [],
  fields: ['name', 'code', 'phone', 'remarks', 'extra'].map(f), sections,
});

describe('groupFields', () => {
  it('follows the section order and puts unplaced fields last', () => {
    const e = entity([
      { name: 'contact', labels: { 'zh-CN': '联系方式' }, fields: ['phone'] },
      { name: 'basic', labels: { 'zh-CN': '基本信息' }, fields: ['code', 'name'] },
    ]);
    const groups = groupFields(e, e.fields);
    expect(groups.map((g) => [g.name, g.fields.map((x) => x.name)])).toEqual([
      ['contact', ['phone']],
      ['basic', ['code', 'name']],
      ['_other', ['remarks', 'extra']],
    ]);
    expect(groups[2].labels).toBeNull();
  });

  it('skips fields not passed in (not editable, hidden) and empty sections', () => {
    const e = entity([
      { name: 'basic', labels: {}, fields: ['name', 'ghost'] },
      { name: 'review', labels: {}, fields: ['ghost'] },
    ]);
    const groups = groupFields(e, [f('name'), f('phone')]);
    expect(groups.map((g) => g.name)).toEqual(['basic', '_other']);
    expect(groups[1].fields.map((x) => x.name)).toEqual(['phone']);
  });

  it('lists a field only once when two sections name it', () => {
    const e = entity([
      { name: 'a', labels: {}, fields: ['name'] },
      { name: 'b', labels: {}, fields: ['name', 'code'] },
    ]);
    expect(groupFields(e, e.fields).map((g) => g.fields.map((x) => x.name))).toEqual([['name'], ['code'], ['phone', 'remarks', 'extra']]);
  });

  it('gives one unlabelled group without sections', () => {
    const e = entity(undefined);
    expect(groupFields(e, e.fields)).toEqual([{ name: '_other', labels: null, fields: e.fields }]);
  });
});

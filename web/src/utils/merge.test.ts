import { describe, expect, it } from 'vitest';
import type { EntityMeta, RecordData } from '@/api/types';
import { defaultTakes, mergeChoice, mergeableFields, movedCounts } from './merge';

const entity: EntityMeta = {
  name: 'customers', labels: {}, owned: true, searchable: true, titleField: 'name', listColumns: [], actions: [],
  fields: [
    { name: 'name', type: 'text', labels: {}, required: true },
    { name: 'code', type: 'text', labels: {}, unique: true },
    { name: 'phone', type: 'phone', labels: {} },
    { name: 'email', type: 'email', labels: {} },
    { name: 'brands', type: 'multienum', labels: {} },
    { name: 'reviewState', type: 'enum', labels: {}, readOnly: true },
    { name: 'ownerId', type: 'user', labels: {}, editable: true },
    { name: 'mobile', type: 'phone', labels: {}, masked: true },
  ],
};
const rec = (v: Record<string, unknown>): RecordData => ({ id: 1, version: 1, createdAt: '', updatedAt: '', ...v });

describe('merge', () => {
  it('offers editable, non-unique, non-system, unmasked fields', () => {
    expect(mergeableFields(entity).map((f) => f.name)).toEqual(['name', 'phone', 'email', 'brands']);
  });

  it('classifies each field', () => {
    const into = rec({ name: '甲', phone: '', email: 'a@x.cn', brands: [] });
    const from = rec({ name: '乙', phone: '010-1', email: 'a@x.cn', brands: ['x'] });
    expect(mergeChoice(into, from, 'name')).toBe('choose');
    expect(mergeChoice(into, from, 'phone')).toBe('filled');
    expect(mergeChoice(into, from, 'email')).toBe('none');
    expect(mergeChoice(into, from, 'brands')).toBe('filled');
    expect(mergeChoice(from, into, 'phone')).toBe('none');
  });

  it('ticks only the fields empty here by default', () => {
    const into = rec({ name: '甲', phone: null, email: null, brands: ['y'] });
    const from = rec({ name: '乙', phone: '010-1', email: null, brands: ['x'] });
    expect(defaultTakes(entity, into, from)).toEqual(['phone']);
  });

  it('lists moved counts with files last and zeros dropped', () => {
    expect(movedCounts({ files: 1, customers: 1, contacts: 2, leads: 0 })).toEqual([
      ['contacts', 2], ['customers', 1], ['files', 1],
    ]);
    expect(movedCounts(undefined)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { EntityMeta, FieldMeta } from '@/api/types';
import { conditionFields, mergeFilters, newRow, operatorsFor, rowsToFilters, valueKind } from './advanced-filter';
import { buildListQuery } from './query';

const f = (name: string, type: FieldMeta['type'], over: Partial<FieldMeta> = {}): FieldMeta => ({ name, type, labels: {}, ...over });
const entity: EntityMeta = {
  name: 'customers', labels: {}, owned: true, searchable: true, titleField: 'name', listColumns: [], actions: [],
  fields: [
    f('name', 'text'), f('category', 'enum'), f('revenue', 'money'), f('employees', 'integer'), f('foundedOn', 'date'),
    f('reviewedAt', 'datetime'), f('parentCompanyId', 'relation', { target: 'customers' }), f('region', 'region'),
    f('remarks', 'longtext'), f('secret', 'text', { readable: false }),
  ],
};
const query = (rows: Parameters<typeof rowsToFilters>[1]) => decodeURIComponent(buildListQuery({ filters: rowsToFilters(entity, rows, 'Asia/Shanghai') }));

describe('operators by field type', () => {
  it('offers text, enum, number, date, relation and region operators', () => {
    expect(operatorsFor(f('x', 'text'))).toEqual(['contains', 'eq', 'startsWith', 'isNull']);
    expect(operatorsFor(f('x', 'phone'))).toEqual(['contains', 'eq', 'startsWith', 'isNull']);
    expect(operatorsFor(f('x', 'enum'))).toEqual(['in', 'ne']);
    expect(operatorsFor(f('x', 'money'))).toEqual(['gt', 'gte', 'lt', 'lte', 'range']);
    expect(operatorsFor(f('x', 'datetime'))).toEqual(['range']);
    expect(operatorsFor(f('x', 'user'))).toEqual(['eq']);
    expect(operatorsFor(f('x', 'region'))).toEqual(['startsWith']);
    expect(valueKind(f('x', 'enum'), 'ne')).toBe('option');
    expect(valueKind(f('x', 'text'), 'isNull')).toBe('none');
  });
  it('lists readable fields plus owner and dates, not longtext or hidden ones', () => {
    const names = conditionFields(entity).map((x) => x.name);
    expect(names).toContain('ownerId');
    expect(names).toContain('createdAt');
    expect(names).not.toContain('remarks');
    expect(names).not.toContain('secret');
  });
  it('starts a row with the first operator and an empty value', () => {
    expect(newRow(f('category', 'enum'))).toEqual({ field: 'category', op: 'in', value: [] });
    expect(newRow(f('revenue', 'money'))).toEqual({ field: 'revenue', op: 'gt', value: null });
  });
});

describe('rows to API filters', () => {
  it('maps text operators and trims', () => {
    expect(query([{ field: 'name', op: 'contains', value: ' 网联 ' }])).toBe('name[contains]=网联');
    expect(query([{ field: 'name', op: 'eq', value: '北京' }])).toBe('name=北京');
    expect(query([{ field: 'name', op: 'startsWith', value: '北京' }])).toBe('name[startsWith]=北京');
    expect(query([{ field: 'name', op: 'isNull', value: null }])).toBe('name[isNull]=true');
  });
  it('maps enum in / ne', () => {
    expect(query([{ field: 'category', op: 'in', value: ['current', 'partner'] }])).toBe('category[in]=current,partner');
    expect(query([{ field: 'category', op: 'ne', value: 'agent' }])).toBe('category[ne]=agent');
  });
  it('maps number comparisons and ranges', () => {
    expect(query([{ field: 'employees', op: 'gt', value: 100 }])).toBe('employees[gt]=100');
    expect(query([{ field: 'revenue', op: 'range', value: [10, 20] }])).toBe('revenue[gte]=10&revenue[lte]=20');
    expect(query([{ field: 'revenue', op: 'range', value: [null, 20] }])).toBe('revenue[lte]=20');
  });
  it('maps date ranges inclusively and date-times as local days in UTC', () => {
    expect(query([{ field: 'foundedOn', op: 'range', value: ['2020-01-01', '2020-12-31'] }])).toBe('foundedOn[gte]=2020-01-01&foundedOn[lte]=2020-12-31');
    expect(query([{ field: 'reviewedAt', op: 'range', value: ['2024-03-01', '2024-03-01'] }])).toBe(
      'reviewedAt[gte]=2024-02-29T16:00:00.000Z&reviewedAt[lt]=2024-03-01T16:00:00.000Z',
    );
  });
  it('maps pickers to ids and regions to a 2/4/6-digit prefix', () => {
    expect(query([{ field: 'parentCompanyId', op: 'eq', value: 7 }])).toBe('parentCompanyId=7');
    expect(query([{ field: 'ownerId', op: 'eq', value: '3' }])).toBe('ownerId=3');
    expect(query([{ field: 'region', op: 'startsWith', value: '440000' }])).toBe('region[startsWith]=44');
    expect(query([{ field: 'region', op: 'startsWith', value: '440300' }])).toBe('region[startsWith]=4403');
  });
  it('skips incomplete rows and unknown fields', () => {
    expect(query([
      { field: 'name', op: 'contains', value: '  ' },
      { field: 'category', op: 'in', value: [] },
      { field: 'employees', op: 'gt', value: null },
      { field: 'nope', op: 'eq', value: 'x' },
    ])).toBe('');
  });
  it('merges without repeating a condition', () => {
    const a = { field: 'name', op: 'contains' as const, value: '网联' };
    const b = { field: 'category', op: 'in' as const, value: ['a', 'b'] };
    expect(mergeFilters([a], [a, b, { ...b }])).toEqual([a, b]);
  });
});

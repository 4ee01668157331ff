import { describe, expect, it } from 'vitest';
import type { EntityMeta, FieldMeta } from '@/api/types';
import { filterBarFields, parseSort, parseViewQuery, toViewQuery } from './view-query';

const f = (name: string, type: FieldMeta['type'], extra: Partial<FieldMeta> = {}): FieldMeta => ({ name, type, labels: {}, ...extra });
const entity: EntityMeta = {
  name: 'customers',
  labels: {},
  owned: true,
  searchable: true,
  titleField: 'name',
  listColumns: ['name', 'category', 'phone', 'region', 'since', 'revenue'],
  actions: ['read'],
  fields: [
    f('name', 'text'),
    f('category', 'enum', { options: [{ value: 'current', labels: {} }, { value: 'partner', labels: {} }] }),
    f('phone', 'phone'),
    f('region', 'region'),
    f('since', 'date'),
    f('revenue', 'money'),
    f('remarks', 'longtext'),
    f('secret', 'text', { readable: false }),
  ],
};
const TZ = 'Asia/Shanghai';
const decode = (qs: string) => decodeURIComponent(qs);

describe('parseViewQuery', () => {
  it('puts conditions the filter bar can show into its inputs', () => {
    const s = parseViewQuery(entity, 'category=current&sort=-name&q=网联&phone[contains]=138&region[startsWith]=11', TZ);
    expect(s.q).toBe('网联');
    expect(s.sort).toEqual([{ field: 'name', order: 'desc' }]);
    expect(s.values).toEqual({ category: ['current'], phone: '138', region: '110000' });
    expect(s.extra).toEqual([]);
  });

  it('reads ranges, owners and multi-value enums', () => {
    const s = parseViewQuery(entity, 'category[in]=current,partner&since[gte]=2024-01-01&since[lte]=2024-03-31&revenue[gte]=100&ownerId=7', TZ);
    expect(s.values).toEqual({
      category: ['current', 'partner'],
      since: ['2024-01-01', '2024-03-31'],
      revenue: [100, null],
      ownerId: 7,
    });
  });

  it('turns datetime bounds back into local days', () => {
    const s = parseViewQuery(entity, 'updatedAt[gte]=2026-01-31T16:00:00.000Z&updatedAt[lt]=2026-02-02T16:00:00.000Z', TZ);
    expect(s.values.updatedAt).toEqual(['2026-02-01', '2026-02-02']);
  });

  it('keeps what no widget produces as separate conditions', () => {
    const s = parseViewQuery(entity, 'ownerId[in]=2,3&name[startsWith]=北京&phone[isNull]=true&nosuch=1&secret[contains]=x', TZ);
    expect(s.values).toEqual({});
    expect(s.extra).toEqual([
      { field: 'ownerId', op: 'in', value: '2,3' },
      { field: 'name', op: 'startsWith', value: '北京' },
      { field: 'phone', op: 'isNull', value: 'true' },
      { field: 'nosuch', op: 'eq', value: '1' },
      { field: 'secret', op: 'contains', value: 'x' },
    ]);
  });

  it('leaves fields without a widget as conditions when the widgets are given', () => {
    const s = parseViewQuery(entity, 'category=current&phone[contains]=138', TZ, new Set(['category']));
    expect(s.values).toEqual({ category: ['current'] });
    expect(s.extra).toEqual([{ field: 'phone', op: 'contains', value: '138' }]);
  });

  it('ignores paging and export parameters', () => {
    const s = parseViewQuery(entity, 'page=3&pageSize=50&format=csv&category=partner', TZ);
    expect(s.values).toEqual({ category: ['partner'] });
    expect(s.extra).toEqual([]);
  });
});

describe('toViewQuery', () => {
  it('round-trips every kind of condition unchanged', () => {
    const queries = [
      'sort=-name&q=网联&category[in]=current,partner',
      'category[in]=current&since[gte]=2024-01-01&since[lte]=2024-03-31&region[startsWith]=1101&ownerId=7',
      'sort=name,-createdAt&updatedAt[gte]=2026-01-31T16:00:00.000Z&updatedAt[lt]=2026-02-02T16:00:00.000Z',
      'ownerId[in]=2,3&phone[isNull]=true&revenue[gte]=100&revenue[lte]=500',
    ];
    for (const q of queries) {
      const state = parseViewQuery(entity, q, TZ);
      const params = (s: string) => [...new URLSearchParams(s)].map((p) => p.join('=')).sort();
      expect(params(toViewQuery(entity, state, TZ)), q).toEqual(params(q));
    }
  });

  it('adds the scene filters and never paging', () => {
    const qs = toViewQuery(entity, { q: '', sort: [], values: { phone: '010' }, extra: [] }, TZ, [
      { field: 'ownerId', op: 'eq', value: 1 },
    ]);
    expect(decode(qs)).toBe('phone[contains]=010&ownerId=1');
  });
});

describe('parseSort / filterBarFields', () => {
  it('parses the sort syntax', () => {
    expect(parseSort('name,-updatedAt,,-')).toEqual([
      { field: 'name', order: 'asc' },
      { field: 'updatedAt', order: 'desc' },
    ]);
  });

  it('offers list columns but the title, plus the owner', () => {
    expect(filterBarFields(entity).map((x) => x.name)).toEqual(['category', 'phone', 'region', 'since', 'revenue', 'ownerId']);
    const narrow = { ...entity, listColumns: ['name', 'phone', 'remarks', 'id'] };
    expect(filterBarFields(narrow).map((x) => x.name)).toEqual(['phone', 'ownerId']);
  });

  it('puts the quick filters first, once each, skipping unknown and unreadable fields', () => {
    const quick = { ...entity, quickFilters: ['revenue', 'ownerId', 'secret', 'nope', 'category'] };
    expect(filterBarFields(quick).map((x) => x.name)).toEqual(['revenue', 'ownerId', 'category', 'phone', 'region', 'since']);
  });
});

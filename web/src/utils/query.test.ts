import { describe, expect, it } from 'vitest';
import type { FieldMeta } from '@/api/types';
import { buildListQuery, filterFromInput, sortParam } from './query';

const field = (name: string, type: FieldMeta['type']): FieldMeta => ({ name, type, labels: {} });
const decode = (qs: string) => decodeURIComponent(qs);

describe('buildListQuery', () => {
  it('writes paging, sort, quick search and filters in the API syntax', () => {
    const qs = buildListQuery({
      page: 2,
      pageSize: 50,
      sort: [{ field: 'name', order: 'asc' }, { field: 'createdAt', order: 'desc' }],
      q: '  网联 ',
      filters: [
        { field: 'category', op: 'in', value: ['current', 'partner'] },
        { field: 'ownerId', op: 'eq', value: 7 },
        { field: 'name', op: 'contains', value: '北京' },
        { field: 'email', op: 'isNull', value: true },
      ],
    });
    expect(decode(qs)).toBe(
      'page=2&pageSize=50&sort=name,-createdAt&q=网联&category[in]=current,partner&ownerId=7&name[contains]=北京&email[isNull]=true',
    );
  });

  it('asks for each field once, after the filters', () => {
    const qs = buildListQuery({ page: 1, filters: [{ field: 'ownerId', op: 'eq', value: 7 }], fields: ['name', 'code', 'name'] });
    expect(decode(qs)).toBe('page=1&ownerId=7&fields=name,code');
    expect(buildListQuery({ fields: [] })).toBe('');
  });

  it('drops empty values and the recycle-bin flag comes first', () => {
    const qs = buildListQuery({
      deleted: true,
      q: '   ',
      filters: [
        { field: 'a', op: 'eq', value: '' },
        { field: 'b', op: 'in', value: [] },
      ],
    });
    expect(qs).toBe('deleted=true');
  });

  it('escapes reserved characters in values', () => {
    expect(buildListQuery({ filters: [{ field: 'name', op: 'startsWith', value: 'A&B=C' }] })).toBe(
      'name%5BstartsWith%5D=A%26B%3DC',
    );
  });

  it('formats sort lists', () => {
    expect(sortParam([{ field: 'code', order: 'desc' }])).toBe('-code');
  });
});

describe('filterFromInput', () => {
  const tz = 'Asia/Shanghai';

  it('text fields filter by contains', () => {
    expect(filterFromInput(field('name', 'text'), ' 科技 ', tz)).toEqual([{ field: 'name', op: 'contains', value: '科技' }]);
    expect(filterFromInput(field('name', 'text'), '  ', tz)).toEqual([]);
  });

  it('enum selections become in-lists, single values equality', () => {
    expect(filterFromInput(field('category', 'enum'), ['a', 'b'], tz)).toEqual([{ field: 'category', op: 'in', value: ['a', 'b'] }]);
    expect(filterFromInput(field('category', 'enum'), 'a', tz)).toEqual([{ field: 'category', op: 'eq', value: 'a' }]);
    expect(filterFromInput(field('category', 'enum'), [], tz)).toEqual([]);
  });

  it('number ranges use gte/lte and allow open ends', () => {
    expect(filterFromInput(field('size', 'integer'), [10, 20], tz)).toEqual([
      { field: 'size', op: 'gte', value: 10 },
      { field: 'size', op: 'lte', value: 20 },
    ]);
    expect(filterFromInput(field('size', 'integer'), [null, 5], tz)).toEqual([{ field: 'size', op: 'lte', value: 5 }]);
  });

  it('date ranges are inclusive calendar days', () => {
    expect(filterFromInput(field('foundedOn', 'date'), ['2026-01-01', '2026-01-31'], tz)).toEqual([
      { field: 'foundedOn', op: 'gte', value: '2026-01-01' },
      { field: 'foundedOn', op: 'lte', value: '2026-01-31' },
    ]);
  });

  it('datetime ranges cover whole local days in the user zone, sent as UTC', () => {
    expect(filterFromInput(field('createdAt', 'datetime'), ['2026-11-22', '2026-11-22'], tz)).toEqual([
      { field: 'createdAt', op: 'gte', value: '2026-11-21T16:00:00.000Z' },
      { field: 'createdAt', op: 'lt', value: '2026-11-22T16:00:00.000Z' },
    ]);
  });

  it('owner and relation filters match the id; booleans parse', () => {
    expect(filterFromInput(field('ownerId', 'user'), 3, tz)).toEqual([{ field: 'ownerId', op: 'eq', value: 3 }]);
    expect(filterFromInput(field('vip', 'boolean'), 'false', tz)).toEqual([{ field: 'vip', op: 'eq', value: false }]);
  });

  it('round-trips through the query string', () => {
    const filters = filterFromInput(field('amount', 'money'), [100, null], tz);
    expect(decode(buildListQuery({ filters }))).toBe('amount[gte]=100');
  });
});

import { describe, expect, it } from 'vitest';
import { regionData } from 'element-china-area-data';
import { padRegionCode, regionLabel, regionLevel, regionNames, regionPrefix, toCascaderOptions } from './region';
import { filterFromInput } from './query';

describe('region codes', () => {
  it('pads the area data codes to 6 digits', () => {
    expect(padRegionCode('11')).toBe('110000');
    expect(padRegionCode('1101')).toBe('110100');
    expect(padRegionCode('110105')).toBe('110105');
  });

  it('knows the level and the filter prefix of a code', () => {
    expect([regionLevel('110000'), regionLevel('110100'), regionLevel('110105')]).toEqual([1, 2, 3]);
    expect([regionPrefix('440000'), regionPrefix('440300'), regionPrefix('440305')]).toEqual(['44', '4403', '440305']);
  });

  it('filters a list by prefix', () => {
    const field = { name: 'region', type: 'region' as const, labels: {} };
    expect(filterFromInput(field, '110000', 'Asia/Shanghai')).toEqual([{ field: 'region', op: 'startsWith', value: '11' }]);
    expect(filterFromInput(field, '', 'Asia/Shanghai')).toEqual([]);
  });
});

describe('region labels', () => {
  it('joins the names without the filler levels', () => {
    expect(regionLabel({ code: '110105', names: ['北京市', '市辖区', '朝阳区'] })).toBe('北京市 / 朝阳区');
    expect(regionLabel({ code: '500229', names: ['重庆市', '县', '城口县'] })).toBe('重庆市 / 城口县');
    expect(regionLabel({ code: '440305', names: ['广东省', '深圳市', '南山区'] })).toBe('广东省 / 深圳市 / 南山区');
  });

  it('falls back to the code and ignores non-regions', () => {
    expect(regionLabel({ code: '110105' })).toBe('110105');
    expect(regionLabel(null)).toBe('');
    expect(regionLabel('110105')).toBe('');
  });
});

describe('cascader options from element-china-area-data', () => {
  const options = toCascaderOptions(regionData);

  it('uses unique 6-digit values at every level', () => {
    const seen = new Set<string>();
    const walk = (nodes: typeof options) => {
      for (const n of nodes) {
        expect(n.value).toMatch(/^\d{6}$/);
        expect(seen.has(n.value), n.value).toBe(false);
        seen.add(n.value);
        if (n.children) walk(n.children);
      }
    };
    walk(options);
    expect(seen.size).toBeGreaterThan(3000);
  });

  it('finds the names of a code as chosen', () => {
    expect(regionNames(options, '110105')).toEqual(['北京市', '市辖区', '朝阳区']);
    expect(regionNames(options, '440300')).toEqual(['广东省', '深圳市']);
    expect(regionNames(options, '999999')).toEqual([]);
    // 东莞 has towns, not counties, below it: the city is the most specific level.
    expect(regionNames(options, '441900')).toEqual(['广东省', '东莞市']);
    expect(options.find((p) => p.value === '440000')?.children?.find((c) => c.value === '441900')?.children).toBeUndefined();
  });
});

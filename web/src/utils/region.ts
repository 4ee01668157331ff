// Regions (GB/T 2260): 6-digit codes, 2 digits per level (province, city, county).
import type { Region } from '@/api/types';

export interface RegionNode {
  value: string;
  label: string;
  children?: RegionNode[];
}

/** Names left out when a region is shown: placeholders of the city level under municipalities. */
const FILLER_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

/** element-china-area-data writes 2/4/6 digits ("11", "1101", "110105"); the API wants 6. */
export function padRegionCode(code: string): string {
  return code.length >= 6 ? code.slice(0, 6) : code.padEnd(6, '0');
}

/** 1 = province (xx0000), 2 = city (xxxx00), 3 = county. */
export function regionLevel(code: string): 1 | 2 | 3 {
  const c = padRegionCode(code);
  if (c.endsWith('0000')) return 1;
  if (c.endsWith('00')) return 2;
  return 3;
}

/** The prefix a list filter sends: 2 digits for a province, 4 for a city, 6 for a county. */
export function regionPrefix(code: string): string {
  const c = padRegionCode(code);
  return c.slice(0, regionLevel(c) * 2);
}

/** "北京市 / 朝阳区": the names as chosen, without the filler levels. */
export function regionLabel(value: unknown, separator = ' / '): string {
  if (!value || typeof value !== 'object') return '';
  const { code, names } = value as Partial<Region>;
  const shown = (Array.isArray(names) ? names : []).filter((n) => typeof n === 'string' && n && !FILLER_NAMES.has(n));
  if (shown.length) return shown.join(separator);
  return typeof code === 'string' ? code : '';
}

/**
 * The same tree with 6-digit values, as the cascader's options (so its value is an API code).
 * Cities without counties (东莞, 中山, 嘉峪关, 儋州) list 9-digit towns, which GB/T 2260 does not
 * code: they are left out and the city is the leaf.
 */
export function toCascaderOptions(nodes: readonly RegionNode[]): RegionNode[] {
  return nodes
    .filter((n) => n.value.length <= 6)
    .map((n) => {
      const children = n.children?.length ? toCascaderOptions(n.children) : [];
      return { value: padRegionCode(n.value), label: n.label, ...(children.length ? { children } : {}) };
    });
}

/** Names along the path to `code` in a padded tree, or [] when the code is not in it. */
export function regionNames(nodes: readonly RegionNode[], code: string): string[] {
  for (const n of nodes) {
    if (n.value === code) return [n.label];
    if (n.children && code.startsWith(n.value.slice(0, regionLevel(n.value) * 2))) {
      const below = regionNames(n.children, code);
      if (below.length) return [n.label, ...below];
    }
  }
  return [];
}

import { shallowRef } from 'vue';
import { toCascaderOptions, type RegionNode } from '@/utils/region';

// The area data is ~400 KB: loaded on first use and shared by every region widget.
const options = shallowRef<RegionNode[]>([]);
let pending: Promise<RegionNode[]> | null = null;

function load(): Promise<RegionNode[]> {
  pending ??= import('element-china-area-data').then((m) => {
    options.value = toCascaderOptions(m.regionData);
    return options.value;
  });
  return pending;
}

/** Cascader options with 6-digit GB/T 2260 codes as values. */
export function useRegionOptions() {
  void load();
  return { options, ready: load };
}

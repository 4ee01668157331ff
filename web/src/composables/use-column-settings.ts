import { computed, onBeforeUnmount, ref, type Ref } from 'vue';
import { getPreference, putPreference } from '@/api/preferences';
import type { ColumnSetting, EntityMeta } from '@/api/types';
import { columnsKey, defaultColumns, mergeColumns, visibleColumns } from '@/utils/columns';

const SAVE_DELAY_MS = 600;

/**
 * The user's column arrangement for a list, kept on the server (GET/PUT /preferences). Changes
 * apply at once and are saved after a short pause so dragging a column edge sends one request.
 */
export function useColumnSettings(entity: Ref<EntityMeta | undefined>, entityName: string) {
  const settings = ref<ColumnSetting[]>(entity.value ? defaultColumns(entity.value) : []);
  const columns = computed(() => visibleColumns(settings.value));
  const widths = computed(() => Object.fromEntries(settings.value.filter((c) => c.width).map((c) => [c.name, c.width!])));
  const saveError = ref<unknown>(null);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pendingValue: ColumnSetting[] | null = null;

  async function load(): Promise<void> {
    if (!entity.value) return;
    try {
      settings.value = mergeColumns(await getPreference<unknown>(columnsKey(entityName)), entity.value);
    } catch {
      // Not fatal: the list works with the defaults.
      settings.value = defaultColumns(entity.value);
    }
  }

  async function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = null;
    const value = pendingValue;
    pendingValue = null;
    if (!value) return;
    try {
      await putPreference(columnsKey(entityName), value);
      saveError.value = null;
    } catch (e) {
      saveError.value = e;
    }
  }

  /**
   * Shows `next` now and saves `persist` (by default the same) a moment later; null saves nothing,
   * as for a 场景's columns, which belong to the 场景 rather than to the user's settings.
   */
  function update(next: ColumnSetting[], persist: ColumnSetting[] | null = next): void {
    settings.value = next;
    if (!persist) return;
    pendingValue = persist;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void flush(), SAVE_DELAY_MS);
  }

  function reset(): void {
    if (entity.value) update(defaultColumns(entity.value));
  }

  onBeforeUnmount(() => void flush());
  return { settings, columns, widths, saveError, load, update, reset, flush };
}

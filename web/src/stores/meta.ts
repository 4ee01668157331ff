import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { fetchMeta } from '@/api/meta';
import type { EntityMeta } from '@/api/types';
import { DEFAULT_INVERSE_LABELS, DEFAULT_QUICK_FILTERS } from '@/utils/modules';

/** Fills in what the metadata does not say yet (quick filters, related-list names). */
function withDefaults(e: EntityMeta): EntityMeta {
  const fields = e.fields.map((f) => {
    const inverse = DEFAULT_INVERSE_LABELS[`${e.name}.${f.name}`];
    return inverse && !f.inverseLabels ? { ...f, inverseLabels: inverse } : f;
  });
  return { ...e, fields, quickFilters: e.quickFilters ?? DEFAULT_QUICK_FILTERS[e.name] };
}

export const useMetaStore = defineStore('meta', () => {
  const entities = ref<EntityMeta[]>([]);
  const loaded = ref(false);
  let pending: Promise<void> | null = null;

  const byName = computed(() => new Map(entities.value.map((e) => [e.name, e])));

  function entity(name: string): EntityMeta | undefined {
    return byName.value.get(name);
  }

  /** Loads /meta once; concurrent callers share the request. */
  function load(force = false): Promise<void> {
    if (loaded.value && !force) return Promise.resolve();
    if (!pending) {
      pending = fetchMeta()
        .then((meta) => {
          entities.value = (meta.entities ?? []).map(withDefaults);
          loaded.value = true;
        })
        .finally(() => {
          pending = null;
        });
    }
    return pending;
  }

  function reset(): void {
    entities.value = [];
    loaded.value = false;
  }

  return { entities, loaded, entity, load, reset };
});

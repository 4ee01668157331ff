import { computed, ref } from 'vue';
import { createView, deleteView, listViews, updateView, type ViewInput } from '@/api/views';
import type { SavedView } from '@/api/types';

/** The caller's 场景 for one entity, kept on the server (/views). */
export function useListViews(entity: string) {
  const views = ref<SavedView[]>([]);
  const loaded = ref(false);
  const defaultView = computed(() => views.value.find((v) => v.isDefault) ?? null);

  async function load(): Promise<void> {
    try {
      views.value = await listViews(entity);
    } catch {
      // Without saved views the built-in 场景 still work.
      views.value = [];
    } finally {
      loaded.value = true;
    }
  }

  /** After a change to isDefault the server clears it elsewhere; mirror that here. */
  function put(view: SavedView): void {
    const rest = views.value.filter((v) => v.id !== view.id).map((v) => (view.isDefault ? { ...v, isDefault: false } : v));
    const index = views.value.findIndex((v) => v.id === view.id);
    rest.splice(index < 0 ? rest.length : index, 0, view);
    views.value = rest;
  }

  async function create(data: ViewInput & { name: string; query: string }): Promise<SavedView> {
    const view = await createView(entity, data);
    put(view);
    return view;
  }

  async function update(id: number, data: ViewInput): Promise<SavedView> {
    const view = await updateView(id, data);
    put(view);
    return view;
  }

  async function remove(id: number): Promise<void> {
    await deleteView(id);
    views.value = views.value.filter((v) => v.id !== id);
  }

  return { views, loaded, defaultView, load, create, update, remove };
}

import { computed } from 'vue';
import { useMetaStore } from '@/stores/meta';
import { useSessionStore } from '@/stores/session';
import { MODULES, OTHER_MODULE, moduleOf } from '@/utils/modules';

export interface MenuModule {
  key: string;
  icon: string;
  entities: string[];
}

/** Menu modules with the entities the user may read, in module order. */
export function useMenu() {
  const meta = useMetaStore();
  const session = useSessionStore();
  const modules = computed<MenuModule[]>(() => {
    const readable = meta.entities
      .filter((e) => e.actions.includes('read') && session.can(e.name, 'read'))
      .map((e) => e.name);
    const groups = [...MODULES, OTHER_MODULE].map((m) => ({
      key: m.key,
      icon: m.icon,
      // Listed modules keep their own order; "other" keeps the metadata's.
      entities: m.entities.length
        ? m.entities.filter((name) => readable.includes(name))
        : readable.filter((name) => moduleOf(name) === m.key),
    }));
    return groups.filter((g) => g.entities.length > 0);
  });
  return { modules };
}

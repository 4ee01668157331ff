import { computed, shallowRef } from 'vue';
import { listUsers } from '@/api/users';
import type { AdminUser } from '@/api/types';

// One copy per page load: user names for lists, attachments and history, and reporting lines.
const users = shallowRef<AdminUser[]>([]);
let pending: Promise<AdminUser[]> | null = null;

async function fetchAll(): Promise<AdminUser[]> {
  const all: AdminUser[] = [];
  for (let page = 1; page <= 50; page += 1) {
    const res = await listUsers({ page, pageSize: 200 });
    all.push(...(res.items ?? []));
    if (all.length >= res.total || !res.items?.length) break;
  }
  return all;
}

/** The user directory (GET /users); failures leave it empty and names fall back to "#id". */
export function useUserDirectory() {
  function load(force = false): Promise<AdminUser[]> {
    if (force) pending = null;
    pending ??= fetchAll().then(
      (list) => (users.value = list),
      () => {
        pending = null;
        return users.value;
      },
    );
    return pending;
  }
  const byId = computed(() => new Map(users.value.map((u) => [u.id, u])));
  function userName(id: unknown): string {
    if (id === null || id === undefined || id === '') return '';
    const u = byId.value.get(Number(id));
    return u ? u.displayName || u.username : `#${String(id)}`;
  }
  return { users, load, userName };
}

/** Forget the cached directory (after logout, or when users were edited). */
export function resetUserDirectory(): void {
  users.value = [];
  pending = null;
}

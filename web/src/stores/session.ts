import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import * as authApi from '@/api/auth';
import { setCsrfToken } from '@/api/client';
import type { EntityAction, Permissions, User } from '@/api/types';
import { stopNotifications } from '@/composables/use-notifications';
import { resetUserDirectory } from '@/composables/use-user-directory';
import { browserTimeZone } from '@/utils/time';

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null);
  const permissions = ref<Permissions>({});
  /** True once /auth/me answered (logged in or not), so the guard asks only once. */
  const checked = ref(false);

  const isLoggedIn = computed(() => user.value !== null);
  const isAdmin = computed(() => user.value?.roles.includes('admin') ?? false);
  /** The server lets administrators and executives (决策层) read the system-wide audit log. */
  const canAudit = computed(() => isAdmin.value || (user.value?.roles.includes('executive') ?? false));
  const timeZone = computed(() => user.value?.timeZone || browserTimeZone());

  function can(entity: string, action: EntityAction): boolean {
    const grants = permissions.value[entity];
    // No entry for the entity: leave the decision to the server (meta already filters).
    if (!grants) return true;
    // The server gives the data scope per action ("none" … "all"); any scope but "none" allows it.
    const scope = grants[action];
    return scope !== undefined && scope !== 'none';
  }

  async function refresh(): Promise<boolean> {
    try {
      const me = await authApi.fetchMe();
      user.value = me.user;
      permissions.value = me.permissions ?? {};
      setCsrfToken(me.csrfToken ?? '');
      return true;
    } catch {
      clear();
      return false;
    } finally {
      checked.value = true;
    }
  }

  async function login(username: string, password: string): Promise<void> {
    const result = await authApi.login(username, password);
    user.value = result.user;
    setCsrfToken(result.csrfToken);
    // Permissions come with /auth/me only.
    await refresh();
  }

  async function logout(): Promise<void> {
    stopNotifications();
    try {
      await authApi.logout();
    } finally {
      clear();
    }
  }

  function clear(): void {
    resetUserDirectory();
    user.value = null;
    permissions.value = {};
    setCsrfToken('');
  }

  return { user, permissions, checked, isLoggedIn, isAdmin, canAudit, timeZone, can, refresh, login, logout, clear };
});

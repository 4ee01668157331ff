import { computed, ref } from 'vue';
import { listDepartments } from '@/api/departments';
import { listRoles } from '@/api/roles';
import { listUsers } from '@/api/users';
import type { AdminUser, Department, Role } from '@/api/types';
import { buildDepartmentTree, departmentPath } from '@/utils/departments';

/**
 * Departments, roles and (up to the server's page cap of 200) users for pickers and name lookups
 * on the administration pages. A company larger than that needs a remote-search picker.
 */
export function useOrgDirectory() {
  const departments = ref<Department[]>([]);
  const users = ref<AdminUser[]>([]);
  const roles = ref<Role[]>([]);

  const departmentTree = computed(() => buildDepartmentTree(departments.value));
  const activeDepartmentTree = computed(() =>
    buildDepartmentTree(departments.value.filter((d) => d.active)),
  );
  const userById = computed(() => new Map(users.value.map((u) => [u.id, u])));
  const roleByCode = computed(() => new Map(roles.value.map((r) => [r.code, r])));

  async function loadDepartments(): Promise<void> {
    departments.value = (await listDepartments()).items ?? [];
  }
  async function loadUsers(): Promise<void> {
    users.value = (await listUsers({ pageSize: 200 })).items ?? [];
  }
  async function loadRoles(): Promise<void> {
    roles.value = (await listRoles()).items ?? [];
  }

  function departmentName(id: number | null): string {
    return id === null ? '' : departmentPath(departments.value, id);
  }
  function userName(id: number | null): string {
    if (id === null) return '';
    const u = userById.value.get(id);
    return u ? u.displayName || u.username : `#${id}`;
  }

  return {
    departments, users, roles, departmentTree, activeDepartmentTree, userById, roleByCode,
    loadDepartments, loadUsers, loadRoles, departmentName, userName,
  };
}

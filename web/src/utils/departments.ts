import type { Department } from '@/api/types';

export interface DepartmentNode {
  id: number;
  label: string;
  active: boolean;
  department: Department;
  children: DepartmentNode[];
}

/** Nests the flat list by parentId; orphans (parent missing) become roots. Sorted by name. */
export function buildDepartmentTree(items: Department[], collator?: Intl.Collator): DepartmentNode[] {
  const byId = new Map<number, DepartmentNode>();
  for (const d of items) byId.set(d.id, { id: d.id, label: d.name, active: d.active, department: d, children: [] });
  const roots: DepartmentNode[] = [];
  for (const node of byId.values()) {
    const parent = node.department.parentId !== null ? byId.get(node.department.parentId) : undefined;
    (parent && parent !== node ? parent.children : roots).push(node);
  }
  const compare = collator ? collator.compare : (a: string, b: string) => a.localeCompare(b);
  const sort = (nodes: DepartmentNode[]) => {
    nodes.sort((a, b) => compare(a.label, b.label));
    nodes.forEach((n) => sort(n.children));
  };
  sort(roots);
  return roots;
}

/** Ids of `id` and everything under it, for keeping a department out of its own parent picker. */
export function subtreeIds(items: Department[], id: number): Set<number> {
  const result = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of items) {
      if (d.parentId !== null && result.has(d.parentId) && !result.has(d.id)) {
        result.add(d.id);
        grew = true;
      }
    }
  }
  return result;
}

/** "总部 / 华东区" style path of a department. */
export function departmentPath(items: Department[], id: number | null, separator = ' / '): string {
  const byId = new Map(items.map((d) => [d.id, d]));
  const names: string[] = [];
  const seen = new Set<number>();
  let current = id !== null ? byId.get(id) : undefined;
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId !== null ? byId.get(current.parentId) : undefined;
  }
  return names.join(separator);
}

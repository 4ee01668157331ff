import { describe, expect, it } from 'vitest';
import type { Department } from '@/api/types';
import { buildDepartmentTree, departmentPath, subtreeIds } from './departments';

const dept = (id: number, name: string, parentId: number | null, active = true): Department => ({
  id, name, parentId, active, version: 1, createdAt: '', updatedAt: '',
});
const items = [dept(1, '总部', null), dept(3, '华南区', 1), dept(2, '华东区', 1), dept(4, '上海', 2), dept(5, '孤儿', 99)];

describe('department tree', () => {
  it('nests by parentId, sorts siblings and keeps orphans as roots', () => {
    const tree = buildDepartmentTree(items, new Intl.Collator('zh-CN'));
    expect(tree.map((n) => n.label).sort()).toEqual(['孤儿', '总部'].sort());
    const hq = tree.find((n) => n.id === 1)!;
    expect(hq.children.map((n) => n.label)).toEqual(['华东区', '华南区']);
    expect(hq.children[0].children.map((n) => n.id)).toEqual([4]);
  });

  it('finds a subtree for keeping a department out of its own parent picker', () => {
    expect([...subtreeIds(items, 2)].sort()).toEqual([2, 4]);
    expect([...subtreeIds(items, 1)].sort()).toEqual([1, 2, 3, 4]);
  });

  it('spells a path and survives a cycle in bad data', () => {
    expect(departmentPath(items, 4)).toBe('总部 / 华东区 / 上海');
    expect(departmentPath([dept(1, 'a', 2), dept(2, 'b', 1)], 1)).toBe('b / a');
  });
});

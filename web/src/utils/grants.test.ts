import { describe, expect, it } from 'vitest';
import zhCN from '@/locales/zh-CN';
import zhTW from '@/locales/zh-TW';
import en from '@/locales/en';
import type { Grants } from '@/api/types';
import { ALL_ENTITIES, GRANT_ACTIONS, SCOPES, effectiveScope, grantsToMatrix, matrixToGrants, scopeLabelKey } from './grants';

const ENTITIES = ['customers', 'contacts'];

describe('grants ⇄ matrix', () => {
  it('puts the "*" default row first, then the entities in order, cells empty where nothing is granted', () => {
    const rows = grantsToMatrix({ '*': { read: 'own' }, contacts: { read: 'all' } }, ENTITIES);
    expect(rows.map((r) => r.entity)).toEqual(['*', 'customers', 'contacts']);
    expect(rows[0].cells.read).toBe('own');
    expect(rows[0].cells.create).toBe('');
    expect(rows[1].cells.read).toBe('');
    expect(rows[2].cells.read).toBe('all');
    for (const row of rows) expect(Object.keys(row.cells).sort()).toEqual([...GRANT_ACTIONS].sort());
  });

  it('keeps entities the grants mention that /meta does not list, and ignores unknown scopes', () => {
    const rows = grantsToMatrix({ legacy: { edit: 'department' }, customers: { read: 'everything' as never } }, ENTITIES);
    expect(rows.map((r) => r.entity)).toEqual(['*', 'customers', 'contacts', 'legacy']);
    expect(rows.find((r) => r.entity === 'legacy')?.cells.edit).toBe('department');
    expect(rows.find((r) => r.entity === 'customers')?.cells.read).toBe('');
  });

  it('round-trips full grants unchanged', () => {
    const grants: Grants = {
      '*': { create: 'own', read: 'department_tree', edit: 'own_and_reports', delete: 'none', export: 'department',
        print: 'all', import: 'none', assign: 'none', brief: 'all' },
      customers: { read: 'all', delete: 'own' },
    };
    expect(matrixToGrants(grantsToMatrix(grants, ENTITIES))).toEqual(grants);
  });

  it('drops rows left entirely at inherit and sends only the cells that were set', () => {
    const rows = grantsToMatrix({}, ENTITIES);
    rows[0].cells.read = 'own';
    rows[2].cells.edit = 'department';
    expect(matrixToGrants(rows)).toEqual({ '*': { read: 'own' }, contacts: { edit: 'department' } });
    rows[2].cells.edit = '';
    expect(matrixToGrants(rows)).toEqual({ '*': { read: 'own' } });
  });

  it('keeps actions it does not know, so a save does not erase them', () => {
    const grants = { '*': { read: 'own', approve: 'department' }, customers: { future: 'all' } } as unknown as Grants;
    const rows = grantsToMatrix(grants, ENTITIES);
    expect(rows[0].cells.read).toBe('own');
    expect(matrixToGrants(rows)).toEqual(grants);
  });

  it('gives an empty grants object when nothing is set', () => {
    expect(matrixToGrants(grantsToMatrix({}, ENTITIES))).toEqual({});
  });

  it('resolves an empty entity cell to the "*" default, and an empty default to none', () => {
    const rows = grantsToMatrix({ '*': { read: 'own' }, customers: { read: 'all' } }, ENTITIES);
    expect(effectiveScope(rows, 'customers', 'read')).toBe('all');
    expect(effectiveScope(rows, 'contacts', 'read')).toBe('own');
    expect(effectiveScope(rows, 'contacts', 'edit')).toBe('none');
    expect(effectiveScope(rows, ALL_ENTITIES, 'read')).toBe('own');
  });
});

describe('scope and action labels', () => {
  const catalogues = { 'zh-CN': zhCN, 'zh-TW': zhTW, en } as Record<string, Record<string, unknown>>;
  const lookup = (tree: Record<string, unknown>, key: string) =>
    key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree);

  it('has a label for every scope and action in every language', () => {
    for (const [code, tree] of Object.entries(catalogues)) {
      for (const s of SCOPES) expect(lookup(tree, scopeLabelKey(s)), `${code} ${s}`).toBeTypeOf('string');
      for (const a of GRANT_ACTIONS) expect(lookup(tree, `grantAction.${a}`), `${code} ${a}`).toBeTypeOf('string');
    }
  });

  it('uses the CHINA.md data-scope vocabulary in Simplified Chinese', () => {
    expect(SCOPES.map((s) => lookup(zhCN, scopeLabelKey(s)))).toEqual(['无', '本人', '本人及下属', '本部门', '本部门及下属部门', '全部']);
  });
});

// The role editor's matrix and the server's grants JSON, in both directions.
import type { DataScope, GrantAction, Grants } from '@/api/types';

export const GRANT_ACTIONS: GrantAction[] = [
  'create', 'read', 'edit', 'delete', 'export', 'print', 'import', 'assign', 'brief',
];
/** Narrowest to widest, as CHINA.md names them: 无 / 本人 / 本人及下属 / 本部门 / 本部门及下属部门 / 全部. */
export const SCOPES: DataScope[] = ['none', 'own', 'own_and_reports', 'department', 'department_tree', 'all'];
export const ALL_ENTITIES = '*';

/** '' means "not set here": an entity row inherits the "*" row, the "*" row grants nothing. */
export type Cell = DataScope | '';
export interface MatrixRow {
  entity: string;
  cells: Record<GrantAction, Cell>;
  /** Actions this UI does not know (a newer server): kept as they were, since a save replaces all grants. */
  extra: Record<string, string>;
}

export function scopeLabelKey(scope: DataScope): string {
  return `scope.${scope}`;
}

function isScope(value: unknown): value is DataScope {
  return typeof value === 'string' && (SCOPES as string[]).includes(value);
}

/** Rows: "*" first, then `entities` in order, then any other entity the grants mention. */
export function grantsToMatrix(grants: Grants, entities: string[]): MatrixRow[] {
  const names = [ALL_ENTITIES, ...entities.filter((e) => e !== ALL_ENTITIES)];
  for (const key of Object.keys(grants)) if (!names.includes(key)) names.push(key);
  return names.map((entity) => {
    const source = grants[entity] ?? {};
    const cells = {} as Record<GrantAction, Cell>;
    for (const action of GRANT_ACTIONS) {
      const value = source[action];
      cells[action] = isScope(value) ? value : '';
    }
    const extra: Record<string, string> = {};
    for (const [action, value] of Object.entries(source)) {
      if (!(GRANT_ACTIONS as string[]).includes(action) && typeof value === 'string') extra[action] = value;
    }
    return { entity, cells, extra };
  });
}

/** The full grants to send: only cells set explicitly; rows left entirely at inherit are dropped. */
export function matrixToGrants(rows: MatrixRow[]): Grants {
  const grants: Grants = {};
  for (const row of rows) {
    const entry: Partial<Record<GrantAction, DataScope>> = { ...(row.extra ?? {}) } as Partial<Record<GrantAction, DataScope>>;
    for (const action of GRANT_ACTIONS) {
      const value = row.cells[action];
      if (value) entry[action] = value;
    }
    if (Object.keys(entry).length) grants[row.entity] = entry;
  }
  return grants;
}

/** What a cell amounts to once inheritance from "*" is applied. */
export function effectiveScope(rows: MatrixRow[], entity: string, action: GrantAction): DataScope {
  const own = rows.find((r) => r.entity === entity)?.cells[action];
  if (own) return own;
  return rows.find((r) => r.entity === ALL_ENTITIES)?.cells[action] || 'none';
}

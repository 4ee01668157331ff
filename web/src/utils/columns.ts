// List column settings (order, visibility, width) per user and entity, merged with the metadata.
import type { ColumnSetting, EntityMeta } from '@/api/types';
import { isReadable } from './fields';

const SYSTEM_COLUMNS = ['ownerId', 'createdAt', 'updatedAt', 'createdById', 'updatedById'];
export const MIN_WIDTH = 60;
export const MAX_WIDTH = 800;

/** The preference key the server keeps the settings under. */
export const columnsKey = (entity: string) => `list.${entity}.columns`;

/** Every column the user may show: readable fields, then the system columns. */
export function columnChoices(entity: EntityMeta): string[] {
  const names = entity.fields.filter(isReadable).map((f) => f.name).filter((n) => n !== 'id' && n !== 'version');
  for (const s of SYSTEM_COLUMNS) {
    if (s === 'ownerId' && !entity.owned) continue;
    if (!names.includes(s)) names.push(s);
  }
  return names;
}

function validWidth(w: unknown): number | undefined {
  return typeof w === 'number' && Number.isFinite(w) ? Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w))) : undefined;
}

/** The entity's default arrangement: its list columns shown in order, the rest hidden. */
export function defaultColumns(entity: EntityMeta): ColumnSetting[] {
  const choices = columnChoices(entity);
  const shown = entity.listColumns.filter((n) => choices.includes(n));
  return [
    ...shown.map((name) => ({ name, visible: true })),
    ...choices.filter((n) => !shown.includes(n)).map((name) => ({ name, visible: false })),
  ];
}

/**
 * Saved settings (any JSON from the server) merged with today's metadata: fields that no longer
 * exist or became unreadable are dropped, fields added since are appended (shown only if they are
 * default list columns), and the title column is always shown.
 */
export function mergeColumns(saved: unknown, entity: EntityMeta): ColumnSetting[] {
  const defaults = defaultColumns(entity);
  if (!Array.isArray(saved) || saved.length === 0) return withTitle(defaults, entity);
  const choices = new Set(defaults.map((d) => d.name));
  const out: ColumnSetting[] = [];
  for (const item of saved) {
    if (!item || typeof item !== 'object') continue;
    const { name, visible, width } = item as Partial<ColumnSetting>;
    if (typeof name !== 'string' || !choices.has(name) || out.some((c) => c.name === name)) continue;
    const w = validWidth(width);
    out.push({ name, visible: visible !== false, ...(w ? { width: w } : {}) });
  }
  if (!out.length) return withTitle(defaults, entity);
  for (const d of defaults) if (!out.some((c) => c.name === d.name)) out.push({ ...d });
  return withTitle(out, entity);
}

function withTitle(list: ColumnSetting[], entity: EntityMeta): ColumnSetting[] {
  return list.map((c) => (c.name === entity.titleField ? { ...c, visible: true } : c));
}

export function visibleColumns(settings: ColumnSetting[]): string[] {
  return settings.filter((c) => c.visible).map((c) => c.name);
}

/** Shows exactly `columns` (a 场景's choice) in that order first; widths are kept. */
export function applyColumnList(settings: ColumnSetting[], columns: string[], entity: EntityMeta): ColumnSetting[] {
  const byName = new Map(settings.map((c) => [c.name, c]));
  const shown = columns.filter((n, i) => byName.has(n) && columns.indexOf(n) === i);
  const list = [
    ...shown.map((n) => ({ ...byName.get(n)!, visible: true })),
    ...settings.filter((c) => !shown.includes(c.name)).map((c) => ({ ...c, visible: false })),
  ];
  return withTitle(list, entity);
}

export function setColumnWidth(settings: ColumnSetting[], name: string, width: number): ColumnSetting[] {
  const w = validWidth(width);
  return settings.map((c) => (c.name === name ? { ...c, width: w } : c));
}

/** Moves the column at `from` by `delta` places (−1 up, +1 down); out of range leaves it. */
export function moveColumn(settings: ColumnSetting[], from: number, delta: number): ColumnSetting[] {
  const to = from + delta;
  if (from < 0 || from >= settings.length || to < 0 || to >= settings.length) return settings;
  const list = [...settings];
  const [item] = list.splice(from, 1);
  list.splice(to, 0, item);
  return list;
}

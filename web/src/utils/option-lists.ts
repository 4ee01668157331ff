import type { EditableOption } from '@/api/options';
import type { LocaleCode } from '@/api/types';

/** Errors of one option row, by part: "value", "zh-CN", "zh-TW", "en", "active". */
export type RowErrors = Record<string, string>;

/** The list moved so that the option at `index` is `delta` places further (clamped); a new array. */
export function moveOption(list: EditableOption[], index: number, delta: number): EditableOption[] {
  const to = Math.min(Math.max(index + delta, 0), list.length - 1);
  if (to === index || index < 0 || index >= list.length) return list.slice();
  const next = list.slice();
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item);
  return next;
}

/** A new, active option without a value (the server generates one). */
export function blankOption(): EditableOption {
  return { labels: { 'zh-CN': '', 'zh-TW': '', en: '' }, active: true, builtIn: false };
}

/**
 * Splits the server's field errors ("options[2].labels.zh-CN" → row 2, part "zh-CN";
 * "options" → the list) into per-row errors and a list-level code.
 */
export function splitOptionErrors(fields: Record<string, string>): { rows: Record<number, RowErrors>; list: string } {
  const rows: Record<number, RowErrors> = {};
  let list = '';
  for (const [key, code] of Object.entries(fields)) {
    const m = /^options\[(\d+)\](?:\.labels\.([A-Za-z-]+)|\.(\w+))?$/.exec(key);
    if (!m) {
      if (key === 'options') list = code;
      continue;
    }
    const row = Number(m[1]);
    (rows[row] ??= {})[(m[2] as LocaleCode | undefined) ?? m[3] ?? 'row'] = code;
  }
  return { rows, list };
}

/** Whether two lists differ in order, labels or state (what a save would change). */
export function listsDiffer(a: EditableOption[], b: EditableOption[]): boolean {
  const shape = (l: EditableOption[]) =>
    JSON.stringify(l.map((o) => [o.value ?? '', o.active, o.labels['zh-CN'] ?? '', o.labels['zh-TW'] ?? '', o.labels.en ?? '']));
  return shape(a) !== shape(b);
}

/** Deep copy for editing, with every language present. */
export function editableCopy(list: EditableOption[]): EditableOption[] {
  return list.map((o) => ({
    ...o,
    labels: { 'zh-CN': o.labels['zh-CN'] ?? '', 'zh-TW': o.labels['zh-TW'] ?? '', en: o.labels.en ?? '' },
  }));
}

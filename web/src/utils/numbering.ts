// 编号规则: patterns such as KH{yyyy}{MM}-{seq:5} (API.md "Numbering").
import type { NumberingReset } from '@/api/types';

/**
 * Fields the server fills from a numbering rule when left empty. /meta does not say so yet, so the
 * knowledge lives here only (metadata/entities/customers.json "numbering": {"field": "code"}).
 * Drop this when /meta carries "numbering".
 */
export const NUMBERED_FIELDS: Record<string, string> = { customers: 'code' };

export function numberedField(entity: string): string | undefined {
  return NUMBERED_FIELDS[entity];
}

export const RESET_OPTIONS: NumberingReset[] = ['never', 'yearly', 'monthly', 'daily'];

/** The placeholders the server knows, in legend order; `key` names their i18n explanation. */
export const PLACEHOLDERS: { token: string; key: string }[] = [
  { token: '{yyyy}', key: 'yyyy' },
  { token: '{yy}', key: 'yy' },
  { token: '{MM}', key: 'MM' },
  { token: '{dd}', key: 'dd' },
  { token: '{seq:N}', key: 'seq' },
];

/** Field error codes of PUT /numbering the page explains (the rest fall back to validation.*). */
export const RULE_ERRORS = [
  'unknown_placeholder', 'one_sequence_required', 'bad_sequence_width', 'pattern_lacks_date', 'too_long', 'invalid_option',
];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/**
 * A local preview of `pattern` for `date` and counter `seq` (the server's "next" is the real one).
 * Unknown placeholders stay as typed, so the preview shows what the server will refuse.
 */
export function renderPattern(pattern: string, date: Date, seq: number): string {
  return pattern.replace(/\{(yyyy|yy|MM|dd|seq:(\d+))\}/g, (_m, token: string, width?: string) => {
    switch (token) {
      case 'yyyy': return String(date.getFullYear());
      case 'yy': return pad(date.getFullYear() % 100, 2);
      case 'MM': return pad(date.getMonth() + 1, 2);
      case 'dd': return pad(date.getDate(), 2);
      default: return pad(seq, Math.min(Number(width), 12));
    }
  });
}

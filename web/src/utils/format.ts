// Display text for a field value (lists, detail, audit).
import type { FieldMeta, Money, RecordData } from '@/api/types';
import { pickLabel } from './labels';
import { regionLabel } from './region';
import { formatDateTime } from './time';

export interface FormatContext {
  locale: string;
  timeZone: string;
  yes: string;
  no: string;
  /** Joins multi-value labels, e.g. "、" in Chinese. */
  separator: string;
}

function optionLabel(field: FieldMeta, value: unknown, locale: string): string {
  const option = field.options?.find((o) => o.value === value);
  return option ? pickLabel(option.labels, locale, String(value)) : String(value);
}

export function formatMoney(value: unknown, locale: string): string {
  if (!value || typeof value !== 'object') return '';
  const { amount, currency } = value as Money;
  if (amount === undefined || amount === null || amount === '') return '';
  const n = Number(amount);
  if (Number.isNaN(n)) return `${amount} ${currency ?? ''}`.trim();
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency: currency || 'CNY' }).format(n);
  } catch {
    return `${amount} ${currency ?? ''}`.trim();
  }
}

export function formatValue(
  field: FieldMeta,
  value: unknown,
  record: Pick<RecordData, '_display'> | null,
  ctx: FormatContext,
): string {
  if (field.type === 'relation' || field.type === 'user') {
    const label = record?._display?.[field.name];
    if (label) return label;
  }
  if (value === null || value === undefined || value === '') return '';
  switch (field.type) {
    case 'boolean':
      return value ? ctx.yes : ctx.no;
    case 'enum':
      return optionLabel(field, value, ctx.locale);
    case 'multienum':
      return Array.isArray(value) ? value.map((v) => optionLabel(field, v, ctx.locale)).join(ctx.separator) : String(value);
    case 'money':
      return formatMoney(value, ctx.locale);
    case 'region':
      return regionLabel(value);
    case 'datetime':
      return formatDateTime(value, ctx.timeZone);
    case 'relation':
    case 'user':
      return `#${String(value)}`;
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}

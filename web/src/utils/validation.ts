// Client-side mirrors of the server's field rules. Each returns an error code
// (the same codes the server puts in `fields`) or null.
import type { FieldMeta } from '@/api/types';

export const MOBILE_RE = /^(\+?86|0086)?1[3-9]\d{9}$/;
// Landline with area code (010-12345678, 0755 8888 8888, optional extension) or 400/800 numbers.
export const LANDLINE_RE = /^(\+?86[- ]?|0086[- ]?)?(0\d{2,3}[- ]?)?[1-9]\d{6,7}((-| ?转 ?| ?ext\.? ?)\d{1,6})?$/i;
export const SERVICE_RE = /^[48]00[- ]?\d{3}[- ]?\d{4}$/;
export const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const URL_RE = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

export const POSTAL_CODE_RE = /^\d{6}$/;
/** GB 32100-2015 alphabet (no I, O, S, V, Z); the check character is left to the server's warning. */
export const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** What the server stores for a credit code: upper case, no spaces. */
export function normalizeCreditCode(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Error code for a `format` rule, or null. */
export function validateFormat(format: string | undefined, value: string): string | null {
  if (format === 'postalCode') return POSTAL_CODE_RE.test(value.trim()) ? null : 'invalid_postal_code';
  if (format === 'creditCode') return CREDIT_CODE_RE.test(normalizeCreditCode(value)) ? null : 'invalid_credit_code';
  return null;
}

export function isEmptyValue(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (typeof value === 'object' && 'amount' in (value as object)) {
    const amount = (value as { amount: unknown }).amount;
    return amount === null || amount === undefined || amount === '';
  }
  return false;
}

export function isValidPhone(value: string): boolean {
  const compact = value.trim();
  if (MOBILE_RE.test(compact.replace(/[\s-]/g, ''))) return true;
  return SERVICE_RE.test(compact) || LANDLINE_RE.test(compact);
}

export function isValidEmail(value: string): boolean {
  return EMAIL_RE.test(value.trim());
}

export function isValidUrl(value: string): boolean {
  return URL_RE.test(value.trim());
}

export function validateRequired(field: FieldMeta, value: unknown): string | null {
  return field.required && isEmptyValue(value) ? 'required' : null;
}

/** First failing rule for `value` of `field`, as a server-style code. */
export function validateField(field: FieldMeta, value: unknown): string | null {
  const required = validateRequired(field, value);
  if (required) return required;
  if (isEmptyValue(value)) return null;
  if (typeof value === 'string') {
    const format = validateFormat(field.format, value);
    if (format) return format;
    const stored = field.format === 'creditCode' ? normalizeCreditCode(value) : value;
    if (field.maxLength && [...stored].length > field.maxLength) return 'too_long';
    if (field.type === 'email' && !isValidEmail(value)) return 'invalid_email';
    if (field.type === 'phone' && !isValidPhone(value)) return 'invalid_phone';
    if (field.type === 'url' && !isValidUrl(value)) return 'invalid_url';
  }
  return null;
}

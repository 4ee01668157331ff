import type { FieldMeta } from '@/api/types';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

/** Text for a field error code (client rule or server `fields` value). */
export function fieldErrorText(code: string, field: FieldMeta | undefined, label: string, t: Translate, te: Exists): string {
  switch (code) {
    case 'required':
      return t('form.required', { field: label });
    case 'too_long':
      return t('form.tooLong', { field: label, max: field?.maxLength ?? '' });
    case 'invalid_email':
      return t('form.invalidEmail');
    case 'invalid_phone':
      return t('form.invalidPhone');
    case 'invalid_url':
      return t('form.invalidUrl');
    default:
      return te(`validation.${code}`) ? t(`validation.${code}`) : code;
  }
}

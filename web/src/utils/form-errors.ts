import { ApiError } from '@/api/client';
import { fieldErrorText } from './field-error';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

/** A 422's `fields` as texts per field name, labelled by `labels` (name → label). */
export function serverFieldErrors(
  error: unknown,
  labels: Record<string, string>,
  t: Translate,
  te: Exists,
): Record<string, string> | null {
  if (!(error instanceof ApiError) || error.status !== 422 || !Object.keys(error.fields).length) return null;
  const result: Record<string, string> = {};
  for (const [name, code] of Object.entries(error.fields)) {
    result[name] = fieldErrorText(code, undefined, labels[name] ?? name, t, te);
  }
  return result;
}

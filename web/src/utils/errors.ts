import { ApiError } from '@/api/client';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** Seconds → "5 分钟" style text. */
export function formatWait(seconds: number, t: Translate): string {
  if (seconds < 60) return t('duration.seconds', { n: seconds });
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return s === 0 ? t('duration.minutes', { n: m }) : t('duration.minutesSeconds', { m, s });
}

/** The text to show a person for any thrown value; prefers the server's localized message. */
export function errorMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiError)) {
    return error instanceof Error && error.message ? error.message : t('errors.unknown', { code: '?' });
  }
  if (error.status === 0) return t('errors.network');
  if (error.message) return error.message;
  if (error.status === 401) return t('errors.sessionExpired');
  if (error.status === 403) return t('errors.forbidden');
  if (error.status === 404) return t('errors.notFound');
  if (error.status >= 500) return t('errors.server', { status: error.status });
  return t('errors.unknown', { code: error.code });
}

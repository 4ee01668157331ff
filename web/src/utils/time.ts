import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';
import 'dayjs/locale/zh-cn';
import 'dayjs/locale/zh-tw';

dayjs.extend(utc);
dayjs.extend(timezone);

export const browserTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

/** A UTC ISO instant shown in the user's zone, e.g. "2026-11-22 16:00". */
export function formatDateTime(iso: unknown, tz: string, withSeconds = false): string {
  if (typeof iso !== 'string' || !iso) return '';
  const d = dayjs.utc(iso);
  if (!d.isValid()) return iso;
  return d.tz(tz).format(withSeconds ? 'YYYY-MM-DD HH:mm:ss' : 'YYYY-MM-DD HH:mm');
}

/** The UTC instant at which local day `date` (YYYY-MM-DD) starts in `tz`. */
export function startOfLocalDayUtc(date: string, tz: string): string {
  return dayjs.tz(date, tz).startOf('day').utc().toISOString();
}

/** The UTC instant at which the local day after `date` starts in `tz`. */
export function startOfNextLocalDayUtc(date: string, tz: string): string {
  return dayjs.tz(date, tz).startOf('day').add(1, 'day').utc().toISOString();
}

/** Local "YYYY-MM-DD HH:mm:ss" in `tz` → UTC ISO with milliseconds and Z. */
export function localToUtcIso(local: string, tz: string): string {
  return dayjs.tz(local, tz).utc().toISOString();
}

/** UTC ISO → local "YYYY-MM-DD HH:mm:ss" in `tz` (for date-time pickers). */
export function utcToLocal(iso: string, tz: string): string {
  return dayjs.utc(iso).tz(tz).format('YYYY-MM-DD HH:mm:ss');
}

export function setDayjsLocale(locale: string): void {
  dayjs.locale(locale === 'en' ? 'en' : locale.toLowerCase());
}

export { dayjs };

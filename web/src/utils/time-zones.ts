// IANA time zones for pickers: every zone the browser knows, labelled with its current UTC offset
// and sorted west to east.
import { dayjs } from './time';

export interface ZoneOption {
  value: string;
  label: string; // "(UTC+08:00) Asia/Shanghai"
  offsetMinutes: number;
}

/** Zones the browser supports (Intl), plus `extra` (e.g. the user's saved zone) if missing. */
export function supportedZones(extra: string[] = []): string[] {
  let zones: string[] = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set([...zones, 'UTC', ...extra.filter(Boolean)]);
  return [...all];
}

/** Minutes east of UTC of `zone` at instant `at` (DST-aware); NaN for an unknown zone. */
export function zoneOffsetMinutes(zone: string, at: Date): number {
  try {
    return dayjs(at).tz(zone).utcOffset();
  } catch {
    return Number.NaN;
  }
}

export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export function zoneOptions(zones: string[], at: Date = new Date()): ZoneOption[] {
  return zones
    .map((value) => ({ value, offsetMinutes: zoneOffsetMinutes(value, at) }))
    .filter((z) => !Number.isNaN(z.offsetMinutes))
    .map((z) => ({ ...z, label: `(${formatOffset(z.offsetMinutes)}) ${z.value}` }))
    .sort((a, b) => a.offsetMinutes - b.offsetMinutes || a.value.localeCompare(b.value));
}

import { describe, expect, it } from 'vitest';
import { formatOffset, supportedZones, zoneOffsetMinutes, zoneOptions } from './time-zones';

describe('zone offsets', () => {
  it('follow daylight-saving time in New York but not in Shanghai', () => {
    expect(zoneOffsetMinutes('Asia/Shanghai', new Date('2026-01-15T00:00:00Z'))).toBe(480);
    expect(zoneOffsetMinutes('Asia/Shanghai', new Date('2026-07-15T00:00:00Z'))).toBe(480);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-01-15T00:00:00Z'))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-07-15T00:00:00Z'))).toBe(-240);
    // The change itself: 2026-03-08 07:00Z.
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-03-08T06:59:00Z'))).toBe(-300);
    expect(zoneOffsetMinutes('America/New_York', new Date('2026-03-08T07:00:00Z'))).toBe(-240);
  });
  it('formats offsets with sign and minutes', () => {
    expect(formatOffset(480)).toBe('UTC+08:00');
    expect(formatOffset(-240)).toBe('UTC-04:00');
    expect(formatOffset(330)).toBe('UTC+05:30');
    expect(formatOffset(0)).toBe('UTC+00:00');
  });
});

describe('zoneOptions', () => {
  it('labels zones with their offset and sorts them west to east', () => {
    const options = zoneOptions(['Asia/Shanghai', 'America/New_York', 'Europe/London'], new Date('2026-01-15T00:00:00Z'));
    expect(options.map((o) => o.label)).toEqual([
      '(UTC-05:00) America/New_York',
      '(UTC+00:00) Europe/London',
      '(UTC+08:00) Asia/Shanghai',
    ]);
  });
  it('drops zones the browser cannot resolve', () => {
    expect(zoneOptions(['Mars/Olympus', 'Asia/Shanghai']).map((o) => o.value)).toEqual(['Asia/Shanghai']);
  });
  it('always offers the extra zones asked for', () => {
    const zones = supportedZones(['Asia/Shanghai']);
    expect(zones).toContain('Asia/Shanghai');
    expect(zones).toContain('UTC');
    expect(new Set(zones).size).toBe(zones.length);
  });
});

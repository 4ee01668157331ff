// Presentation of scheduled jobs: schedule text in words, a status per row, labels for known jobs.
import type { Job } from '@/api/jobs';

type Translate = (key: string, values?: Record<string, unknown>) => string;
type Exists = (key: string) => boolean;

export type JobState = 'running' | 'ok' | 'failed' | 'never';

export function jobState(job: Pick<Job, 'running' | 'lastStatus'>): JobState {
  if (job.running) return 'running';
  return job.lastStatus ?? 'never';
}

/** Element Plus tag type per state. */
export function jobStateTag(state: JobState): 'primary' | 'success' | 'danger' | 'info' {
  return state === 'running' ? 'primary' : state === 'ok' ? 'success' : state === 'failed' ? 'danger' : 'info';
}

export type ParsedSchedule =
  | { kind: 'every'; amount: number; unit: 's' | 'm' | 'h' }
  | { kind: 'daily'; time: string; zone: string | null }
  | { kind: 'other'; text: string };

/** Reads the server's schedule syntax: "every 30s|5m|2h", "daily 02:30 [Zone/Name]". */
export function parseSchedule(text: string): ParsedSchedule {
  const every = /^every (\d+)([smh])$/.exec(text);
  if (every) return { kind: 'every', amount: Number(every[1]), unit: every[2] as 's' | 'm' | 'h' };
  const daily = /^daily (\d{2}:\d{2})(?: (\S+))?$/.exec(text);
  if (daily) return { kind: 'daily', time: daily[1], zone: daily[2] ?? null };
  return { kind: 'other', text };
}

/** "every 30s" → "每 30 秒"; "daily 02:30 America/New_York" → "每天 02:30（America/New_York）". */
export function describeSchedule(text: string, t: Translate): string {
  const s = parseSchedule(text);
  if (s.kind === 'every') return t(`jobs.every.${s.unit}`, { n: s.amount });
  if (s.kind === 'daily') return t('jobs.daily', { time: s.time, zone: s.zone ?? 'Asia/Shanghai' });
  return s.text;
}

/** A readable name for a job the UI knows ("sessions.cleanup" → "清理过期会话"), else the name. */
export function jobLabel(name: string, t: Translate, te: Exists): string {
  const key = `jobs.names.${name.replace(/\./g, '_')}`;
  return te(key) ? t(key) : name;
}

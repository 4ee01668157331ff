// Jobs (admins), the caller's own profile (time zone, language) and reminders.
import { request } from './client';
import type { User } from './types';

const seg = (s: string) => encodeURIComponent(s);

/** One row of GET /jobs; times are UTC ISO 8601 or null. */
export interface Job {
  name: string;
  schedule: string;
  nextRunAt: string | null;
  lastRunAt: string | null;
  lastFinishedAt: string | null;
  lastStatus: 'ok' | 'failed' | null;
  lastError: string | null;
  failures: number;
  runs: number;
  running: boolean;
  leaseOwner: string | null;
  leaseExpiresAt: string | null;
}

export function listJobs(): Promise<{ items: Job[] }> {
  return request('/jobs');
}

/** Makes the job due now (202); it runs on the server shortly after. 404 unknown_job. */
export function runJob(name: string): Promise<{ name: string; status: string }> {
  return request(`/jobs/${seg(name)}/run`, { method: 'POST', body: {} });
}

/** The signed-in user as /auth/me describes them; `today` is the date in their zone. */
export type Profile = User & { today?: string; version?: number };

export interface ProfilePatch {
  displayName?: string;
  timeZone?: string;
  locale?: string;
}

/** PATCH /auth/me: 422 with fields.timeZone = "invalid_time_zone", fields.locale = "invalid_option". */
export function updateProfile(patch: ProfilePatch): Promise<{ user: Profile }> {
  return request('/auth/me', { method: 'PATCH', body: patch });
}

export interface Reminder {
  id: number;
  title: string;
  at: string; // wall time in timeZone, "2026-03-08T09:00:00"
  timeZone: string;
  fireAt: string; // UTC
  firedAt: string | null;
  entity: string | null;
  recordId: number | null;
  createdAt: string;
}

export function listReminders(pending = false): Promise<{ items: Reminder[] }> {
  return request(pending ? '/reminders?pending=true' : '/reminders');
}

/** `at`: wall time "YYYY-MM-DDTHH:mm" in the caller's zone, or a UTC instant ending in Z. */
export function createReminder(body: { at: string; title: string; entity?: string; recordId?: number }): Promise<Reminder> {
  return request('/reminders', { method: 'POST', body });
}

export function deleteReminder(id: number): Promise<void> {
  return request(`/reminders/${id}`, { method: 'DELETE' });
}

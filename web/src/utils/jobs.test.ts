import { describe, expect, it } from 'vitest';
import { describeSchedule, jobLabel, jobState, jobStateTag, parseSchedule } from './jobs';

const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`;

describe('parseSchedule', () => {
  it('reads intervals and daily times', () => {
    expect(parseSchedule('every 30s')).toEqual({ kind: 'every', amount: 30, unit: 's' });
    expect(parseSchedule('every 2h')).toEqual({ kind: 'every', amount: 2, unit: 'h' });
    expect(parseSchedule('daily 02:30')).toEqual({ kind: 'daily', time: '02:30', zone: null });
    expect(parseSchedule('daily 02:30 America/New_York')).toEqual({ kind: 'daily', time: '02:30', zone: 'America/New_York' });
  });
  it('keeps anything else as text', () => {
    expect(parseSchedule('hourly')).toEqual({ kind: 'other', text: 'hourly' });
    expect(parseSchedule('every 5d')).toEqual({ kind: 'other', text: 'every 5d' });
  });
});

describe('describeSchedule', () => {
  it('uses the unit message with the amount', () => {
    expect(describeSchedule('every 5m', t)).toBe('jobs.every.m{"n":5}');
  });
  it('names Shanghai when the schedule has no zone', () => {
    expect(describeSchedule('daily 02:30', t)).toBe('jobs.daily{"time":"02:30","zone":"Asia/Shanghai"}');
  });
  it('shows unknown text as is', () => {
    expect(describeSchedule('cron * * *', t)).toBe('cron * * *');
  });
});

describe('jobState', () => {
  it('prefers running, then the last status, else never', () => {
    expect(jobState({ running: true, lastStatus: 'failed' })).toBe('running');
    expect(jobState({ running: false, lastStatus: 'failed' })).toBe('failed');
    expect(jobState({ running: false, lastStatus: null })).toBe('never');
    expect(jobStateTag('failed')).toBe('danger');
    expect(jobStateTag('ok')).toBe('success');
    expect(jobStateTag('never')).toBe('info');
  });
});

describe('jobLabel', () => {
  it('uses a message when one exists, else the name', () => {
    const te = (key: string) => key === 'jobs.names.sessions_cleanup';
    expect(jobLabel('sessions.cleanup', t, te)).toBe('jobs.names.sessions_cleanup');
    expect(jobLabel('mail.send', t, te)).toBe('mail.send');
  });
});

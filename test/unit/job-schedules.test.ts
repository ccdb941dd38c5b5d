import { describe, expect, it } from 'vitest';
import type { JobDefinition } from '../../src/scheduler/job.js';
import { JobScheduleError, parseJobSchedules, resolveSchedules } from '../../src/scheduler/job-schedules.js';

const job = (name: string, cron: string): JobDefinition => ({ name, cron, description: name, run: async () => {} });

describe('parseJobSchedules (JOB_SCHEDULES)', () => {
  it('reads name=cron entries separated by ; or new lines', () => {
    expect(parseJobSchedules('deadline-sweep=*/15 * * * *;weekly-recap=0 8 * * 1\n ten-day-check = off ;')).toEqual({
      'deadline-sweep': '*/15 * * * *',
      'weekly-recap': '0 8 * * 1',
      'ten-day-check': 'off',
    });
  });

  it('is empty for an empty or missing value', () => {
    expect(parseJobSchedules(undefined)).toEqual({});
    expect(parseJobSchedules('  ')).toEqual({});
  });

  it.each([
    ['deadline-sweep', 'should be name=cron'],
    ['=0 8 * * 1', 'should be name=cron'],
    ['Deadline Sweep=0 8 * * 1', 'is not a job name'],
    ['deadline-sweep=0 25 * * *', 'invalid cron expression "0 25 * * *"'],
    ['deadline-sweep=0 8 * *', 'expected 5 fields'],
    ['a=0 8 * * 1;a=0 9 * * 1', 'given twice'],
  ])('refuses %s with a clear message', (text, message) => {
    expect(() => parseJobSchedules(text)).toThrow(JobScheduleError);
    expect(() => parseJobSchedules(text)).toThrow(message);
  });
});

describe('resolveSchedules', () => {
  const jobs = [job('a', '0 8 * * 1'), job('b', '* * * * *')];

  it('keeps defaults, applies overrides and switches jobs off', () => {
    const r = resolveSchedules(jobs, { a: '30 7 * * 1-5', b: 'off' });
    expect(r.map((s) => [s.job.name, s.cron, s.overridden])).toEqual([['a', '30 7 * * 1-5', true], ['b', null, true]]);
    expect(resolveSchedules(jobs).map((s) => s.cron)).toEqual(['0 8 * * 1', '* * * * *']);
  });

  it('refuses an override for a job that does not exist, naming the jobs', () => {
    expect(() => resolveSchedules(jobs, { c: '0 8 * * 1' })).toThrow('unknown job "c"; jobs are a, b');
  });

  it('refuses a job whose own default is invalid', () => {
    expect(() => resolveSchedules([job('x', '0 8 L * *')])).toThrow(JobScheduleError);
  });
});

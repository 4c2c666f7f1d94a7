import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adminCopy } from './admin';

describe('运行状态 names the background jobs', () => {
  it('has a Chinese name for every job the server schedules', () => {
    const schedule = readFileSync(
      fileURLToPath(new URL('../../../server/src/jobs/schedule.ts', import.meta.url)),
      'utf8',
    );
    const jobs = [...schedule.matchAll(/jobs\.schedule\(\s*'(\w+)'/g)].map(([, name]) => name as string);
    expect(jobs.length).toBeGreaterThanOrEqual(11);
    const unnamed = jobs.filter((job) => !/\p{Script=Han}/u.test(adminCopy.health.jobNames[job] ?? ''));
    expect(unnamed).toEqual([]);
  });
});

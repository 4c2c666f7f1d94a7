import type { SensitivePeriodList } from '@xinfang/shared/schemas/screening';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { bj } from '../notifications/support';
import { expectError, PetitionKit } from '../petitions/kit';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

/**
 * Who declares and withdraws a sensitive period (audit 32, D4): it binds every unit of the group to
 * daily reports, so only a supervisor at the top may. Withdrawn before it begins, it is gone; under
 * way, it ends that day and the weeks take over again. Both are audited.
 */
let kit: PetitionKit;
let sent = 0;
const URL = '/api/screening/sensitive-periods';
const declare = (who: string, body: { name: string; from: string; to: string }) =>
  kit.http(who, 'POST', URL, body, { 'idempotency-key': `authority-${++sent}-key` });
const withdraw = (who: string, id: string, reason = '会议改期') =>
  kit.http(who, 'POST', `${URL}/${id}/withdraw`, { reason });
const periods = async () => {
  const response = await kit.http('ds.liaison', 'GET', URL);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as SensitivePeriodList;
};

beforeAll(async () => {
  kit = await PetitionKit.start({ at: bj('2026-11-02T09:00:00') }); // Monday of 2026-W45
  await kit.createStaff('aqk.sup', 'JA-DS-AQK', ['supervisor']);
  await kit.createStaff('ds.sup', 'JA-DS', ['supervisor']);
});
afterAll(() => kit?.close());

describe('a sensitive period is the group office’s to declare and withdraw', () => {
  it('a supervisor below the top may not declare one for everybody', async () => {
    const before = (await periods()).items;
    for (const who of ['aqk.sup', 'ds.sup']) {
      expectError(
        await declare(who, { name: '安全科自定敏感期', from: '2026-12-01', to: '2027-01-28' }),
        403,
        'FORBIDDEN',
      );
    }
    expect((await periods()).items).toEqual(before);
    // So the group's own declaration is not blocked by one from below.
    const group = await declare('supervisor', { name: '集团敏感期', from: '2026-12-10', to: '2026-12-15' });
    expect(group.statusCode, group.body).toBe(201);
  });

  it('withdrawn before it begins, it is gone, with the reason audited; only the top may', async () => {
    const declared = await declare('supervisor', { name: '年终会议', from: '2026-11-20', to: '2026-11-24' });
    expect(declared.statusCode, declared.body).toBe(201);
    const { id } = declared.json() as { id: string };
    expectError(await withdraw('ds.sup', id), 403, 'FORBIDDEN');
    expectError(await withdraw('ds.head', id), 403, 'FORBIDDEN');
    expectError(await withdraw('supervisor', id, '  '), 400, 'VALIDATION_FAILED');
    expectError(await withdraw('supervisor', 'NOSUCHPERIOD'), 404, 'NOT_FOUND');
    expect((await periods()).items.map((p) => p.id)).toContain(id);

    const withdrawn = await withdraw('supervisor', id);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((withdrawn.json() as SensitivePeriodList).items.map((p) => p.id)).not.toContain(id);
    expect((await periods()).items.map((p) => p.id)).not.toContain(id);
    // Again: the same answer, and one audit entry.
    expect((await withdraw('supervisor', id)).statusCode).toBe(200);
    const audited = (await kit.audit(id)).filter((a) => a.action === 'screening.withdraw_sensitive_period');
    expect(audited).toHaveLength(1);
    expect(audited[0]).toMatchObject({ actor_id: kit.staffId('supervisor'), outcome: 'success' });
    expect(JSON.parse(audited[0]?.details as string)).toMatchObject({
      from: '2026-11-20',
      to: '2026-11-24',
      endedOn: null,
      reason: '会议改期',
    });
    // Its days are free again.
    const again = await declare('supervisor', {
      name: '年终会议（改）',
      from: '2026-11-23',
      to: '2026-11-25',
    });
    expect(again.statusCode, again.body).toBe(201);
  });

  it('withdrawn while under way, it ends that day; one already over stays', async () => {
    const declared = await declare('supervisor', { name: '防汛', from: '2026-11-03', to: '2026-11-06' });
    expect(declared.statusCode, declared.body).toBe(201);
    const { id } = declared.json() as { id: string };
    kit.setTime(bj('2026-11-04T10:00:00'));
    expect((await periods()).current).toBe('2026-11-04');
    const withdrawn = await withdraw('supervisor', id, '汛情解除');
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((withdrawn.json() as SensitivePeriodList).items.find((p) => p.id === id)).toMatchObject({
      from: '2026-11-03',
      to: '2026-11-04',
      withdrawalReason: '汛情解除',
    });
    // Today's report is still due today; tomorrow belongs to the week again.
    expect((await periods()).current).toBe('2026-11-04');
    kit.setTime(bj('2026-11-05T10:00:00'));
    expect((await periods()).current).toBe('2026-W45');

    kit.setTime(bj('2026-11-30T10:00:00'));
    const over = (await periods()).items.find((p) => p.name === '年终会议（改）');
    expectError(await withdraw('supervisor', over?.id as string), 400, 'VALIDATION_FAILED');
  });
});

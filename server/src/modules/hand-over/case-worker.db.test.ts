import { STAFF_ROLES, type StaffRole } from '@xinfang/shared/schemas/identity';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../db/ids';
import { buildTestApp, type TestApp } from '../../testing/test-app';
import { HANDLER_ROLES } from '../petitions/handler';
import { assertCaseWorkerOf } from './case-worker';

/**
 * 一键移交's last word on the successor (Art 24): one of the person's own unit's active case
 * workers. Not a colleague of the unit above, below or beside it, not an account disabled, not
 * one whose roles work no cases; on SQLite and on MySQL alike.
 */
const AT = '2026-03-02T01:00:00.000Z';
const UNITS = { group: ['group'], mine: ['group', 'mine'], section: ['group', 'mine', 'section'] } as const;
// The person's unit is the mine; the other mine beside it is a unit of its own too.
const PLACES = ['group', 'mine', 'section', 'other'] as const;
type Place = (typeof PLACES)[number];

describe('the hand-over successor is a case worker of the person’s unit (Art 24)', () => {
  let t: TestApp;
  const ids = new Map<Place, string>(PLACES.map((place) => [place, newId()]));
  const unitOf = (place: Place) => ids.get(place) as string;

  beforeAll(async () => {
    t = await buildTestApp();
    const paths: Record<Place, readonly string[]> = { ...UNITS, other: ['group', 'other'] };
    for (const place of PLACES) {
      const path = paths[place];
      await t.app.db
        .insertInto('org_unit')
        .values({
          id: unitOf(place),
          parent_id: path.length > 1 ? unitOf(path.at(-2) as Place) : null,
          path: `/${path.map((p) => unitOf(p as Place)).join('/')}/`,
          depth: path.length - 1,
          code: `CW-${place}`,
          name: place,
          kind: 'mine',
          address: null,
          reception_hours: null,
          phone: null,
          retired_at: null,
          created_at: AT,
          updated_at: AT,
          letter_address: null,
          email: null,
          fax: null,
          online_address: null,
        })
        .execute();
    }
  });
  afterAll(() => t?.close());

  const staff = async (place: Place, status: 'active' | 'disabled', roles: readonly StaffRole[]) => {
    const id = newId();
    await t.app.db
      .insertInto('staff_account')
      .values({
        id,
        unit_id: unitOf(place),
        username: `cw-${id.toLowerCase()}`,
        display_name: '接手人',
        password_hash: 'x',
        phone_cipher: null,
        phone_hash: null,
        status,
        must_change_password: 0,
        created_at: AT,
        updated_at: AT,
        last_sign_in_at: null,
        temporary_password_expires_at: null,
      })
      .execute();
    if (roles.length > 0)
      await t.app.db
        .insertInto('staff_role')
        .values(roles.map((role) => ({ staff_id: id, role })))
        .execute();
    return id;
  };
  const verdict = (successorId: string) =>
    assertCaseWorkerOf(t.app.db, unitOf('mine'), successorId).then(
      () => 'allowed',
      (error: unknown) => {
        expect(error).toMatchObject({
          code: 'LIFECYCLE_REFUSED',
          details: { rule: 'handler.not_in_unit', param: 'successorId' },
        });
        return 'refused';
      },
    );

  it('allows a handler or the head of the unit, and refuses the rest by name of rule', async () => {
    expect(await verdict(await staff('mine', 'active', ['handler']))).toBe('allowed');
    expect(await verdict(await staff('mine', 'active', ['unit_head', 'responsible_leader']))).toBe('allowed');
    expect(await verdict(await staff('mine', 'disabled', ['handler']))).toBe('refused');
    expect(await verdict(await staff('mine', 'active', ['reception', 'responsible_leader']))).toBe('refused');
    expect(await verdict(await staff('section', 'active', ['handler']))).toBe('refused');
    expect(await verdict(await staff('group', 'active', ['unit_head']))).toBe('refused');
    expect(await verdict(await staff('other', 'active', ['handler']))).toBe('refused');
    expect(await verdict(newId())).toBe('refused');
  });

  it('allows exactly an active account of the unit itself with a role that works cases', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Mostly the unit's own active accounts: whether their roles work cases is the finer part.
        fc.oneof({ arbitrary: fc.constant('mine' as const), weight: 3 }, fc.constantFrom(...PLACES)),
        fc.oneof({ arbitrary: fc.constant('active' as const), weight: 3 }, fc.constant('disabled' as const)),
        fc.subarray([...STAFF_ROLES]),
        async (place, status, roles) => {
          const worker =
            place === 'mine' && status === 'active' && roles.some((r) => HANDLER_ROLES.includes(r));
          expect(await verdict(await staff(place, status, roles))).toBe(worker ? 'allowed' : 'refused');
        },
      ),
      { numRuns: 40 },
    );
  });
});

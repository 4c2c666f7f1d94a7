import { describe, expect, it } from 'vitest';
import { leads } from './roles';

describe('who leads (包案, 下访)', () => {
  it('is a unit head or a responsible leader, whatever else they are, and nobody else', () => {
    expect(leads({ roles: ['unit_head'] })).toBe(true);
    expect(leads({ roles: ['reception', 'responsible_leader'] })).toBe(true);
    for (const role of ['reception', 'handler', 'supervisor', 'liaison_officer', 'admin'] as const)
      expect(leads({ roles: [role] })).toBe(false);
    expect(leads({ roles: [] })).toBe(false);
  });
});

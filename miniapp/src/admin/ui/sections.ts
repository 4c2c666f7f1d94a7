import type { AdminUnit } from '@xinfang/shared/schemas/admin';

/** The administration's pages, in the order its menus list them. */
export const ADMIN_SECTIONS = [
  'home',
  'units',
  'accounts',
  'roster',
  'categories',
  'calendar',
  'audit',
  'outbox',
  'health',
] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

/**
 * The pages the server refuses (403) to an administrator below the top of the organisation: the
 * message outbox holds every unit's messages. The categories and the calendar stay offered: below
 * the top they are read, not changed (their pages say so).
 */
const TOP_ONLY: readonly AdminSection[] = ['outbox'];

/** The sections a menu offers, in order: the top's own only to an administrator at the top. */
export function offeredSections(atTop: boolean): AdminSection[] {
  return ADMIN_SECTIONS.filter((section) => atTop || !TOP_ONLY.includes(section));
}

/**
 * Whether an administrator sits at the top, from his units (`GET /api/admin/units`, his subtree):
 * the group's administrator sees the unit without a parent; a mine's sees his mine at the top.
 */
export function atTopOf(units: readonly Pick<AdminUnit, 'parentId'>[]): boolean {
  return units.some((unit) => unit.parentId === null);
}

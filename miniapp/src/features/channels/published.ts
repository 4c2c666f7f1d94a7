import type { OrgUnit } from '@xinfang/shared/schemas/identity';

/** The channels a unit publishes (Art 18), in the order the home page lists them. */
export const CHANNELS = [
  'address',
  'receptionHours',
  'phone',
  'letterAddress',
  'email',
  'fax',
  'onlineAddress',
] as const;
export type Channel = (typeof CHANNELS)[number];

/**
 * The units the petitioner's home page lists (信访工作条例 Art 18: the offices publish their
 * addresses, phone numbers, mail and online channels, and reception hours): those in use that
 * receive petitions and publish at least one channel, from the top of the organisation down.
 */
export function publishedUnits(
  units: readonly OrgUnit[],
): { unit: OrgUnit; channels: [Channel, string][] }[] {
  return units
    .filter((u) => !u.retired && u.receivesPetitions)
    .map((unit) => ({
      unit,
      channels: CHANNELS.flatMap((c): [Channel, string][] => (unit[c] ? [[c, unit[c] as string]] : [])),
    }))
    .filter((entry) => entry.channels.length > 0)
    .sort((a, b) => a.unit.depth - b.unit.depth || a.unit.sortOrder - b.unit.sortOrder);
}

import type { Petition } from './petition';
import { isWithin, type UnitRef } from './units';
import type { PetitionKind } from './vocabulary';

/**
 * Who may learn an accuser's identity (信访工作条例 Art 30, 46(5); Art 28 keeps the interested
 * out). Stated once, here, for every surface on both sides.
 *
 * The rule: staff whose own unit lies within the unit an accusation concerns — the accused unit
 * or any unit below it, which is every unit when the group's own leadership is accused — may
 * not learn who made the accusation: not the name, the numbers or the address, not the
 * attachments, not the petitioner's other petitions, not the audit entries of what the accuser
 * did. Other staff who may see the petition may; a petitioner sees only their own petitions.
 *
 * It is data, so that the server can turn it into SQL as well as into view decisions:
 * `accuserFirewall(viewer)` describes every petition whose accuser is hidden from a viewer (an
 * accusation whose concerned unit is one of the listed ids), and `hidesAccuser` applies that
 * description to one petition. The two never disagree because the second only reads the first.
 *
 * While the accused unit is not yet named (the petitioner did not know it), no one is behind the
 * firewall: only the receiving petition office holds the case, and the rule applies from the
 * moment reception names the unit.
 */
export type AccuserViewer = { kind: 'staff'; unit: UnitRef } | { kind: 'petitioner' };

/** The petitions whose accuser a viewer may not learn: of this kind, about one of these units. */
export interface AccuserFirewall {
  kind: Extract<PetitionKind, 'accusation'>;
  /** The viewer's own unit and every unit above it: an accusation about any of them accuses the viewer's unit. */
  concernedUnitIds: readonly string[];
}

/** What the rule reads of a petition. */
export interface AccuserFacts {
  kind: PetitionKind;
  /** Null while the accused unit is not yet named. */
  concernedUnitId: string | null;
}

/** The firewall a viewer stands behind, or null when nothing is hidden from them (a petitioner). */
export function accuserFirewall(viewer: AccuserViewer): AccuserFirewall | null {
  return viewer.kind === 'staff' ? { kind: 'accusation', concernedUnitIds: [...viewer.unit.path] } : null;
}

/** Whether the firewall hides this petition's accuser. */
export function hidesAccuser(firewall: AccuserFirewall | null, petition: AccuserFacts): boolean {
  return (
    firewall !== null &&
    petition.kind === firewall.kind &&
    petition.concernedUnitId !== null &&
    firewall.concernedUnitIds.includes(petition.concernedUnitId)
  );
}

/**
 * Who may not see an accusation at all (Art 30: the materials are never passed to the accused):
 * staff whose unit lies within the accused unit. Routing keeps the case from such units (`accuses`,
 * `receiverOf`), and so does the server when units move; this is the same rule for reading, so
 * that no unit that slipped under the accused one opens the case to it. The top of the organisation
 * is left out: when it is accused nobody stands outside it, and its office holds the case to
 * forward it (Art 22) with the accuser hidden (`accuserFirewall`).
 */
export function caseFirewall(viewer: AccuserViewer): AccuserFirewall | null {
  return viewer.kind === 'staff' ? { kind: 'accusation', concernedUnitIds: viewer.unit.path.slice(1) } : null;
}

/** Whether `caseFirewall` keeps this petition from the viewer altogether. */
export function caseHiddenFrom(viewer: AccuserViewer, petition: AccuserFacts): boolean {
  return hidesAccuser(caseFirewall(viewer), petition);
}

/** The rule on a lifecycle value: may this viewer not learn who submitted this petition? */
export function accuserHiddenFrom(petition: Petition, viewer: AccuserViewer): boolean {
  return hidesAccuser(accuserFirewall(viewer), {
    kind: petition.kind,
    concernedUnitId: petition.units.concerned?.id ?? null,
  });
}

/**
 * The same rule for routing (Art 30: materials are never passed to the accused): whether `unit` is
 * the accused unit or one below it, so that it may neither handle the accusation nor learn who made it.
 */
export function accuses(
  petition: { kind: PetitionKind; units: Pick<Petition['units'], 'concerned'> },
  unit: UnitRef,
): boolean {
  const accused = petition.units.concerned;
  return petition.kind === 'accusation' && accused !== null && isWithin(unit, accused);
}

/**
 * The office that receives an accusation (Art 30: materials are never passed to the accused). An
 * accusation received by the accused unit or one below it — at its own reception desk, or named
 * only while triaging — is received by the top of the organisation instead, as an online one is:
 * the accused unit then neither holds the materials nor counts the case among its own. When the
 * top itself is accused, nobody in the organisation stands outside it; the office there forwards
 * the accusation to the discipline organ (Art 22).
 */
export function receiverOf(petition: {
  kind: PetitionKind;
  units: Pick<Petition['units'], 'receiving' | 'concerned'>;
}): UnitRef {
  const { receiving, concerned } = petition.units;
  const top = concerned?.path[0];
  if (!accuses(petition, receiving) || top === undefined || concerned?.id === top) return receiving;
  return { id: top, path: [top] };
}

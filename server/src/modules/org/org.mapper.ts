import type { OrgUnit, UnitKind } from '@xinfang/shared/schemas/identity';
import type { OrgUnitRow } from './org.repository';

export function toOrgUnit(row: OrgUnitRow): OrgUnit {
  return {
    id: row.id,
    parentId: row.parent_id,
    code: row.code,
    name: row.name,
    kind: row.kind as UnitKind,
    depth: row.depth,
    address: row.address,
    receptionHours: row.reception_hours,
    phone: row.phone,
    sortOrder: row.sort_order,
    retired: row.retired_at !== null,
    receivesPetitions: row.receives_petitions === 1,
    letterAddress: row.letter_address,
    email: row.email,
    fax: row.fax,
    onlineAddress: row.online_address,
    aliases: row.aliases.split(' ').filter(Boolean),
  };
}

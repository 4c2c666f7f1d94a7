import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import { type AuditActor, recordAudit } from '../audit/audit-log';
import { newId } from '../db/ids';
import { saveSettings } from '../modules/documents/document.repository';
import { sealPng } from '../modules/documents/seal-image';

/**
 * The demo's document settings, so that the demo cases' notices look like a unit's real ones:
 * 东山煤矿 numbers its documents 东山信…, signs them by its head and seals them with a demo seal
 * (marked 演示用); the group has set only its prefix, so its documents show the empty seal area.
 */
export async function seedDemoDocumentSettings(
  app: FastifyInstance,
  actor: AuditActor,
  adminId: string,
  now: Date,
): Promise<void> {
  const units = new Map(
    (await app.db.selectFrom('org_unit').select(['id', 'code']).execute()).map((u) => [u.code, u.id]),
  );
  const at = now.toISOString();
  const seal = await sealPng(await readFile(new URL('./assets/demo-seal.png', import.meta.url)));
  const settings = [
    { code: 'JA-DS', prefix: '东山', signatory: ['孙建国', '矿长'], seal: true },
    { code: 'JA', prefix: '晋安煤业', signatory: null, seal: false },
  ] as const;
  for (const unit of settings) {
    const unitId = units.get(unit.code);
    if (!unitId) throw new Error(`demo document settings name an unknown unit ${unit.code}`);
    const sealKey = unit.seal ? `seals/${unitId}/${newId(now.getTime())}.png` : null;
    if (sealKey) await app.storage.put(sealKey, seal);
    await app.db.transaction().execute(async (trx) => {
      await saveSettings(trx, {
        unit_id: unitId,
        prefix: unit.prefix,
        signatory_name: unit.signatory?.[0] ?? null,
        signatory_title: unit.signatory?.[1] ?? null,
        seal_key: sealKey,
        updated_by: adminId,
        updated_at: at,
      });
      await recordAudit(
        trx,
        actor,
        {
          action: 'unit.document_settings',
          outcome: 'success',
          target: { type: 'unit', id: unitId },
          details: {
            prefix: true,
            signatory: unit.signatory !== null,
            seal: unit.seal ? 'replaced' : 'kept',
          },
        },
        now,
      );
    });
  }
}

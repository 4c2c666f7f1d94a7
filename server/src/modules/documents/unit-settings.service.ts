import type { UnitDocumentSettings, UpdateUnitDocumentSettingsBody } from '@xinfang/shared/schemas/documents';
import type { Kysely } from 'kysely';
import type { StaffPrincipal } from '../../access/principal';
import { recordAudit } from '../../audit/audit-log';
import { newId } from '../../db/ids';
import type { DB } from '../../db/schema';
import { AppError } from '../../errors';
import type { RequestContext } from '../../http/request-context';
import { type FileAsk, openStored, type StoredFile } from '../../http/send-file';
import { type FileStorage, readStored } from '../../integrations/storage/file-storage';
import { findAttachment } from '../attachments/attachment.repository';
import { allUnitsWithSettings, saveSettings, type UnitFacts } from './document.repository';
import { type PrintedUnit, printedAmong, printedUnits } from './printed-unit';
import { SealRefused, sealPng } from './seal-image';

/** What the unit settings service works with — no more. */
export interface UnitSettingsServiceDeps {
  db: Kysely<DB>;
  /** Where an uploaded seal is read from, and its image kept. */
  storage: FileStorage;
}

/**
 * Each unit's document settings: its prefix (机关代字) for document numbers, its signatory, and its
 * seal. Notices already issued keep the settings they were issued with (their facts name the seal's
 * file, and a new seal is a new file). Changes are audited, and so is each download of the seal.
 */
export function createUnitSettingsService(deps: UnitSettingsServiceDeps) {
  const { db, storage } = deps;

  async function unit(unitId: string): Promise<Unit> {
    const found = (await printedUnits(db, [unitId])).get(unitId);
    if (!found) throw new AppError('NOT_FOUND', '没有找到这个单位');
    return found;
  }

  async function get(unitId: string): Promise<UnitDocumentSettings> {
    return view(await unit(unitId));
  }

  async function update(
    context: RequestContext,
    staff: StaffPrincipal,
    unitId: string,
    body: UpdateUnitDocumentSettingsBody,
  ): Promise<UnitDocumentSettings> {
    const current = await unit(unitId);
    const settings = current.settings;
    if (body.prefix !== undefined) await assertPrefixFree(unitId, body.prefix);
    let sealKey = settings?.seal_key ?? null;
    if (body.sealAttachmentId !== undefined) {
      sealKey =
        body.sealAttachmentId === null
          ? null
          : await storeSeal(staff, unitId, body.sealAttachmentId, context.now);
    }
    const at = context.now.toISOString();
    await db.transaction().execute(async (trx) => {
      await saveSettings(trx, {
        unit_id: unitId,
        prefix: body.prefix ?? settings?.prefix ?? null,
        signatory_name:
          body.signatoryName === undefined ? (settings?.signatory_name ?? null) : body.signatoryName,
        signatory_title:
          body.signatoryTitle === undefined ? (settings?.signatory_title ?? null) : body.signatoryTitle,
        seal_key: sealKey,
        updated_by: staff.id,
        updated_at: at,
      });
      await recordAudit(
        trx,
        context.actor,
        {
          action: 'unit.document_settings',
          outcome: 'success',
          target: { type: 'unit', id: unitId },
          details: {
            prefix: body.prefix !== undefined,
            signatory: body.signatoryName !== undefined || body.signatoryTitle !== undefined,
            seal:
              body.sealAttachmentId === undefined
                ? 'kept'
                : body.sealAttachmentId === null
                  ? 'removed'
                  : 'replaced',
          },
        },
        context.now,
      );
    });
    return get(unitId);
  }

  /** The uploaded image made a seal, stored under a new key (older documents keep the old one). */
  async function storeSeal(
    staff: StaffPrincipal,
    unitId: string,
    attachmentId: string,
    now: Date,
  ): Promise<string> {
    const upload = await findAttachment(db, attachmentId);
    const invalid = (message: string) =>
      new AppError('VALIDATION_FAILED', message, [{ path: '/body/sealAttachmentId', message }]);
    if (!upload || upload.owner_id !== staff.id || upload.petition_id !== null || upload.kind !== 'image')
      throw invalid('印章图片不存在或不是您刚上传的图片，请重新上传');
    const bytes = await readStored(storage, upload.storage_key);
    if (!bytes) throw invalid('印章图片已失效，请重新上传');
    let png: Buffer;
    try {
      png = await sealPng(bytes);
    } catch (error) {
      if (error instanceof SealRefused) throw invalid('图片中没有看到印章，请在白纸上盖章后拍照或扫描');
      throw error;
    }
    const key = `seals/${unitId}/${newId(now.getTime())}.png`;
    await storage.put(key, png);
    return key;
  }

  /**
   * A prefix printed by no other unit now, so that a number names one unit: another unit's own
   * prefix or the one it prints by default (东山煤矿 for the mine until it sets one).
   */
  async function assertPrefixFree(unitId: string, prefix: string): Promise<void> {
    const all = await allUnitsWithSettings(db);
    const others = [...all.values()].filter((u) => u.id !== unitId && !u.retired).map((u) => u.id);
    const taken = [...printedAmong(all, others).values()].find((other) => other.prefix === prefix);
    if (taken) {
      throw new AppError('ALREADY_EXISTS', `机关代字“${prefix}”已由${taken.printedName}使用，请另选一个`, [
        { path: '/body/prefix', message: 'printed by another unit' },
      ]);
    }
  }

  /** The part `ask` wants of the clean seal image, for those who keep it; each download is audited. */
  async function seal(context: RequestContext, unitId: string, ask: FileAsk): Promise<StoredFile> {
    const key = (await unit(unitId)).settings?.seal_key;
    const file = key ? await openStored(storage, key, ask) : null;
    if (!file) throw new AppError('NOT_FOUND', '这个单位还没有设置印章');
    try {
      await recordAudit(
        db,
        context.actor,
        { action: 'unit.seal_download', outcome: 'success', target: { type: 'unit', id: unitId } },
        context.now,
      );
    } catch (error) {
      file.stream?.destroy();
      throw error;
    }
    return { ...file, mime: 'image/png', filename: 'seal.png' };
  }

  return { get, update, seal };
}

type Unit = UnitFacts & PrintedUnit;

function view(unit: Unit): UnitDocumentSettings {
  const s = unit.settings;
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name },
    prefix: unit.prefix,
    prefixSet: Boolean(s?.prefix),
    signatoryName: s?.signatory_name ?? null,
    signatoryTitle: s?.signatory_title ?? null,
    hasSeal: Boolean(s?.seal_key),
    updatedAt: s?.updated_at ?? null,
  };
}

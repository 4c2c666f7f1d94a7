import { Text, View } from '@tarojs/components';
import type { UnitDocumentSettings, UpdateUnitDocumentSettingsBody } from '@xinfang/shared/schemas/documents';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { pickPhotos } from '@/features/submission/pick';
import { newLocalId } from '@/platform/ids';
import { uploadPhoto } from '@/services/attachments';
import { releaseDocumentFile, signedInFile } from '@/services/document-file';
import { getDocumentSettings, updateDocumentSettings } from '@/services/documents';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Picture } from '@/ui/controls';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';

const text = staffCopy.documentSettings;

/**
 * A unit's document settings, for its head or an admin: the prefix its document numbers carry, the
 * signatory printed on its notices, and its seal (an image of the seal on white paper; the paper is
 * made transparent). Notices already issued keep what they were issued with.
 */
export default function StaffDocumentSettings() {
  const session = useStaffSession();
  const me = session.me;
  const [settings, setSettings] = useState<UnitDocumentSettings | null>(null);
  const [prefix, setPrefix] = useState('');
  const [signatoryName, setSignatoryName] = useState('');
  const [signatoryTitle, setSignatoryTitle] = useState('');
  const [seal, setSeal] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState<'save' | 'seal' | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const inFlight = useRef(false);
  const unitId = me?.unit.id ?? null;

  const show = useCallback((fresh: UnitDocumentSettings) => {
    setSettings(fresh);
    setPrefix(fresh.prefix);
    setSignatoryName(fresh.signatoryName ?? '');
    setSignatoryTitle(fresh.signatoryTitle ?? '');
    setSeal((previous) => {
      if (previous) releaseDocumentFile(previous);
      return null;
    });
    if (fresh.hasSeal)
      signedInFile(
        `/api/units/${encodeURIComponent(fresh.unit.id)}/seal.png?v=${encodeURIComponent(fresh.updatedAt ?? '')}`,
      )
        .then(setSeal)
        .catch(() => undefined);
  }, []);

  const load = useCallback(async () => {
    if (!unitId) return;
    setError(null);
    try {
      show(await getDocumentSettings(unitId));
    } catch (failure) {
      setError(failure);
    }
  }, [unitId, show]);
  useEffect(() => {
    void load();
  }, [load]);

  const save = async (body: UpdateUnitDocumentSettingsBody, what: 'save' | 'seal') => {
    if (!unitId || inFlight.current) return;
    inFlight.current = true;
    setBusy(what);
    setError(null);
    setStatus(null);
    try {
      show(await updateDocumentSettings(unitId, body));
      setStatus(text.saved);
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(null);
    }
  };

  const uploadSeal = async () => {
    const [photo] = await pickPhotos('album', 1, { orCamera: true }).catch(() => []);
    if (!photo) return;
    try {
      const uploaded = await uploadPhoto(photo.data, () => undefined, newLocalId('seal'));
      await save({ sealAttachmentId: uploaded.id }, 'seal');
    } catch (failure) {
      setError(failure);
    }
  };

  const example = `${prefix.trim() || settings?.unit.name || ''}信复〔${new Date().getFullYear()}〕1号`;
  return (
    <StaffPage
      title={text.title}
      testId="staff-documents-page"
      state={session}
      nav="documents"
      onRestored={() => void load()}
    >
      {me && !can.documentSettings(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <StatusLine text={status} testId="staff-documents-status" />
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {!settings ? (
        error ? null : (
          <Loading />
        )
      ) : (
        <>
          <Card title={settings.unit.name} testId="document-settings-form">
            <TextField
              label={text.prefix}
              value={prefix}
              onChange={setPrefix}
              maxLength={12}
              hint={text.prefixHint(example)}
              testId="document-prefix"
            />
            <TextField
              label={text.signatoryName}
              value={signatoryName}
              onChange={setSignatoryName}
              maxLength={32}
              testId="document-signatory-name"
            />
            <TextField
              label={text.signatoryTitle}
              value={signatoryTitle}
              onChange={setSignatoryTitle}
              maxLength={100}
              testId="document-signatory-title"
            />
            <Button
              variant="primary"
              busy={busy === 'save'}
              onPress={() =>
                void save(
                  {
                    ...(prefix.trim() ? { prefix: prefix.trim() } : {}),
                    signatoryName: signatoryName.trim() || null,
                    signatoryTitle: signatoryTitle.trim() || null,
                  },
                  'save',
                )
              }
              testId="document-settings-save"
            >
              {text.save}
            </Button>
          </Card>
          <Card title={text.seal} testId="document-seal">
            <Text className="xf-text xf-text--small xf-text--muted">{text.sealHint}</Text>
            {seal ? (
              <View className="staff-seal">
                <Picture
                  whole
                  src={seal}
                  className="staff-seal__image"
                  alt={text.sealAlt(settings.unit.name)}
                />
              </View>
            ) : (
              <Text className="xf-text xf-text--muted">{settings.hasSeal ? '' : text.sealNone}</Text>
            )}
            <View className="xf-row">
              <Button
                inline
                busy={busy === 'seal'}
                onPress={() => void uploadSeal()}
                testId="document-seal-upload"
              >
                {text.sealUpload}
              </Button>
              {settings.hasSeal && (
                <Button
                  inline
                  variant="danger"
                  onPress={() => void save({ sealAttachmentId: null }, 'seal')}
                  testId="document-seal-remove"
                >
                  {text.sealRemove}
                </Button>
              )}
            </View>
          </Card>
        </>
      )}
    </StaffPage>
  );
}

import { Text, View } from '@tarojs/components';
import type { PetitionerMatch } from '@xinfang/shared/schemas/petitions';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Notice } from '@/ui/Feedback';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';
import { findPetitioners } from '../services/staff-api';
import { StaffError } from '../ui/StaffPage';
import type { PetitionerChoice, RegisterFields, validateRegister } from './register-form';

const text = staffCopy.register;
const PHONE = /^(\+?86)?1[3-9]\d{9}$/;

/** Find the petitioner by phone (masked matches), or create them. */
export function PetitionerStep({
  fields,
  setFields,
  problems,
}: {
  fields: RegisterFields;
  setFields: (patch: Partial<RegisterFields>) => void;
  problems: ReturnType<typeof validateRegister>['fields'];
}) {
  const [matches, setMatches] = useState<PetitionerMatch[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [phoneProblem, setPhoneProblem] = useState<string | null>(null);
  const p = fields.petitioner;
  const choose = (petitioner: PetitionerChoice) => setFields({ petitioner });

  const find = async () => {
    const phone = fields.lookupPhone.trim();
    if (!PHONE.test(phone)) {
      setPhoneProblem(text.phoneInvalid);
      return;
    }
    setPhoneProblem(null);
    setBusy(true);
    setError(null);
    try {
      const found = await findPetitioners(phone);
      setMatches(found);
      if (found.length === 0) choose({ mode: 'new', realName: '', phone, idNumber: '', address: '' });
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  if (p.mode === 'existing')
    return (
      <View>
        <Notice tone="ok" testId="register-petitioner-chosen">
          {`${text.chosen(p.match.realName ?? copy.common.none)}（${p.match.phone ?? ''}）`}
        </Notice>
        <Switch
          label={text.contactUnclear}
          checked={fields.contactUnclear}
          onChange={(contactUnclear) => setFields({ contactUnclear })}
          testId="register-contact-unclear"
        />
        <Button inline onPress={() => choose({ mode: 'none' })} testId="register-petitioner-change">
          {text.changePetitioner}
        </Button>
      </View>
    );

  return (
    <View>
      <TextField
        label={text.findByPhone}
        value={fields.lookupPhone}
        onChange={(lookupPhone) => setFields({ lookupPhone })}
        keyboard="phone"
        maxLength={14}
        placeholder={text.phonePlaceholder}
        error={phoneProblem}
        testId="register-lookup-phone"
      />
      <Button inline busy={busy} onPress={() => void find()} testId="register-lookup">
        {text.find}
      </Button>
      {error ? <StaffError error={error} testId="register-lookup-error" /> : null}
      {matches && matches.length > 0 && (
        <View role="list" data-testid="register-matches">
          {matches.map((match) => (
            <View key={match.id} role="listitem" className="staff-match">
              <Text className="xf-text xf-text--strong" data-testid="register-match">
                {text.found(match.realName ?? copy.common.none)}
              </Text>
              <Text className="xf-text xf-text--small xf-text--muted">
                {[match.phone, match.address, match.worker ? staffCopy.detail.worker : null]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
              <Button
                inline
                variant="primary"
                onPress={() => choose({ mode: 'existing', match })}
                label={text.foundLabel(match.realName ?? '', match.phone ?? '')}
                testId="register-use-match"
              >
                {text.useExisting}
              </Button>
            </View>
          ))}
        </View>
      )}
      {matches && matches.length === 0 && <Notice testId="register-not-found">{text.notFound}</Notice>}
      {p.mode === 'none' ? (
        <View>
          {problems.petitioner && (
            <Text className="xf-field__error" role="alert">
              {problems.petitioner}
            </Text>
          )}
          <Button
            inline
            onPress={() =>
              choose({
                mode: 'new',
                realName: '',
                phone: fields.lookupPhone.trim(),
                idNumber: '',
                address: '',
              })
            }
            testId="register-new-petitioner"
          >
            {text.newPetitioner}
          </Button>
        </View>
      ) : (
        <View className="staff-register__new" data-testid="register-new">
          <Text className="xf-text xf-text--strong" {...heading(3)}>
            {text.newPetitioner}
          </Text>
          <Text className="xf-text xf-text--small xf-text--muted" data-testid="register-new-hint">
            {text.newPetitionerHint}
          </Text>
          <TextField
            label={text.realName}
            value={p.realName}
            onChange={(realName) => choose({ ...p, realName })}
            required
            maxLength={32}
            error={problems.realName}
            testId="register-name"
          />
          <TextField
            label={text.phone}
            value={p.phone}
            onChange={(phone) => choose({ ...p, phone })}
            keyboard="phone"
            maxLength={14}
            error={problems.phone}
            testId="register-phone"
          />
          <TextField
            label={text.idNumber}
            value={p.idNumber}
            onChange={(idNumber) => choose({ ...p, idNumber })}
            keyboard="idcard"
            maxLength={18}
            error={problems.idNumber}
            testId="register-id-number"
          />
          <TextField
            label={text.address}
            value={p.address}
            onChange={(address) => choose({ ...p, address })}
            maxLength={200}
            error={problems.address}
            testId="register-address"
          />
          <Switch
            label={text.contactUnclear}
            checked={fields.contactUnclear}
            onChange={(contactUnclear) => setFields({ contactUnclear })}
            testId="register-contact-unclear"
          />
          <Button inline onPress={() => choose({ mode: 'none' })}>
            {copy.common.cancel}
          </Button>
        </View>
      )}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { OrgUnit, PetitionerMe } from '@xinfang/shared/schemas/identity';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { PROFILE_ERROR_CLASS, ProfileFields } from '@/features/profile/ProfileFields';
import { profileComplete, saveFailedMessage, useProfileForm } from '@/features/profile/use-profile-form';
import type { Draft, DraftProfile } from '@/features/submission/draft';
import {
  countProblems,
  hintsFor,
  isValid,
  LIMITS,
  type SubmissionFields,
  validate,
} from '@/features/submission/form';
import { drafts } from '@/features/submission/instance';
import { discardPhoto } from '@/features/submission/photo-store';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { usePhotoUploads } from '@/features/submission/use-photo-uploads';
import { routes } from '@/routes';
import { getCategories, getUnits } from '@/services/org';
import { useSignedIn } from '@/session/use-session';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ChipChoice } from '@/ui/ChipChoice';
import { Choice } from '@/ui/Choice';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { ErrorRetry, Loading, Notice } from '@/ui/Feedback';
import { ErrorsSummarised, focusFirstInvalid } from '@/ui/focus';
import { Page } from '@/ui/Page';
import { TextField } from '@/ui/TextField';
import { CollectiveSection } from './CollectiveSection';
import { PhotosSection } from './PhotosSection';
import './index.scss';

const text = copy.submit;

/**
 * The guided submission form, in the order a person tells it: what happened first, then the unit
 * (or 「不清楚，由信访办分办」), the area and the kind, explained with everyday examples; the title is
 * optional. Every change is saved on the device at once (the draft), photos included. 下一步
 * (fixed at the bottom) checks the form with the server's own limits, marks what is missing (said
 * once beside the button, in words, and focus goes to the first field to fix), saves a newly typed
 * name and address to the account, and goes to the confirm page.
 */
export default function Submit() {
  const session = useSignedIn();
  const me = session?.me.kind === 'petitioner' ? session.me : null;
  if (!me)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );
  // The form says its problems once, beside 下一步; the fields' errors are not alerts too.
  return (
    <ErrorsSummarised.Provider value={true}>
      <SubmitForm me={me} />
    </ErrorsSummarised.Provider>
  );
}

function SubmitForm({ me }: { me: PetitionerMe }) {
  const reupload = useRouter().params.reupload === '1';
  const [draft, setDraft] = useState<Draft | null>(null);
  const latest = useRef<Draft | null>(null);
  const [restored, setRestored] = useState(false);
  const [tried, setTried] = useState(false);
  const [discarding, setDiscarding] = useState(false);

  const commit = useCallback((change: (draft: Draft) => Draft) => {
    if (!latest.current) return;
    const saved = drafts.save(change(latest.current));
    latest.current = saved;
    setDraft(saved);
  }, []);

  // The name and address typed are kept in the draft like every other field, until the account has
  // them (the person's own, on their own device; never a phone or ID number).
  const keepProfile = useCallback(
    (typed: DraftProfile | null) => commit((d) => ({ ...d, profile: typed })),
    [commit],
  );
  const profile = useProfileForm(me, keepProfile);
  const { restore: restoreProfile } = profile;
  const [editingProfile, setEditingProfile] = useState(!profileComplete(me));

  useEffect(() => {
    if (latest.current) return;
    const opened = drafts.open(me.id);
    if (opened.pending) {
      // A submission is on its way: only the confirm page may retry it, with the same body.
      void Taro.redirectTo({ url: routes.confirm });
      return;
    }
    latest.current = opened;
    setDraft(opened);
    setRestored(drafts.hasContent(opened));
    if (opened.profile) {
      restoreProfile(opened.profile);
      setEditingProfile(true);
    }
  }, [me.id, restoreProfile]);

  const setFields = useCallback(
    (patch: Partial<SubmissionFields>) => commit((d) => ({ ...d, fields: { ...d.fields, ...patch } })),
    [commit],
  );

  const photos = usePhotoUploads(draft, commit);
  const [units, setUnits] = useState<OrgUnit[] | null>(null);
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const loadLists = useCallback(() => {
    setLoadError(null);
    Promise.all([getUnits(), getCategories()])
      .then(([u, c]) => {
        setUnits(u);
        setCategories(c);
      })
      .catch(setLoadError);
  }, []);
  useEffect(loadLists, [loadLists]);

  const problems = useMemo(() => (draft ? validate(draft.fields, draft.photos) : null), [draft]);
  const hints = useMemo(() => (draft ? hintsFor(draft.fields, categories ?? []) : []), [draft, categories]);

  if (!draft || !problems)
    return (
      <Page title={text.title}>
        <Loading />
      </Page>
    );

  const f = draft.fields;
  const show = (field: keyof typeof problems.fields) => (tried ? (problems.fields[field] ?? null) : null);
  const hint = (key: string) =>
    hints
      .filter((h) => h.key === key)
      .map((h) => (
        <Notice key={h.key} tone={h.tone} testId={`hint-${h.key}`}>
          {h.text}
        </Notice>
      ));

  // Said beside the button (a toast would vanish before a slow reader finds it), and what it is
  // about is brought into view once the messages have rendered.
  const bringIntoView = (selector: string) =>
    setTimeout(
      () => void Taro.pageScrollTo({ selector, offsetTop: -160, duration: 200 }).catch(() => undefined),
      50,
    );
  const blocked = tried && (!isValid(problems) || !profile.filled);
  const barMessage = blocked
    ? text.fixErrors(countProblems(problems, profile))
    : profile.error
      ? saveFailedMessage(profile.error)
      : null;

  const next = async () => {
    setTried(true);
    if (!isValid(problems) || !profile.filled) {
      bringIntoView('.xf-field__error');
      // Once the fields are marked: a keyboard or screen-reader user lands on the first one.
      setTimeout(focusFirstInvalid, 60);
      return;
    }
    // The name and address typed here are saved with 下一步: there is no separate 保存 to miss.
    if (!(await profile.save())) {
      bringIntoView(`.${PROFILE_ERROR_CLASS}`);
      return;
    }
    void Taro.navigateTo({ url: routes.confirm });
  };

  const discard = () => {
    setDiscarding(false);
    for (const photo of draft.photos) if (photo.ref) void discardPhoto(photo.ref);
    drafts.discard(me.id);
    const fresh = drafts.open(me.id);
    latest.current = fresh;
    setDraft(fresh);
    restoreProfile(null);
    setEditingProfile(!profileComplete(me));
    setRestored(false);
    setTried(false);
  };

  return (
    <Page title={text.title} testId="submit-page">
      {restored && (
        <Notice tone="ok" testId="draft-restored">
          {text.draftRestored}
        </Notice>
      )}
      {reupload && <Notice tone="warn">{copy.confirm.reuploading}</Notice>}
      {loadError ? <ErrorRetry error={loadError} onRetry={loadLists} what={text.title} /> : null}

      <Card title={text.steps.text}>
        <TextField
          label={text.contentLabel}
          value={f.content}
          onChange={(content) => setFields({ content })}
          placeholder={text.contentPlaceholder}
          maxLength={LIMITS.content}
          multiline
          required
          error={show('content')}
          testId="content-input"
        />
        <TextField
          label={text.titleLabel}
          value={f.title}
          onChange={(title) => setFields({ title })}
          placeholder={text.titlePlaceholder}
          hint={text.titleHint}
          maxLength={LIMITS.title}
          error={show('title')}
          testId="title-input"
        />
        <TextField
          label={text.locationLabel}
          value={f.location}
          onChange={(location) => setFields({ location })}
          placeholder={text.locationPlaceholder}
          maxLength={LIMITS.location}
          error={show('location')}
          testId="location-input"
        />
      </Card>

      <PhotosSection draft={draft} photos={photos} error={show('photos')} />

      <Card title={text.steps.unit}>
        {hint('accusedUnit')}
        {units ? (
          <UnitPicker
            units={units}
            value={f.concernedUnitId}
            onChange={(concernedUnitId) => setFields({ concernedUnitId, unitUnknown: false })}
            suggested={
              me.worker ? { id: me.worker.unit.id, label: text.unitMine(me.worker.unit.name) } : null
            }
            unknown={{ chosen: f.unitUnknown, onChoose: () => setFields({ unitUnknown: true }) }}
            error={show('concernedUnitId')}
          />
        ) : (
          !loadError && <Loading />
        )}
      </Card>

      <Card title={text.steps.category}>
        {categories ? (
          <ChipChoice
            label={text.category}
            options={categories.map((c) => ({ value: c.code, label: c.name }))}
            value={f.categoryCode ?? ''}
            onChange={(categoryCode) => setFields({ categoryCode })}
            testId="category"
            error={show('categoryCode')}
            labelHidden
          />
        ) : (
          !loadError && <Loading />
        )}
        {hint('category')}
      </Card>

      <Card title={text.steps.kind}>
        <Choice
          label={text.steps.kind}
          testId="kind"
          value={f.kind}
          onChange={(kind) => setFields({ kind })}
          options={(['request', 'suggestion', 'accusation'] as const).map((kind) => ({
            value: kind,
            label: copy.kinds[kind].choice,
            description: copy.kinds[kind].explain,
          }))}
          error={show('kind')}
        />
        {hint('kind')}
      </Card>

      <CollectiveSection
        fields={f}
        setFields={setFields}
        problems={problems}
        tried={tried}
        hint={hint('collective')}
      />

      <Card title={copy.profile.title} testId="profile">
        {editingProfile ? (
          <ProfileFields form={profile} showErrors={tried} />
        ) : (
          <View>
            <Text className="xf-text" data-testid="profile-summary">
              {copy.profile.summary(profile.realName, profile.address)}
            </Text>
            <Button inline onPress={() => setEditingProfile(true)} testId="profile-edit">
              {copy.profile.edit}
            </Button>
          </View>
        )}
      </Card>

      <Text className="xf-text xf-text--small xf-text--muted" data-testid="draft-saved">
        {text.draftSaved}
      </Text>
      <Button variant="link" onPress={() => setDiscarding(true)} testId="draft-discard">
        {text.discardDraft}
      </Button>

      <View className="xf-actionbar">
        {barMessage && (
          <Text
            className="xf-field__error"
            role="alert"
            data-testid={blocked ? 'submit-problems' : 'submit-save-error'}
          >
            {barMessage}
          </Text>
        )}
        <Button
          variant="primary"
          busy={profile.saving}
          busyText={copy.profile.saving}
          onPress={() => void next()}
          testId="submit-next"
        >
          {text.next}
        </Button>
      </View>

      {discarding && (
        <ConfirmDialog
          title={text.discardTitle}
          body={text.discardBody}
          confirm={text.discardYes}
          cancel={text.discardNo}
          onConfirm={discard}
          onCancel={() => setDiscarding(false)}
          testId="discard-dialog"
        />
      )}
    </Page>
  );
}

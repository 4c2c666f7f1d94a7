import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { OrgUnit } from '@xinfang/shared/schemas/identity';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { ProfileCard, profileComplete } from '@/features/profile/ProfileCard';
import type { Draft } from '@/features/submission/draft';
import {
  addRepresentative,
  hintsFor,
  isValid,
  LIMITS,
  removeRepresentative,
  type SubmissionFields,
  validate,
} from '@/features/submission/form';
import { drafts } from '@/features/submission/instance';
import { discardPhoto } from '@/features/submission/photo-store';
import { type PhotoSource, pickPhotos } from '@/features/submission/pick';
import { UnitPicker } from '@/features/submission/UnitPicker';
import { type PhotoView, usePhotoUploads } from '@/features/submission/use-photo-uploads';
import { routes } from '@/routes';
import { getCategories, getUnits } from '@/services/org';
import { useSignedIn } from '@/session/use-session';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Choice } from '@/ui/Choice';
import { Picture } from '@/ui/controls';
import { ErrorRetry, Loading, Notice } from '@/ui/Feedback';
import { Page } from '@/ui/Page';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';
import './index.scss';

const text = copy.submit;

/**
 * The guided submission form. Every change is saved on the device at once (the draft), photos
 * included; "next" checks the form with the server's own limits and goes to the confirm page.
 */
export default function Submit() {
  const session = useSignedIn();
  const me = session?.me.kind === 'petitioner' ? session.me : null;
  const reupload = useRouter().params.reupload === '1';

  const [draft, setDraft] = useState<Draft | null>(null);
  const latest = useRef<Draft | null>(null);
  const [restored, setRestored] = useState(false);
  const [tried, setTried] = useState(false);

  useEffect(() => {
    if (!me || latest.current) return;
    const opened = drafts.open(me.id);
    if (opened.pending) {
      // A submission is on its way: only the confirm page may retry it, with the same body.
      void Taro.redirectTo({ url: routes.confirm });
      return;
    }
    latest.current = opened;
    setDraft(opened);
    setRestored(drafts.hasContent(opened));
  }, [me]);

  const commit = useCallback((change: (draft: Draft) => Draft) => {
    if (!latest.current) return;
    const saved = drafts.save(change(latest.current));
    latest.current = saved;
    setDraft(saved);
  }, []);

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

  if (!me || !draft || !problems)
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

  const next = () => {
    setTried(true);
    if (!isValid(problems) || !profileComplete(me)) {
      void Taro.showToast({ title: text.fixErrors, icon: 'none' });
      // Bring the first problem into view once the messages have rendered.
      setTimeout(
        () =>
          void Taro.pageScrollTo({ selector: '.xf-field__error', offsetTop: -160, duration: 200 }).catch(
            () => undefined,
          ),
        50,
      );
      return;
    }
    void Taro.navigateTo({ url: routes.confirm });
  };

  const discard = async () => {
    const { confirm } = await Taro.showModal({
      content: text.discardConfirm,
      confirmText: copy.common.confirm,
    });
    if (!confirm) return;
    for (const photo of draft.photos) if (photo.ref) void discardPhoto(photo.ref);
    drafts.discard(me.id);
    latest.current = null;
    const fresh = drafts.open(me.id);
    latest.current = fresh;
    setDraft(fresh);
    setRestored(false);
    setTried(false);
  };

  const choose = async (source: PhotoSource) => {
    const room = LIMITS.photos - draft.photos.length;
    if (room <= 0) {
      void Taro.showToast({ title: text.photoTooMany(LIMITS.photos), icon: 'none' });
      return;
    }
    await photos.add(await pickPhotos(source, room));
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
      <ProfileCard me={me} showErrors={tried} />

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
        />
        {show('kind') && (
          <Text className="xf-field__error" role="alert">
            {show('kind')}
          </Text>
        )}
        {hint('kind')}
      </Card>

      <Card title={text.steps.category}>
        {categories ? (
          <Choice
            label={text.category}
            testId="category"
            value={f.categoryCode}
            onChange={(categoryCode) => setFields({ categoryCode })}
            options={categories.map((c) => ({ value: c.code, label: c.name }))}
          />
        ) : (
          !loadError && <Loading />
        )}
        {show('categoryCode') && (
          <Text className="xf-field__error" role="alert">
            {show('categoryCode')}
          </Text>
        )}
        {hint('category')}
      </Card>

      <Card title={text.steps.unit}>
        {hint('accusedUnit')}
        {units ? (
          <UnitPicker
            units={units}
            value={f.concernedUnitId}
            onChange={(concernedUnitId) => setFields({ concernedUnitId })}
            suggested={me.worker ? { id: me.worker.unit.id, name: me.worker.unit.name } : null}
            error={show('concernedUnitId')}
          />
        ) : (
          !loadError && <Loading />
        )}
      </Card>

      <Card title={text.steps.text}>
        <TextField
          label={text.titleLabel}
          value={f.title}
          onChange={(title) => setFields({ title })}
          placeholder={text.titlePlaceholder}
          maxLength={LIMITS.title}
          required
          error={show('title')}
          testId="title-input"
        />
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
          label={text.locationLabel}
          value={f.location}
          onChange={(location) => setFields({ location })}
          placeholder={text.locationPlaceholder}
          maxLength={LIMITS.location}
          error={show('location')}
          testId="location-input"
        />
      </Card>

      <Card title={text.steps.photos}>
        <Text className="xf-text xf-text--small xf-text--muted">{text.photosHint(LIMITS.photos)}</Text>
        <View className="photos" role="list" aria-label={text.steps.photos} data-testid="photos">
          {draft.photos.map((photo, i) => (
            <PhotoTile
              key={photo.id}
              n={i + 1}
              view={photos.views[photo.id]}
              uploaded={photo.attachmentId !== null}
              onRetry={() => void photos.retry(photo.id)}
              onRemove={() => photos.remove(photo.id)}
            />
          ))}
        </View>
        {show('photos') && (
          <Text className="xf-field__error" role="alert">
            {show('photos')}
          </Text>
        )}
        <View className="xf-row">
          <Button inline onPress={() => void choose('camera')} testId="photo-camera">
            {text.takePhoto}
          </Button>
          <Button inline onPress={() => void choose('album')} testId="photo-album">
            {text.choosePhoto}
          </Button>
        </View>
      </Card>

      <Card title={text.steps.collective}>
        <Switch
          label={text.collectiveToggle}
          checked={f.collective}
          onChange={(collective) => setFields({ collective })}
          testId="collective-toggle"
        />
        {hint('collective')}
        {f.collective && (
          <View>
            <TextField
              label={text.headcount}
              value={f.headcount}
              keyboard="number"
              maxLength={6}
              onChange={(headcount) => setFields({ headcount })}
              placeholder={text.headcountPlaceholder}
              required
              error={show('headcount')}
              testId="headcount-input"
            />
            <Text className="xf-field__label" {...heading(3)}>
              {text.representatives}
            </Text>
            {f.representatives.map((name, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the lines are positional and edited in place
              <View key={`rep-${i}`} className="representative">
                <TextField
                  label={text.representative(i + 1)}
                  value={name}
                  maxLength={LIMITS.representativeName}
                  onChange={(value) =>
                    setFields({ representatives: f.representatives.map((n, j) => (j === i ? value : n)) })
                  }
                  required={i === 0}
                  error={tried ? problems.representatives[i] : null}
                  testId={`representative-${i}`}
                />
                {f.representatives.length > 1 && (
                  <Button
                    inline
                    variant="danger"
                    onPress={() => setFields({ representatives: removeRepresentative(f.representatives, i) })}
                    label={text.removeRepresentative(i + 1)}
                  >
                    {copy.common.remove}
                  </Button>
                )}
              </View>
            ))}
            {show('representatives') && (
              <Text className="xf-field__error" role="alert">
                {show('representatives')}
              </Text>
            )}
            <Button
              inline
              disabled={f.representatives.length >= LIMITS.representatives}
              onPress={() => setFields({ representatives: addRepresentative(f.representatives) })}
              testId="representative-add"
            >
              {text.addRepresentative}
            </Button>
          </View>
        )}
      </Card>

      <Text className="xf-text xf-text--small xf-text--muted" data-testid="draft-saved">
        {text.draftSaved}
      </Text>
      <Button variant="primary" onPress={next} testId="submit-next">
        {text.next}
      </Button>
      <Button variant="link" onPress={() => void discard()} testId="draft-discard">
        {text.discardDraft}
      </Button>
    </Page>
  );
}

function PhotoTile({
  n,
  view,
  uploaded,
  onRetry,
  onRemove,
}: {
  n: number;
  view: PhotoView | undefined;
  uploaded: boolean;
  onRetry: () => void;
  onRemove: () => void;
}) {
  const state = uploaded ? 'uploaded' : (view?.state ?? 'waiting');
  const status =
    state === 'uploaded'
      ? text.photoUploaded
      : state === 'uploading'
        ? text.photoUploading(view?.progress ?? 0)
        : state === 'failed'
          ? text.photoFailed
          : text.photoWaiting;
  return (
    <View className="photo" role="listitem" data-testid="photo" data-state={state}>
      {view?.preview ? (
        <Picture className="photo__image" src={view.preview} alt={text.photoAlt(n)} />
      ) : (
        <View className="photo__image photo__image--missing" />
      )}
      <Text
        className={`photo__status photo__status--${state}`}
        role={state === 'failed' ? 'alert' : undefined}
        aria-live={state === 'failed' ? undefined : 'polite'}
      >
        {`${text.photoAlt(n)}：${status}`}
      </Text>
      {state === 'uploading' && (
        <View
          className="photo__bar"
          role="progressbar"
          aria-label={text.photoAlt(n)}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={view?.progress ?? 0}
        >
          <View className="photo__bar-fill" style={{ width: `${view?.progress ?? 0}%` }} />
        </View>
      )}
      <View className="xf-row">
        {state === 'failed' && (
          <Button inline variant="primary" onPress={onRetry} label={text.photoRetry(n)} testId="photo-retry">
            {copy.common.retry}
          </Button>
        )}
        <Button inline variant="danger" onPress={onRemove} label={text.photoRemove(n)} testId="photo-remove">
          {copy.common.remove}
        </Button>
      </View>
    </View>
  );
}

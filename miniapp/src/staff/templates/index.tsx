import { Text, View } from '@tarojs/components';
import type { PetitionKind } from '@xinfang/shared/lifecycle';
import type { Category, ReplyTemplate, ReplyTemplateBody } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { useCategoryNames } from '@/features/categories/use-category-names';
import { newIdempotencyKey } from '@/platform/ids';
import { getCategories } from '@/services/org';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ChipChoice } from '@/ui/ChipChoice';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { Switch } from '@/ui/Switch';
import { TextField } from '@/ui/TextField';
import { createReplyTemplate, replyTemplates, updateReplyTemplate } from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { isApiError } from '../ui/errors';
import { StaffError, StaffPage } from '../ui/StaffPage';

const text = staffCopy.templates;

interface Editing {
  id?: string;
  title: string;
  categoryCode: string;
  kind: string;
  factsAndReasons: string;
  decision: string;
  legalBasis: string;
  active: boolean;
}

const EMPTY: Editing = {
  title: '',
  categoryCode: '',
  kind: '',
  factsAndReasons: '',
  decision: '',
  legalBasis: '',
  active: true,
};

/**
 * Reusable wording for decision letters, kept by a unit head for their unit (and so for every unit
 * below it): per category and kind, the facts and reasons, the decision and the legal basis that
 * handlers start a letter from.
 */
export default function StaffTemplates() {
  const session = useStaffSession();
  const me = session.me;
  const [templates, setTemplates] = useState<ReplyTemplate[] | null>(null);
  const [categories, setCategories] = useState<Category[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  // One key per new template, made when its form opens: a retried creation keeps one.
  const [key, setKey] = useState(newIdempotencyKey);
  // The server refused the key as used for other content (an earlier save whose answer was lost
  // went through): the next change is another template, and gets a key of its own.
  const keyUsed = useRef(false);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [saveError, setSaveError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const inFlight = useRef(false);
  const signedIn = me !== null;

  const load = useCallback(async () => {
    setError(null);
    try {
      setTemplates(await replyTemplates({ includeRetired: true }));
    } catch (failure) {
      setError(failure);
    }
  }, []);
  /** The list again after a failed save, which may have been saved all the same; quietly. */
  const refresh = () => {
    replyTemplates({ includeRetired: true })
      .then(setTemplates)
      .catch(() => undefined);
  };
  useEffect(() => {
    if (!signedIn) return;
    void load();
    getCategories()
      .then(setCategories)
      .catch(() => undefined);
  }, [signedIn, load]);

  const problems = editing
    ? {
        title: editing.title.trim() ? null : staffCopy.form.required,
        factsAndReasons: editing.factsAndReasons.trim() ? null : staffCopy.form.required,
        decision: editing.decision.trim() ? null : staffCopy.form.required,
      }
    : null;

  const save = async () => {
    setTried(true);
    if (!editing || !me || !problems || Object.values(problems).some(Boolean) || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setSaveError(null);
    const body: ReplyTemplateBody = {
      unitId: me.unit.id,
      categoryCode: editing.categoryCode || null,
      kind: (editing.kind || null) as PetitionKind | null,
      title: editing.title.trim(),
      factsAndReasons: editing.factsAndReasons.trim(),
      decision: editing.decision.trim(),
      legalBasis: editing.legalBasis.trim() || null,
      active: editing.active,
    };
    try {
      if (editing.id) await updateReplyTemplate(editing.id, body);
      else await createReplyTemplate(body, key);
      setEditing(null);
      setTried(false);
      setStatus(text.saved);
      await load();
    } catch (failure) {
      setSaveError(failure);
      if (isApiError(failure, 'IDEMPOTENCY_KEY_REUSED')) keyUsed.current = true;
      refresh();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const set = (patch: Partial<Editing>) => {
    if (keyUsed.current) {
      keyUsed.current = false;
      setKey(newIdempotencyKey());
    }
    setEditing((e) => (e ? { ...e, ...patch } : e));
  };
  /** Opens the form: a new template with a new key, or one of the unit's to change. */
  const open = (next: Editing) => {
    if (!next.id) {
      setKey(newIdempotencyKey());
      keyUsed.current = false;
    }
    setEditing(next);
    setTried(false);
    setSaveError(null);
    setStatus(null);
  };
  // The form offers the categories in use; a template kept for a retired one still names it.
  const { nameOf } = useCategoryNames(signedIn);
  const categoryName = (code: string | null) => (code ? nameOf(code) : text.categoryAny);

  return (
    <StaffPage
      title={text.title}
      testId="staff-templates-page"
      state={session}
      nav="templates"
      onRestored={() => void load()}
    >
      {me && !can.templates(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <StatusLine text={status} testId="staff-templates-status" />
      {editing ? (
        <Card title={editing.id ? text.edit(editing.title) : text.create} testId="staff-template-form">
          <TextField
            label={text.titleLabel}
            value={editing.title}
            onChange={(title) => set({ title })}
            required
            maxLength={100}
            error={tried ? problems?.title : null}
            testId="template-title"
          />
          <ChipChoice
            label={text.category}
            options={[
              { value: '', label: text.categoryAny },
              ...categories.map((c) => ({ value: c.code, label: c.name })),
            ]}
            value={editing.categoryCode}
            onChange={(categoryCode) => set({ categoryCode })}
            testId="template-category"
          />
          <ChipChoice
            label={text.kind}
            options={[
              { value: '', label: text.kindAny },
              ...(['suggestion', 'accusation', 'request'] as const).map((k) => ({
                value: k,
                label: copy.kinds[k].formal,
              })),
            ]}
            value={editing.kind}
            onChange={(kind) => set({ kind })}
            testId="template-kind"
          />
          <TextField
            label={text.facts}
            value={editing.factsAndReasons}
            onChange={(factsAndReasons) => set({ factsAndReasons })}
            required
            multiline
            maxLength={5000}
            error={tried ? problems?.factsAndReasons : null}
            testId="template-facts"
          />
          <TextField
            label={text.decision}
            value={editing.decision}
            onChange={(decision) => set({ decision })}
            required
            multiline
            maxLength={5000}
            error={tried ? problems?.decision : null}
            testId="template-decision"
          />
          <TextField
            label={text.basis}
            value={editing.legalBasis}
            onChange={(legalBasis) => set({ legalBasis })}
            multiline
            maxLength={2000}
            testId="template-basis"
          />
          <Switch
            label={text.active}
            checked={editing.active}
            onChange={(active) => set({ active })}
            testId="template-active"
          />
          {saveError ? <StaffError error={saveError} testId="template-error" /> : null}
          <Button variant="primary" busy={busy} onPress={() => void save()} testId="template-save">
            {text.save}
          </Button>
          <Button variant="link" onPress={() => setEditing(null)} testId="template-cancel">
            {copy.common.cancel}
          </Button>
        </Card>
      ) : (
        me &&
        can.templates(me) && (
          <Button variant="primary" onPress={() => open({ ...EMPTY })} testId="template-create">
            {text.create}
          </Button>
        )
      )}
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {templates === null && !error && <Loading />}
      {templates?.length === 0 && <Text className="xf-status">{text.empty}</Text>}
      <View role="list" aria-label={text.title}>
        {(templates ?? []).map((template) => (
          <View key={template.id} role="listitem" className="xf-card" data-testid="staff-template">
            <Text className="xf-text xf-text--strong">{template.title}</Text>
            <Text className="xf-text xf-text--small xf-text--muted">
              {[
                categoryName(template.categoryCode),
                template.kind ? copy.kinds[template.kind].formal : text.kindAny,
                text.unit(template.unit.name),
                template.active ? '' : text.retired,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
            <Text className="xf-text xf-text--small xf-text--pre">{template.decision}</Text>
            {me && can.templates(me) && template.unit.id === me.unit.id && (
              <Button
                inline
                onPress={() =>
                  open({
                    id: template.id,
                    title: template.title,
                    categoryCode: template.categoryCode ?? '',
                    kind: template.kind ?? '',
                    factsAndReasons: template.factsAndReasons,
                    decision: template.decision,
                    legalBasis: template.legalBasis ?? '',
                    active: template.active,
                  })
                }
                label={text.edit(template.title)}
              >
                {copy.common.edit}
              </Button>
            )}
          </View>
        ))}
      </View>
    </StaffPage>
  );
}

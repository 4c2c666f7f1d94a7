import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Category } from '@xinfang/shared/schemas/petitions';
import { useCallback, useEffect, useRef, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { staffCopy } from '@/copy/staff';
import { staffRoutes } from '@/staff/routes';
import { StaffError } from '@/staff/ui/StaffPage';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { adminUnits, allCategories, orderCategories, saveCategory } from '../services/admin-api';
import { AdminPage, useAdminSession } from '../ui/AdminPage';
import { CATEGORY_CODE, moved } from './order';

const text = adminCopy.categories;

interface Editing {
  code: string;
  name: string;
  hint: string;
  creating: boolean;
}

/**
 * The categories petitioners choose from, for the whole group: their order, names, the hint shown
 * when one is chosen (for instance the legal route a matter must take instead, Art 14), retiring and
 * restoring. Only an administrator at the top changes them (the server agrees); the reply templates
 * per category are kept on the templates page.
 */
export default function AdminCategories() {
  const session = useAdminSession();
  const me = session.admin;
  const [categories, setCategories] = useState<Category[] | null>(null);
  const [atTop, setAtTop] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const [list, units] = await Promise.all([allCategories(), adminUnits()]);
      setCategories(list);
      // The group's own administrator sees the unit without a parent; a mine's sees his mine at the top.
      setAtTop(units.some((u) => u.parentId === null));
    } catch (failure) {
      setError(failure);
    }
  }, []);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);

  const run = async (work: () => Promise<string | null>) => {
    if (inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const problems = {
    code: editing?.creating && !CATEGORY_CODE.test(editing.code.trim()) ? text.codeInvalid : null,
    name: editing && !editing.name.trim() ? staffCopy.form.required : null,
  };
  const save = () => {
    setTried(true);
    if (!editing || problems.code || problems.name) return;
    void run(async () => {
      const last = categories?.reduce((max, c) => Math.max(max, c.sortOrder), 0) ?? 0;
      await saveCategory(editing.code.trim(), {
        name: editing.name.trim(),
        hint: editing.hint.trim() || null,
        ...(editing.creating ? { sortOrder: last + 10, active: true } : {}),
      });
      setEditing(null);
      setTried(false);
      return text.saved;
    });
  };
  const move = (index: number, step: -1 | 1) =>
    void run(async () => {
      if (!categories) return null;
      await orderCategories(moved(categories, index, step).map((c) => c.code));
      return text.saved;
    });
  const setActive = (category: Category, active: boolean) =>
    void run(async () => {
      await saveCategory(category.code, { name: category.name, active });
      return text.saved;
    });

  return (
    <AdminPage
      title={text.title}
      testId="admin-categories-page"
      section="categories"
      session={session}
      onRestored={() => void load()}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {categories && !atTop && (
        <Notice tone="warn" testId="admin-categories-group-only">
          {text.groupOnly}
        </Notice>
      )}
      <StatusLine text={status} testId="admin-categories-status" />
      {error ? (
        <StaffError error={error} onRetry={() => void load()} testId="admin-categories-error" />
      ) : null}
      {!categories && !error && <Loading />}
      {editing && (
        <Card
          title={editing.creating ? text.add : `${adminCopy.common.edit}：${editing.name}`}
          testId="admin-category-form"
        >
          {editing.creating && (
            <TextField
              label={text.code}
              value={editing.code}
              onChange={(code) => setEditing({ ...editing, code })}
              required
              maxLength={32}
              hint={text.codeHint}
              error={tried ? problems.code : null}
              testId="admin-category-code"
            />
          )}
          <TextField
            label={text.name}
            value={editing.name}
            onChange={(name) => setEditing({ ...editing, name })}
            required
            maxLength={50}
            error={tried ? problems.name : null}
            testId="admin-category-name"
          />
          <TextField
            label={text.hint}
            value={editing.hint}
            onChange={(hint) => setEditing({ ...editing, hint })}
            multiline
            maxLength={500}
            testId="admin-category-hint"
          />
          <View className="admin-row-buttons">
            <Button variant="primary" inline busy={busy} onPress={save} testId="admin-category-save">
              {text.save}
            </Button>
            <Button inline onPress={() => setEditing(null)}>
              {adminCopy.common.cancel}
            </Button>
          </View>
        </Card>
      )}
      {categories && atTop && !editing && (
        <Button
          variant="primary"
          onPress={() => {
            setTried(false);
            setEditing({ code: '', name: '', hint: '', creating: true });
          }}
          testId="admin-category-add"
        >
          {text.add}
        </Button>
      )}
      {categories && (
        <View role="list" aria-label={text.title} data-testid="admin-categories-list">
          {categories.map((category, index) => (
            <View
              key={category.code}
              role="listitem"
              className="admin-list-item"
              data-testid={`admin-category-${category.code}`}
            >
              <Text className="xf-text xf-text--strong">{category.name}</Text>
              <Text className="xf-text xf-text--small xf-text--muted">{category.code}</Text>
              <Text className={`admin-tag ${category.active ? 'admin-tag--ok' : 'admin-tag--off'}`}>
                {category.active ? text.active : text.retired}
              </Text>
              {category.hint && <Text className="xf-text xf-text--small">{category.hint}</Text>}
              {atTop && (
                <View className="admin-row-buttons">
                  <Button
                    inline
                    disabled={busy || index === 0}
                    label={text.moveUp(category.name)}
                    onPress={() => move(index, -1)}
                  >
                    {text.up}
                  </Button>
                  <Button
                    inline
                    disabled={busy || index === categories.length - 1}
                    label={text.moveDown(category.name)}
                    onPress={() => move(index, 1)}
                  >
                    {text.down}
                  </Button>
                  <Button
                    inline
                    label={`${adminCopy.common.edit} ${category.name}`}
                    onPress={() => {
                      setTried(false);
                      setEditing({
                        code: category.code,
                        name: category.name,
                        hint: category.hint ?? '',
                        creating: false,
                      });
                    }}
                    testId={`admin-category-edit-${category.code}`}
                  >
                    {adminCopy.common.edit}
                  </Button>
                  <Button
                    inline
                    disabled={busy}
                    label={`${category.active ? text.retire : text.restore} ${category.name}`}
                    onPress={() => setActive(category, !category.active)}
                    testId={`admin-category-toggle-${category.code}`}
                  >
                    {category.active ? text.retire : text.restore}
                  </Button>
                </View>
              )}
            </View>
          ))}
        </View>
      )}
      <Button
        variant="link"
        onPress={() => void Taro.navigateTo({ url: staffRoutes.templates })}
        testId="admin-categories-templates"
      >
        {text.templates}
      </Button>
    </AdminPage>
  );
}

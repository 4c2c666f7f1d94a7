import { Text, View } from '@tarojs/components';
import { currentScreeningPeriod, isDailyPeriod } from '@xinfang/shared/clocks';
import type {
  MissingReports,
  ScreeningItem,
  ScreeningReport,
  SensitivePeriodList,
} from '@xinfang/shared/schemas/screening';
import { useCallback, useEffect, useRef, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDateString } from '@/format/dates';
import {
  missingReports,
  registerScreeningItem,
  reportsFor,
  screeningItems,
  sendReport,
  sensitivePeriods,
} from '@/services/screening';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { SensitivePeriodCard } from './SensitivePeriodCard';

const text = staffCopy.screening;
const GRADES = ['A', 'B', 'C'] as const;
const EMPTY = { subject: '', involved: '', headcount: '', responsible: '', measures: '', deadline: '' };

/**
 * 矛盾纠纷排查 for a unit: the week's report — the items registered this week, or nothing to report
 * (零报告) — the items themselves, and a form to register one; during a sensitive period the office
 * declared, the report is the day's. The office sees which units have not reported.
 */
export default function StaffScreening() {
  const session = useStaffSession();
  const me = session.me;
  const [period, setPeriod] = useState(() => currentScreeningPeriod(new Date().toISOString()));
  const [periods, setPeriods] = useState<SensitivePeriodList['items']>([]);
  const daily = isDailyPeriod(period);
  const sensitive = periods.find((s) => s.from <= period && period <= s.to) ?? null;
  const span = text.span(daily);
  const [items, setItems] = useState<ScreeningItem[] | null>(null);
  const [report, setReport] = useState<ScreeningReport | null>(null);
  const [missing, setMissing] = useState<MissingReports | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [form, setForm] = useState({ ...EMPTY, grade: 'C' as (typeof GRADES)[number] });
  const formKey = useRef(`screening-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`);
  const signedIn = me !== null;
  const screens = me !== null && can.screen(me);
  const watches = me !== null && can.watchScreening(me);

  const load = useCallback(async () => {
    setError(null);
    try {
      // The server knows the declared sensitive periods: during one, the period is the day.
      const declared = await sensitivePeriods();
      const current = declared.current;
      setPeriod(current);
      setPeriods(declared.items);
      setItems((await screeningItems()).items);
      const own = (await reportsFor(current)).items.find((r) => r.unit.id === me?.unit.id) ?? null;
      setReport(own);
      if (watches) setMissing(await missingReports(current));
    } catch (failure) {
      setError(failure);
    }
  }, [me, watches]);
  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);

  const run = async (task: () => Promise<string>) => {
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await task());
      await load();
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  const thisWeek = (items ?? []).filter((i) => i.period === period && i.unit.id === me?.unit.id).length;
  const set = (name: keyof typeof EMPTY) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  return (
    <StaffPage
      title={text.title}
      testId="staff-screening-page"
      state={session}
      nav="screening"
      onRestored={() => void load()}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {daily && sensitive && (
        <Notice tone="warn" testId="screening-sensitive">
          {text.sensitive(sensitive.name, formatDateString(sensitive.from), formatDateString(sensitive.to))}
        </Notice>
      )}
      <StatusLine text={status} testId="screening-status" />
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {items === null && !error && <Loading />}
      {screens && items && (
        <Card title={text.week(span, period)} testId="screening-week" label={period}>
          {report ? (
            <Text className="xf-status" data-testid="screening-reported">
              {text.reported(span, report.nil, report.itemCount, report.late)}
            </Text>
          ) : thisWeek === 0 ? (
            <Button
              variant="primary"
              busy={busy}
              testId="screening-nil"
              onPress={() =>
                void run(async () => {
                  await sendReport(period, true);
                  return text.sent;
                })
              }
            >
              {text.nil(span)}
            </Button>
          ) : (
            <Button
              variant="primary"
              busy={busy}
              testId="screening-send"
              onPress={() =>
                void run(async () => {
                  await sendReport(period, false);
                  return text.sent;
                })
              }
            >
              {text.withItems(span, thisWeek)}
            </Button>
          )}
        </Card>
      )}
      {watches && missing && (
        <Card title={text.missing(span)} testId="screening-missing" label={text.missing(span)}>
          {missing.missing.length === 0 ? (
            <Text className="xf-text">{text.missingNone(span)}</Text>
          ) : (
            <View role="list">
              {missing.missing.map((u) => (
                <Text key={u.id} role="listitem" className="xf-text" data-testid="screening-missing-unit">
                  {u.name}
                </Text>
              ))}
            </View>
          )}
          {missing.late.length > 0 && (
            <Text className="xf-text xf-text--muted">{`${text.late}：${missing.late.map((r) => r.unit.name).join('、')}`}</Text>
          )}
        </Card>
      )}
      {me && watches && items && (
        <SensitivePeriodCard
          periods={periods}
          canDeclare={can.declareSensitivePeriods(me)}
          unitId={me.unit.id}
          onChanged={load}
        />
      )}
      {items && (
        <Card title={text.items} testId="screening-items" label={text.items}>
          {items.length === 0 && <Text className="xf-text xf-text--muted">{text.itemsEmpty}</Text>}
          <View role="list">
            {items.map((item) => (
              <View
                key={item.id}
                role="listitem"
                className={`staff-row${item.overdue ? ' staff-row--overdue' : ''}`}
                data-testid="screening-item"
              >
                <View className="staff-row__top">
                  <Text className="staff-row__title">{item.subject}</Text>
                  <Text className={`staff-badge${item.overdue ? ' staff-badge--overdue' : ''}`}>
                    {item.overdue ? text.overdue : text.status[item.status]}
                  </Text>
                </View>
                <Text className="staff-row__meta">
                  {`${item.unit.name} · ${text.itemMeta(item.grade, item.headcount, formatDateString(item.deadline))}`}
                </Text>
                <Text className="staff-row__meta">{`${item.involved} · ${item.responsible}`}</Text>
              </View>
            ))}
          </View>
          {screens && !adding && (
            <Button testId="screening-add" onPress={() => setAdding(true)}>
              {text.add}
            </Button>
          )}
          {screens && adding && (
            <View data-testid="screening-form">
              <TextField
                label={text.subject}
                value={form.subject}
                onChange={set('subject')}
                maxLength={200}
                required
                testId="screening-subject"
              />
              <TextField
                label={text.involved}
                value={form.involved}
                onChange={set('involved')}
                maxLength={200}
                required
                testId="screening-involved"
              />
              <TextField
                label={text.headcount}
                value={form.headcount}
                onChange={set('headcount')}
                keyboard="number"
                required
                testId="screening-headcount"
              />
              <View className="xf-row" role="group" aria-label={text.grade}>
                {GRADES.map((g) => (
                  <Button
                    key={g}
                    inline
                    variant={form.grade === g ? 'primary' : 'secondary'}
                    testId={`screening-grade-${g}`}
                    onPress={() => setForm((f) => ({ ...f, grade: g }))}
                  >
                    {text.grades[g] ?? g}
                  </Button>
                ))}
              </View>
              <TextField
                label={text.responsible}
                value={form.responsible}
                onChange={set('responsible')}
                maxLength={64}
                required
                testId="screening-responsible"
              />
              <TextField
                label={text.measures}
                value={form.measures}
                onChange={set('measures')}
                multiline
                maxLength={2000}
                required
                testId="screening-measures"
              />
              <TextField
                label={text.deadline}
                value={form.deadline}
                onChange={set('deadline')}
                required
                testId="screening-deadline"
              />
              <Button
                variant="primary"
                busy={busy}
                testId="screening-save"
                onPress={() =>
                  void run(async () => {
                    await registerScreeningItem(
                      {
                        subject: form.subject.trim(),
                        involved: form.involved.trim(),
                        headcount: Number(form.headcount) || 0,
                        grade: form.grade,
                        responsible: form.responsible.trim(),
                        measures: form.measures.trim(),
                        deadline: form.deadline.trim(),
                      },
                      formKey.current,
                    );
                    formKey.current = `screening-${Date.now()}-${Math.random().toString(36).slice(2, 10)}`;
                    setForm({ ...EMPTY, grade: 'C' });
                    setAdding(false);
                    return text.saved;
                  })
                }
              >
                {text.save}
              </Button>
            </View>
          )}
        </Card>
      )}
    </StaffPage>
  );
}

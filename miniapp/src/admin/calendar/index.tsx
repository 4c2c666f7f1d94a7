import { Text, View } from '@tarojs/components';
import type { AdminCalendar, CalendarPreview } from '@xinfang/shared/schemas/admin';
import { useCallback, useEffect, useRef, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { formatDateString, formatDateTime } from '@/format/dates';
import { StaffError } from '@/staff/ui/StaffPage';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, Notice, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { adminCalendar, previewCalendarYear, uploadCalendarYear } from '../services/admin-api';
import { AdminPage, useAdminSession } from '../ui/AdminPage';
import { LineIssues } from '../ui/LineIssues';
import { TextSource } from '../ui/TextSource';
import { calendarYearProblem, noticeIssuesOf } from './upload';

const text = adminCopy.calendar;

/**
 * The working-day calendar (Art 23 ¶3 and the other clocks count working days): the years it has
 * and where each comes from, a warning from November when next year's is missing, and — for the
 * group's administrators — next year's schedule pasted from the State Council's notice, previewed
 * day by day against the calendar in use before it counts.
 */
export default function AdminCalendarPage() {
  const session = useAdminSession();
  const me = session.admin;
  const [calendar, setCalendar] = useState<AdminCalendar | null>(null);
  const [year, setYear] = useState('');
  const [notice, setNotice] = useState('');
  const [preview, setPreview] = useState<CalendarPreview | null>(null);
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    setError(null);
    try {
      const loaded = await adminCalendar();
      setCalendar(loaded);
      setYear((typed) => typed || String(loaded.missingYear ?? new Date().getFullYear() + 1));
    } catch (failure) {
      setError(failure);
    }
  }, []);
  useEffect(() => {
    if (me) void load();
  }, [me, load]);

  const yearProblem = calendarYearProblem(year, new Date());
  const run = async (work: () => Promise<string | null>) => {
    setTried(true);
    if (yearProblem || !notice.trim() || inFlight.current) return;
    inFlight.current = true;
    setBusy(true);
    setError(null);
    setStatus(null);
    try {
      setStatus(await work());
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };
  const edit = (change: () => void) => {
    change();
    setPreview(null);
  };
  const issues = noticeIssuesOf(error);

  return (
    <AdminPage
      title={text.title}
      testId="admin-calendar-page"
      section="calendar"
      session={session}
      onRestored={() => void load()}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {calendar?.missingYear ? (
        <Notice tone="warn" testId="admin-calendar-missing">
          {text.missing(calendar.missingYear)}
        </Notice>
      ) : null}
      {!calendar && !error && <Loading />}
      {calendar && (
        <Card title={text.years}>
          <View role="list" aria-label={text.years}>
            {calendar.years.map((y) => (
              <View
                key={y.year}
                role="listitem"
                className="admin-list-item"
                data-testid={`admin-calendar-year-${y.year}`}
              >
                <Text className="xf-text xf-text--strong">{`${y.year}`}</Text>
                <Text className="admin-tag">{text.source[y.source]}</Text>
                <Text className="xf-text xf-text--small">{text.summary(y.holidays, y.makeUpWorkdays)}</Text>
                {y.uploadedAt && y.uploadedBy && (
                  <Text className="xf-text xf-text--small xf-text--muted">
                    {text.uploadedBy(y.uploadedBy, formatDateTime(y.uploadedAt))}
                  </Text>
                )}
              </View>
            ))}
          </View>
        </Card>
      )}
      {calendar && !calendar.mayUpload && <Notice>{text.mayNotUpload}</Notice>}
      {calendar?.mayUpload && (
        <Card title={text.upload}>
          <TextField
            label={text.year}
            value={year}
            onChange={(value) => edit(() => setYear(value))}
            keyboard="number"
            required
            maxLength={4}
            error={tried ? yearProblem : null}
            testId="admin-calendar-year"
          />
          <TextSource
            label={text.text}
            value={notice}
            onChange={(value) => edit(() => setNotice(value))}
            accept=".txt,.csv,text/plain"
            hint={text.textHint}
            maxLength={20_000}
            testId="admin-calendar-text"
          />
          <Button
            busy={busy}
            disabled={!notice.trim()}
            onPress={() =>
              void run(async () => {
                setPreview(await previewCalendarYear(Number(year), notice));
                return null;
              })
            }
            testId="admin-calendar-preview"
          >
            {text.preview}
          </Button>
        </Card>
      )}
      <StatusLine text={status} testId="admin-calendar-status" />
      {issues ? <LineIssues title={text.text} issues={issues} testId="admin-calendar-issues" /> : null}
      {error && !issues ? <StaffError error={error} testId="admin-calendar-error" /> : null}
      {preview && (
        <Card title={text.previewTitle(preview.year.year)} testId="admin-calendar-result">
          <View role="list" aria-label={text.previewTitle(preview.year.year)}>
            {preview.year.holidays.map((h) => (
              <Text key={`${h.name}${h.from}`} role="listitem" className="xf-text">
                {`${text.holiday(h.name)}：${formatDateString(h.from)}${h.to !== h.from ? ` — ${formatDateString(h.to)}` : ''}`}
              </Text>
            ))}
            {preview.year.makeUpWorkdays.map((d) => (
              <Text
                key={d}
                role="listitem"
                className="xf-text"
              >{`${text.makeUp}：${formatDateString(d)}`}</Text>
            ))}
          </View>
          {preview.replaces && (
            <Text className="xf-text xf-text--small">{text.replaces[preview.replaces]}</Text>
          )}
          <Text className="xf-card__heading admin-subheading">
            {preview.changes.length > 0 ? text.changes(preview.changes.length) : text.noChanges}
          </Text>
          <View role="list" aria-label={text.preview} data-testid="admin-calendar-changes">
            {preview.changes.map((day) => (
              <Text key={day.date} role="listitem" className="xf-text xf-text--small">
                {`${formatDateString(day.date)} ${text.weekdays[day.weekday]}：${day.working ? text.work : text.rest}${day.holiday ? `（${day.holiday}）` : ''}`}
              </Text>
            ))}
          </View>
          <Button
            variant="primary"
            busy={busy}
            onPress={() =>
              void run(async () => {
                setCalendar(await uploadCalendarYear(Number(year), notice));
                setPreview(null);
                setNotice('');
                return text.saved(Number(year));
              })
            }
            testId="admin-calendar-save"
          >
            {text.save}
          </Button>
        </Card>
      )}
    </AdminPage>
  );
}

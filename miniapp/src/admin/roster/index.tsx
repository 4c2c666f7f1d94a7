import { Text, View } from '@tarojs/components';
import type { RosterImport, RosterPreview } from '@xinfang/shared/schemas/admin';
import { useCallback, useEffect, useRef, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { formatDateTime } from '@/format/dates';
import { newIdempotencyKey } from '@/platform/ids';
import { StaffError } from '@/staff/ui/StaffPage';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading, StatusLine } from '@/ui/Feedback';
import { importRoster, previewRoster, rosterImports, undoRosterImport } from '../services/admin-api';
import { AdminPage, useAdminSession } from '../ui/AdminPage';
import { ConfirmButton } from '../ui/Confirm';
import { LineIssues } from '../ui/LineIssues';
import { TextSource } from '../ui/TextSource';

const text = adminCopy.roster;
const SHOWN_CHANGES = 50;

/**
 * The employee roster (used to bind workers to their employee number): a file previewed first —
 * who is added, who changes, every bad line in Chinese — imported only when every line is right,
 * and the newest import undone if it was the wrong file.
 */
export default function AdminRoster() {
  const session = useAdminSession();
  const me = session.admin;
  const [csv, setCsv] = useState('');
  // One key per file: a retried import is made once.
  const [key, setKey] = useState(newIdempotencyKey);
  const [preview, setPreview] = useState<RosterPreview | null>(null);
  const [imports, setImports] = useState<RosterImport[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const inFlight = useRef(false);

  const load = useCallback(async () => {
    try {
      setImports(await rosterImports());
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
    } catch (failure) {
      setError(failure);
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const changeText = (value: string) => {
    setCsv(value);
    setKey(newIdempotencyKey());
    setPreview(null);
  };

  return (
    <AdminPage
      title={text.title}
      testId="admin-roster-page"
      section="roster"
      session={session}
      onRestored={() => void load()}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card>
        <Text className="xf-text xf-text--small admin-wrap-anywhere">{text.format}</Text>
        <TextSource
          label={text.paste}
          value={csv}
          onChange={changeText}
          accept=".csv,text/csv"
          maxLength={2_000_000}
          testId="admin-roster-csv"
        />
        <Button
          busy={busy}
          busyText={text.previewing}
          disabled={!csv.trim()}
          onPress={() =>
            void run(async () => {
              setPreview(await previewRoster(csv));
              return null;
            })
          }
          testId="admin-roster-preview"
        >
          {text.preview}
        </Button>
      </Card>
      <StatusLine text={status} testId="admin-roster-status" />
      {error ? <StaffError error={error} testId="admin-roster-error" /> : null}
      {preview && (
        <Card testId="admin-roster-result">
          <Text className="xf-text xf-text--strong">
            {[
              text.rows(preview.rows),
              text.added(preview.added),
              text.changed(preview.changed),
              text.unchanged(preview.unchanged),
            ].join('，')}
          </Text>
          {preview.issues.length > 0 ? (
            <LineIssues
              title={text.issues(preview.issues.length)}
              issues={preview.issues}
              testId="admin-roster-issues"
            />
          ) : (
            <>
              {preview.changes.length > 0 && (
                <Text className="xf-card__heading admin-subheading">{text.changesTitle}</Text>
              )}
              <View role="list" aria-label={text.changesTitle}>
                {preview.changes.slice(0, SHOWN_CHANGES).map((row) => (
                  <View
                    key={row.line}
                    role="listitem"
                    className="admin-list-item"
                    data-testid="admin-roster-change"
                  >
                    <Text
                      className={`admin-tag ${row.change === 'added' ? 'admin-tag--ok' : 'admin-tag--warn'}`}
                    >
                      {row.change === 'added' ? text.changeAdded : text.changeChanged}
                    </Text>
                    <Text className="xf-text">{`${row.employeeNumber} ${row.name}，${row.unitName}`}</Text>
                    {row.before && (
                      <Text className="xf-text xf-text--small xf-text--muted">
                        {text.before(row.before.name, row.before.unitName)}
                      </Text>
                    )}
                    {row.phoneChanged && <Text className="xf-text xf-text--small">{text.phoneChanged}</Text>}
                  </View>
                ))}
              </View>
              {preview.changes.length > SHOWN_CHANGES && (
                <Text className="xf-text xf-text--small">
                  {text.moreChanges(preview.changes.length - SHOWN_CHANGES)}
                </Text>
              )}
              <Button
                variant="primary"
                busy={busy}
                busyText={text.importing}
                onPress={() =>
                  void run(async () => {
                    const report = await importRoster(csv, key);
                    setPreview(null);
                    changeText('');
                    await load();
                    return text.imported(report.imported);
                  })
                }
                testId="admin-roster-import"
              >
                {text.import}
              </Button>
            </>
          )}
        </Card>
      )}
      <Card title={text.history}>
        {!imports && <Loading />}
        {imports?.length === 0 && <Text className="xf-status">{text.historyEmpty}</Text>}
        <View role="list" aria-label={text.history}>
          {imports?.map((item) => (
            <View
              key={item.id}
              role="listitem"
              className="admin-list-item"
              data-testid="admin-roster-import-row"
            >
              <Text className="xf-text xf-text--strong">{formatDateTime(item.at)}</Text>
              {item.by && <Text className="xf-text xf-text--small">{text.by(item.by)}</Text>}
              <Text className="xf-text xf-text--small">
                {[text.added(item.added), text.changed(item.changed), text.unchanged(item.unchanged)].join(
                  '，',
                )}
              </Text>
              {item.undoneAt && (
                <Text className="admin-tag admin-tag--off">
                  {text.undoneAt(formatDateTime(item.undoneAt))}
                </Text>
              )}
              {item.undoable && (
                <ConfirmButton
                  label={text.undo}
                  question={`${text.undo}？`}
                  hint={text.undoHint}
                  busy={busy}
                  onConfirm={() =>
                    void run(async () => {
                      await undoRosterImport(item.id);
                      await load();
                      return text.undoDone;
                    })
                  }
                  testId="admin-roster-undo"
                />
              )}
            </View>
          ))}
        </View>
      </Card>
    </AdminPage>
  );
}

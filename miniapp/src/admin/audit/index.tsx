import { Text, View } from '@tarojs/components';
import {
  AUDIT_AREAS,
  auditActionLabel,
  auditDetailsLine,
  auditTargetLabel,
} from '@xinfang/shared/audit-actions';
import type { AuditEntry } from '@xinfang/shared/schemas/audit';
import type { StaffAccount } from '@xinfang/shared/schemas/identity';
import { useCallback, useEffect, useRef, useState } from 'react';
import { adminCopy } from '@/copy/admin';
import { formatDateTime } from '@/format/dates';
import { can } from '@/staff/session/roles';
import { StaffError } from '@/staff/ui/StaffPage';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ChipChoice } from '@/ui/ChipChoice';
import { Loading, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';
import { saveSignedInFile } from '../platform/save-file';
import { auditExportPath, auditPage, findStaff } from '../services/admin-api';
import { AdminPage, useAdminSession } from '../ui/AdminPage';
import { type Column, DataTable } from '../ui/DataTable';
import { type AuditFilters, auditQueryOf, filterProblems, NO_FILTERS } from './filters';

const text = adminCopy.audit;

/**
 * The audit log for administrators and auditors: who did what, to which record, when, with what
 * outcome and what changed — filtered by person, area, target, period and outcome, and exported as
 * a table. The server masks personal data, withholds accusers (Art 30), and records each reading
 * and export.
 */
export default function AdminAudit() {
  const session = useAdminSession('audit');
  const me = session.admin;
  const [filters, setFilters] = useState<AuditFilters>(NO_FILTERS);
  const [applied, setApplied] = useState<AuditFilters>(NO_FILTERS);
  const [person, setPerson] = useState<StaffAccount | null>(null);
  const [personQuery, setPersonQuery] = useState('');
  const [people, setPeople] = useState<StaffAccount[]>([]);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const inFlight = useRef(false);

  const load = useCallback(
    async (more: string | null) => {
      if (inFlight.current) return;
      inFlight.current = true;
      setBusy(true);
      setError(null);
      try {
        const page = await auditPage({ ...auditQueryOf(applied), ...(more ? { cursor: more } : {}) });
        setEntries((shown) => (more && shown ? [...shown, ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (failure) {
        setError(failure);
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [applied],
  );
  useEffect(() => {
    if (me) void load(null);
  }, [me, load]);

  const problems = filterProblems(filters);
  const set = (patch: Partial<AuditFilters>) => setFilters((f) => ({ ...f, ...patch }));
  const apply = () => {
    setTried(true);
    if (!problems.from && !problems.to) setApplied({ ...filters, actorId: person?.id ?? '' });
  };
  const findPeople = () => {
    if (!me || !can.listStaff(me) || !personQuery.trim()) return;
    findStaff({ q: personQuery.trim() }).then(setPeople, setError);
  };
  const exportCsv = () =>
    void saveSignedInFile(
      auditExportPath(auditQueryOf(applied)),
      `audit-${new Date().toISOString().slice(0, 10)}.csv`,
    ).then(() => setStatus(text.exported), setError);

  const columns: Column<AuditEntry>[] = [
    { label: text.columns.at, render: (e) => <Text>{formatDateTime(e.at)}</Text> },
    {
      label: text.columns.who,
      render: (e) => (
        <Text>
          {e.actorName ??
            (e.actorType === 'petitioner'
              ? `${text.actor.petitioner}${text.withheld}`
              : text.actor[e.actorType])}
        </Text>
      ),
    },
    { label: text.columns.action, render: (e) => <Text>{auditActionLabel(e.action)}</Text> },
    {
      label: text.columns.target,
      render: (e) => <Text>{auditTargetLabel(e) ?? adminCopy.common.none}</Text>,
    },
    {
      label: text.columns.outcome,
      render: (e) => (
        <Text className={`admin-tag ${e.outcome === 'success' ? 'admin-tag--ok' : 'admin-tag--warn'}`}>
          {text.outcomes[e.outcome]}
        </Text>
      ),
    },
    { label: text.columns.ip, render: (e) => <Text>{e.ip ?? adminCopy.common.none}</Text> },
    {
      // What changed (名称：旧 → 新), as the entry keeps it: no longer only in the exported table.
      label: text.details,
      render: (e) => (
        <Text className="xf-text xf-text--small admin-wrap-anywhere">
          {auditDetailsLine(e.details) ?? adminCopy.common.none}
        </Text>
      ),
    },
  ];

  return (
    <AdminPage
      title={text.title}
      testId="admin-audit-page"
      section="audit"
      session={session}
      onRestored={() => void load(null)}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Card title={text.filters}>
        {me && can.listStaff(me) && (
          <View className="admin-source">
            {person ? (
              <View className="admin-row-buttons">
                <Text className="xf-text">{`${text.person}：${person.displayName}（${person.username}）`}</Text>
                <Button inline onPress={() => setPerson(null)} testId="admin-audit-person-clear">
                  {text.personClear}
                </Button>
              </View>
            ) : (
              <>
                <TextField
                  label={text.personSearch}
                  value={personQuery}
                  onChange={setPersonQuery}
                  maxLength={64}
                  search
                  testId="admin-audit-person"
                />
                <Button inline onPress={findPeople} testId="admin-audit-person-find">
                  {adminCopy.accounts.searchSubmit}
                </Button>
                <ChipChoice
                  label={text.person}
                  options={people.map((p) => ({ value: p.id, label: `${p.displayName}（${p.username}）` }))}
                  value=""
                  onChange={(id) => setPerson(people.find((p) => p.id === id) ?? null)}
                  testId="admin-audit-people"
                />
              </>
            )}
          </View>
        )}
        <ChipChoice
          label={text.area}
          options={[
            { value: '', label: text.areaAny },
            ...Object.entries(AUDIT_AREAS).map(([value, label]) => ({ value, label })),
          ]}
          value={filters.area}
          onChange={(area) => set({ area })}
          testId="admin-audit-area"
        />
        <ChipChoice
          label={text.outcome}
          options={[
            { value: '', label: text.outcomeAny },
            ...(['success', 'denied', 'failure'] as const).map((value) => ({
              value,
              label: text.outcomes[value],
            })),
          ]}
          value={filters.outcome}
          onChange={(outcome) => set({ outcome: outcome as AuditFilters['outcome'] })}
          testId="admin-audit-outcome"
        />
        <TextField
          label={text.target}
          value={filters.targetId}
          onChange={(targetId) => set({ targetId })}
          maxLength={64}
          testId="admin-audit-target"
        />
        <TextField
          label={text.from}
          value={filters.from}
          onChange={(from) => set({ from })}
          placeholder="2026-01-01"
          maxLength={10}
          error={tried && problems.from ? text.dateInvalid : null}
          testId="admin-audit-from"
        />
        <TextField
          label={text.to}
          value={filters.to}
          onChange={(to) => set({ to })}
          placeholder="2026-12-31"
          maxLength={10}
          error={tried && problems.to ? text.dateInvalid : null}
          testId="admin-audit-to"
        />
        <View className="admin-row-buttons">
          <Button variant="primary" inline onPress={apply} testId="admin-audit-apply">
            {text.apply}
          </Button>
          <Button inline onPress={exportCsv} testId="admin-audit-export">
            {text.export}
          </Button>
        </View>
      </Card>
      <StatusLine text={status} testId="admin-audit-status" />
      {error ? <StaffError error={error} onRetry={() => void load(null)} testId="admin-audit-error" /> : null}
      {!entries && !error && <Loading />}
      {entries?.length === 0 && <Text className="xf-status">{text.empty}</Text>}
      {entries && entries.length > 0 && (
        <DataTable
          label={text.title}
          columns={columns}
          rows={entries}
          rowKey={(e) => e.id}
          rowTestId="admin-audit-row"
        />
      )}
      {entries &&
        entries.length > 0 &&
        (cursor ? (
          <Button busy={busy} onPress={() => void load(cursor)} testId="admin-audit-more">
            {adminCopy.common.loadMore}
          </Button>
        ) : (
          <Text className="xf-status">{adminCopy.common.noMore}</Text>
        ))}
    </AdminPage>
  );
}

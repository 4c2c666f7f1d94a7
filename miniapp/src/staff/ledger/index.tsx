import { Text, View } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { CHANNEL_LABELS, KIND_LABELS, ledgerFilterWords, STATE_LABELS } from '@xinfang/shared/figures';
import type { LedgerFilter, LedgerRow } from '@xinfang/shared/schemas/figures';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { EXPORT_FORMATS, type ExportFormat, exportLedger } from '@/services/ledger-export';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { ErrorRetry, Loading, Notice, StatusLine } from '@/ui/Feedback';
import { messageOf } from '@/ui/message-of';
import { TextField } from '@/ui/TextField';
import { downloadFailure, filterOf, filterQuery } from '../figures/model';
import { staffRoutes } from '../routes';
import { ledger } from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLedgerNames } from './use-ledger-names';

const text = staffCopy.ledger;

/**
 * The ledger (台账): the cases behind a figure, as its link filtered them — every filter named in
 * its heading — with a search by number or words and the export of exactly what is listed (with
 * its progress: a year's export is large).
 */
export default function StaffLedger() {
  const session = useStaffSession();
  const me = session.me;
  const router = useRouter();
  const given = useMemo(() => filterOf(router.params as Record<string, string | undefined>), [router.params]);
  const [search, setSearch] = useState('');
  const filter: LedgerFilter = useMemo(() => ({ ...given, ...(search ? { search } : {}) }), [given, search]);
  const names = useLedgerNames(given);
  const [draft, setDraft] = useState('');
  const [items, setItems] = useState<LedgerRow[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportFailure, setExportFailure] = useState<{ error: unknown; format: ExportFormat } | null>(null);
  const signedIn = me !== null;

  const load = useCallback(
    async (after: string | null = null) => {
      setBusy(true);
      setError(null);
      try {
        const page = await ledger(filter, after);
        setItems((previous) => (after ? [...(previous ?? []), ...page.items] : page.items));
        setCursor(page.nextCursor);
      } catch (failure) {
        setError(failure);
      } finally {
        setBusy(false);
      }
    },
    [filter],
  );
  useEffect(() => {
    if (signedIn) void load();
  }, [signedIn, load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  async function download(format: ExportFormat) {
    setExportFailure(null);
    setExporting(text.exporting);
    try {
      await exportLedger(filterQuery(filter), format, (received) => setExporting(text.progress(received)));
      setExporting(text.exported);
    } catch (error) {
      setExporting(null);
      setExportFailure({ error, format });
    }
  }

  return (
    <StaffPage
      title={text.title}
      testId="staff-ledger-page"
      state={session}
      nav="figures"
      onRestored={() => void load()}
    >
      {me && !can.figures(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <Text className="xf-text xf-text--small" data-testid="staff-ledger-filter">
        {ledgerFilterWords(filter, names).join(' · ')}
      </Text>
      <TextField
        label={text.search}
        value={draft}
        onChange={setDraft}
        maxLength={50}
        testId="staff-ledger-search"
      />
      <Button inline onPress={() => setSearch(draft.trim())} testId="staff-ledger-search-button">
        {text.searchButton}
      </Button>
      <View className="staff-ledger__exports">
        {EXPORT_FORMATS.map((format) => (
          <Button
            key={format}
            inline
            busy={exporting === text.exporting}
            onPress={() => void download(format)}
            testId={`staff-ledger-export-${format}`}
          >
            {text.export[format]}
          </Button>
        ))}
      </View>
      <StatusLine text={exporting} testId="staff-ledger-export-status" />
      {exportFailure ? (
        <ErrorRetry
          error={exportFailure.error}
          message={downloadFailure(exportFailure.error, messageOf)}
          onRetry={() => void download(exportFailure.format)}
          what={text.export[exportFailure.format]}
          testId="staff-ledger-export-failure"
        />
      ) : null}
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {items === null && !error && <Loading />}
      {items?.length === 0 && (
        <Text className="xf-status" data-testid="staff-ledger-empty">
          {text.empty}
        </Text>
      )}
      <View role="list" aria-label={text.title} data-testid="staff-ledger-list">
        {(items ?? []).map((row) => (
          <View
            key={row.id}
            role="listitem"
            className={`staff-row${row.overdue ? ' staff-row--overdue' : ''}`}
            data-testid="staff-ledger-row"
            data-number={row.number}
          >
            <View
              className="staff-row__open"
              {...pressable(null, () => void Taro.navigateTo({ url: staffRoutes.petition(row.id) }), {
                role: 'link',
              })}
            >
              <View className="staff-row__top">
                <Text className="staff-row__number">{row.number}</Text>
                <Text className="staff-badge">{STATE_LABELS[row.state]}</Text>
              </View>
              <Text className="staff-row__title">{row.title}</Text>
              <Text className="staff-row__meta">
                {`${KIND_LABELS[row.kind]} · ${CHANNEL_LABELS[row.channel]} · ${row.categoryName} · ${row.unitName} · ${row.day}${row.headcount ? ` · ${row.headcount} 人` : ''}${row.overdue ? ` · ${text.overdue}` : ''}`}
              </Text>
              <Text className="staff-row__meta">
                {row.accuserWithheld ? text.withheld : (row.petitionerName ?? '')}
              </Text>
            </View>
          </View>
        ))}
      </View>
      {cursor && (
        <Button busy={busy} busyText={copy.common.loading} onPress={() => void load(cursor)}>
          {copy.common.loadMore}
        </Button>
      )}
    </StaffPage>
  );
}

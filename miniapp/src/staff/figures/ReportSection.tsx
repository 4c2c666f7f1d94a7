import { Text } from '@tarojs/components';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { downloadReport, type ReportFormat } from '@/services/reports';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { ChipChoice } from '@/ui/ChipChoice';
import { ErrorRetry, StatusLine } from '@/ui/Feedback';
import { messageOf } from '@/ui/message-of';
import {
  chooseReport,
  downloadFailure,
  initialReportChoice,
  type ReportChoice,
  reportMonths,
  reportQuarters,
  reportRequest,
  reportYears,
} from './model';

const text = staffCopy.figures.reports;

/**
 * The annual report (Art 41) and the monthly and quarterly bulletins (通报) of my unit, as Word to
 * edit or PDF to circulate: opened in WeChat's reader, saved by the browser. Shown only to those
 * who may read the figures (the same capability the report routes require).
 */
export function ReportSection() {
  const [now] = useState(() => new Date());
  const [choice, setChoice] = useState<ReportChoice>(() => initialReportChoice(now));
  const [format, setFormat] = useState<ReportFormat>('docx');
  const [status, setStatus] = useState<string | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const busy = status !== null && status !== text.done;
  const choose = (change: Partial<ReportChoice>) => {
    setChoice((previous) => chooseReport(previous, change, now));
    setStatus(null);
    setFailure(null);
  };

  async function download() {
    setFailure(null);
    setStatus(text.downloading);
    try {
      await downloadReport(reportRequest(choice), format, (received) => setStatus(text.progress(received)));
      setStatus(text.done);
    } catch (error) {
      setStatus(null);
      setFailure(error);
    }
  }

  return (
    <Card title={text.title} testId="staff-figures-reports">
      <Text className="xf-text xf-text--small xf-text--muted">{text.intro}</Text>
      <ChipChoice
        label={text.kind}
        options={(['annual', 'month', 'quarter'] as const).map((kind) => ({
          value: kind,
          label: text.kinds[kind],
        }))}
        value={choice.kind}
        onChange={(kind) => choose({ kind: kind as ReportChoice['kind'] })}
        testId="staff-reports-kind"
      />
      <ChipChoice
        label={text.year}
        options={reportYears(now).map((year) => ({ value: String(year), label: text.yearLabel(year) }))}
        value={String(choice.year)}
        onChange={(year) => choose({ year: Number(year) })}
        testId="staff-reports-year"
      />
      {choice.kind === 'month' && (
        <ChipChoice
          label={text.month}
          options={reportMonths(choice.year, now).map((month) => ({
            value: String(month),
            label: text.monthLabel(month),
          }))}
          value={String(choice.month)}
          onChange={(month) => choose({ month: Number(month) })}
          testId="staff-reports-month"
        />
      )}
      {choice.kind === 'quarter' && (
        <ChipChoice
          label={text.quarter}
          options={reportQuarters(choice.year, now).map((q) => ({
            value: String(q),
            label: text.quarterLabel(q),
          }))}
          value={String(choice.quarter)}
          onChange={(quarter) => choose({ quarter: Number(quarter) as ReportChoice['quarter'] })}
          testId="staff-reports-quarter"
        />
      )}
      <ChipChoice
        label={text.format}
        options={(['docx', 'pdf'] as const).map((f) => ({ value: f, label: text.formats[f] }))}
        value={format}
        onChange={(value) => {
          setFormat(value as ReportFormat);
          setStatus(null);
          setFailure(null);
        }}
        testId="staff-reports-format"
      />
      <Button variant="primary" busy={busy} onPress={() => void download()} testId="staff-reports-download">
        {text.download}
      </Button>
      <StatusLine text={status} testId="staff-reports-status" />
      {failure ? (
        <ErrorRetry
          error={failure}
          message={downloadFailure(failure, messageOf)}
          onRetry={() => void download()}
          what={text.title}
          testId="staff-reports-failure"
        />
      ) : null}
    </Card>
  );
}

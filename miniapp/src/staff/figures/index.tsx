import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Count, Rate } from '@xinfang/shared/schemas/figures';
import { useCallback, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { pressable } from '@/ui/a11y';
import { Card } from '@/ui/Card';
import { ChipChoice } from '@/ui/ChipChoice';
import { Loading, Notice } from '@/ui/Feedback';
import { staffRoutes } from '../routes';
import {
  figures as loadFigures,
  supervisionFigures as loadSupervision,
  unitTable as loadUnitTable,
} from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';
import { FigureTable } from './FigureTable';
import {
  changeText,
  filterQuery,
  type PeriodPreset,
  percentText,
  presetPeriod,
  receptionLine,
} from './model';
import { ReportSection } from './ReportSection';
import { SupervisionTable } from './SupervisionTable';
import { UnitRatesTable } from './UnitRatesTable';
import './index.scss';

const text = staffCopy.figures;
/** The counts shown first; the rest live in the rates and the ledger. */
const KEY_COUNTS = [
  'received',
  'collective',
  'collective_people',
  'repeat',
  'level_skipping',
  'forwarded',
  'assigned',
  'concluded',
  'resolved',
] as const;
/** The rates of the first answer and the appeals; the other stages' are in the bulletins. */
const KEY_RATES = [
  'timely_acceptance',
  'timely_notice',
  'on_time.first',
  'reply.first',
  'participation.first',
  'satisfaction.first',
  'resolution',
  'review_rate',
  'review_change_rate',
  're_exam_rate',
  'repeat_rate',
] as const;

const openLedger = (filter: Count['ledger']) =>
  void Taro.navigateTo({ url: `${staffRoutes.ledger}?${filterQuery(filter)}` });

/**
 * The figures of my unit (and below; a handler's own unit alone) for this month, quarter or year:
 * each number with 同比 and 环比, each a link to the ledger of exactly the cases behind it.
 */
export default function StaffFigures() {
  const session = useStaffSession();
  const me = session.me;
  const [preset, setPreset] = useState<PeriodPreset>('month');
  const fetchFigures = useCallback(async () => {
    // The API answers a handler with their own unit's alone, everyone else with their subtree.
    const period = presetPeriod(preset, new Date());
    const [figures, table, supervision] = await Promise.all([
      loadFigures(period),
      loadUnitTable(period),
      loadSupervision(period),
    ]);
    return { figures, table, supervision };
  }, [preset]);
  const { value, error, load } = useLoaded(me !== null, fetchFigures, { pullDown: true });
  const data = value?.figures ?? null;

  const counts = new Map((data?.counts ?? []).map((c) => [c.metric, c]));
  const rates = new Map((data?.rates ?? []).map((r) => [r.rate, r]));
  return (
    <StaffPage
      title={text.title}
      testId="staff-figures-page"
      state={session}
      nav="figures"
      onRestored={() => void load()}
    >
      {me && !can.figures(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      <ChipChoice
        label={text.period}
        options={(['month', 'quarter', 'year'] as const).map((p) => ({ value: p, label: text.presets[p] }))}
        value={preset}
        onChange={(value) => setPreset(value as PeriodPreset)}
        testId="staff-figures-period"
      />
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {!data && !error && <Loading />}
      {data && (
        <View className="staff-figures">
          <Text className="xf-text xf-text--small xf-text--muted" data-testid="staff-figures-scope">
            {`${data.unit.name}${data.subtree ? '' : text.unitAlone} · ${text.periodLine(data.period.from, data.period.to)}`}
          </Text>
          <Card title={text.counts} testId="staff-figures-counts">
            <View className="staff-figures__tiles" role="list">
              {KEY_COUNTS.map((metric) => {
                const count = counts.get(metric);
                return count ? <CountTile key={metric} count={count} /> : null;
              })}
            </View>
          </Card>
          <Card title={text.rates} testId="staff-figures-rates">
            <View role="list">
              {KEY_RATES.map((name) => {
                const rate = rates.get(name);
                return rate ? <RateLine key={name} rate={rate} /> : null;
              })}
            </View>
          </Card>
          <FigureTable
            title={text.byChannel}
            entries={data.breakdowns.channel}
            testId="staff-figures-channel"
          />
          <FigureTable title={text.byKind} entries={data.breakdowns.kind} testId="staff-figures-kind" />
          <FigureTable
            title={text.byCategory}
            entries={data.breakdowns.category}
            testId="staff-figures-category"
          />
          {data.breakdowns.unit.length > 0 && (
            <FigureTable title={text.byUnit} entries={data.breakdowns.unit} testId="staff-figures-unit" />
          )}
          {/* A handler's own unit alone is one row: the figures above already say it. */}
          {value?.table.subtree && <UnitRatesTable table={value.table} />}
          {value && <SupervisionTable figures={value.supervision} />}
          <FigureTable
            title={text.prevention}
            nameHeader={text.preventionItem}
            entries={data.prevention.map((p) => ({ ...p, key: p.figure }))}
            note={receptionLine(data.prevention)}
            testId="staff-figures-prevention"
          />
          <Text className="xf-text xf-text--small xf-text--muted">{text.chartChoice}</Text>
        </View>
      )}
      {me && can.figures(me) && <ReportSection />}
    </StaffPage>
  );
}

function CountTile({ count }: { count: Count }) {
  const value = count.metric === 'collective_people' ? text.people(count.value) : text.cases(count.value);
  return (
    <View
      role="listitem"
      className="staff-figures__tile"
      data-testid="staff-figures-count"
      data-metric={count.metric}
    >
      <View
        className="staff-figures__link"
        {...pressable(null, () => openLedger(count.ledger), { role: 'link' })}
      >
        <Text className="staff-figures__label">{count.label}</Text>
        <Text className="staff-figures__number">{value}</Text>
        <Text className="staff-figures__change">{`${text.yoy} ${changeText(count.value, count.previousYear, 'count')}`}</Text>
        <Text className="staff-figures__change">{`${text.mom} ${changeText(count.value, count.previousPeriod, 'count')}`}</Text>
      </View>
    </View>
  );
}

function RateLine({ rate }: { rate: Rate }) {
  const value = percentText(rate.value);
  return (
    <View
      role="listitem"
      className="staff-figures__rate"
      data-testid="staff-figures-rate"
      data-rate={rate.rate}
    >
      <View
        className="staff-figures__link"
        {...pressable(text.showLedger(rate.label, value), () => openLedger(rate.denominator.ledger), {
          role: 'link',
        })}
      >
        <View className="staff-figures__rate-top">
          <Text className="staff-figures__label">{rate.label}</Text>
          <Text className="staff-figures__number">{value}</Text>
        </View>
        <Text className="staff-figures__change">
          {`${text.fraction(rate.numerator.value, rate.denominator.value)} · ${text.yoy} ${changeText(rate.value, rate.previousYear, 'rate')} · ${text.mom} ${changeText(rate.value, rate.previousPeriod, 'rate')}`}
        </Text>
        <Text className="xf-text xf-text--small xf-text--muted">{rate.formula}</Text>
      </View>
    </View>
  );
}

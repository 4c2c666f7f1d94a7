import { Text, View } from '@tarojs/components';
import type { StaffMe } from '@xinfang/shared/schemas/identity';
import type { Backlog, BacklogItem, RepeatMatter, RepeatRegister } from '@xinfang/shared/schemas/registers';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { formatDate } from '@/format/dates';
import { backlogRegister, repeatRegister } from '@/services/registers';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { Loading } from '@/ui/Feedback';
import { petitionAction, staffRoutes } from '../routes';
import { leads } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';
import { CaseLink, go } from './CaseLink';
import { PlanEditor } from './PlanEditor';
import { UnownedList } from './UnownedList';

const text = staffCopy.registers;
const TABS = ['registers', 'unowned'] as const;
type Tab = (typeof TABS)[number];

const fetchRegisters = async (): Promise<{ backlog: Backlog; repeat: RepeatRegister }> => {
  const [backlog, repeat] = await Promise.all([backlogRegister(), repeatRegister()]);
  return { backlog, repeat };
};

/**
 * The registers kept until each matter is resolved (issue 15): 积案 — cases past their limit, open
 * too long, or under review — with each one's 包案领导 and resolution plan; 重信重访 — one person's
 * petitions on one matter — with the linked cases, the plan, and the way to the person's whole
 * history. To resolve matters, never to watch people (Art 18 ¶4): no risk label anywhere. The
 * 待包案 tab lists the open cases nobody leads that should have a leader (Art 18).
 */
export default function StaffRegisters() {
  const session = useStaffSession();
  const me = session.me;
  const [tab, setTab] = useState<Tab>('registers');
  // Back from a case (a leader took it, 包案): the register as it now stands.
  const { value, error, load } = useLoaded(me !== null, fetchRegisters, { onShow: true, pullDown: true });

  return (
    <StaffPage
      title={text.title}
      testId="staff-registers-page"
      state={session}
      nav="registers"
      onRestored={() => void load()}
    >
      <View className="staff-tabs" role="tablist" aria-label={text.title}>
        {TABS.map((t) => (
          <View
            key={t}
            className={`staff-tab${t === tab ? ' staff-tab--current' : ''}`}
            data-testid={`registers-tab-${t}`}
            aria-selected={t === tab ? 'true' : 'false'}
            {...pressable(null, () => setTab(t), { role: 'tab' })}
          >
            <Text>{staffCopy.unowned.tabs[t]}</Text>
          </View>
        ))}
      </View>
      {tab === 'unowned' && me && <UnownedList me={me} />}
      {tab === 'registers' && (
        <>
          <Text className="xf-text xf-text--muted">{text.intro}</Text>
          {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
          {value === null && !error && <Loading />}
        </>
      )}
      {tab === 'registers' && value && me && (
        <>
          <Card title={text.backlog} testId="register-backlog" label={text.backlog}>
            <Text className="xf-text xf-text--muted">{text.backlogMeta(value.backlog.longOpenDays)}</Text>
            {value.backlog.items.length === 0 && <Text className="xf-status">{text.backlogEmpty}</Text>}
            <View role="list" aria-label={text.backlog}>
              {value.backlog.items.map((item) => (
                <BacklogRow key={item.case.petitionId} item={item} me={me} onChange={load} />
              ))}
            </View>
          </Card>
          <Card title={text.repeat} testId="register-repeat" label={text.repeat}>
            <Text className="xf-text xf-text--muted">
              {text.repeatMeta(value.repeat.moreThan, value.repeat.periodDays)}
            </Text>
            {value.repeat.items.length === 0 && <Text className="xf-status">{text.repeatEmpty}</Text>}
            <View role="list" aria-label={text.repeat}>
              {value.repeat.items.map((matter) => (
                <RepeatRow
                  key={matter.cases[0]?.petitionId ?? matter.firstAt}
                  matter={matter}
                  onChange={load}
                />
              ))}
            </View>
          </Card>
        </>
      )}
    </StaffPage>
  );
}

function BacklogRow({
  item,
  me,
  onChange,
}: {
  item: BacklogItem;
  me: StaffMe;
  onChange: () => Promise<void>;
}) {
  return (
    <View
      role="listitem"
      className="staff-row staff-row--overdue"
      data-testid="register-backlog-item"
      data-number={item.case.petitionNumber}
    >
      <View className="staff-row__top">
        {item.reasons.map((reason) => (
          <Text key={reason} className="staff-badge staff-badge--overdue">
            {text.reasons[reason] ?? reason}
          </Text>
        ))}
        <Text className="staff-row__meta">{text.age(item.ageDays)}</Text>
      </View>
      <CaseLink c={item.case} />
      <Text className="xf-text" data-testid="register-leader">
        {`${text.leader}：${item.responsibleLeader?.name ?? text.noLeader}`}
      </Text>
      {!item.responsibleLeader && leads(me) && (
        <View className="staff-row__actions">
          <Button
            inline
            testId="register-take-case"
            onPress={go(petitionAction(item.case.petitionId, 'take_case'))}
          >
            {text.takeCase}
          </Button>
        </View>
      )}
      <PlanEditor petitionId={item.case.petitionId} plan={item.plan} onSaved={onChange} />
    </View>
  );
}

function RepeatRow({ matter, onChange }: { matter: RepeatMatter; onChange: () => Promise<void> }) {
  // The plan is kept on the matter's latest petition (cases run oldest first).
  const latest = matter.cases[matter.cases.length - 1];
  return (
    <View role="listitem" className="staff-row" data-testid="register-repeat-matter">
      <View className="staff-row__top">
        <Text className="staff-row__number">{matter.petitionerName ?? text.withheldName}</Text>
        <Text className="staff-badge">{matter.open ? text.open : text.closed}</Text>
      </View>
      <Text className="staff-row__meta">
        {text.matter(matter.count, formatDate(matter.firstAt), formatDate(matter.lastAt))}
      </Text>
      {matter.cases.map((c) => (
        <CaseLink key={c.petitionId} c={c} />
      ))}
      {latest && <PlanEditor petitionId={latest.petitionId} plan={matter.plan} onSaved={onChange} />}
      {matter.petitionerId && (
        <View className="staff-row__actions">
          <Button inline testId="register-history" onPress={go(staffRoutes.person(matter.petitionerId))}>
            {text.history}
          </Button>
        </View>
      )}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { PersonHistory } from '@xinfang/shared/schemas/registers';
import { useCallback, useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { formatDate } from '@/format/dates';
import { go } from '@/platform/go';
import { personHistory } from '@/services/registers';
import { pressable } from '@/ui/a11y';
import { Card, KeyValue } from '@/ui/Card';
import { Loading, Notice } from '@/ui/Feedback';
import { staffRoutes } from '../routes';
import type { RevealedPetitioner } from '../services/staff-api';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { RevealForm } from '../ui/RevealForm';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { useLoaded } from '../ui/use-loaded';

const text = staffCopy.person;
const registers = staffCopy.registers;
const detail = staffCopy.detail;

/**
 * A repeat petitioner's whole history on one page (issue 15), for staff who keep the registers:
 * their petitions oldest first, each with its plan, 包案领导, the petitions of the same matter and
 * the rating — to resolve the matter, never to watch the person (Art 18 ¶4: no risk label). The
 * name is masked; the full identity is shown only on request, with a reason the audit log keeps.
 * What this viewer may not see is neither shown nor counted: a count would tell an accused unit
 * that the person accused it (Art 30).
 */
export default function StaffPerson() {
  const session = useStaffSession();
  const me = session.me;
  const id = decodeURIComponent(useRouter().params.id ?? '');
  const fetch = useCallback(() => personHistory(id), [id]);
  const { value: history, error, load } = useLoaded<PersonHistory>(me !== null, fetch);
  const [revealed, setRevealed] = useState<RevealedPetitioner | null>(null);
  const latest = history?.cases[history.cases.length - 1];
  const numberOf = (petitionId: string) =>
    history?.cases.find((c) => c.case.petitionId === petitionId)?.case.petitionNumber ?? petitionId;

  return (
    <StaffPage
      title={text.title}
      testId="staff-person-page"
      state={session}
      nav={null}
      onRestored={() => void load()}
    >
      <Text className="xf-text xf-text--muted">{text.intro}</Text>
      {error ? <StaffError error={error} onRetry={() => void load()} what={text.title} /> : null}
      {history === null && !error && <Loading />}
      {history && me && (
        <>
          <Card testId="person-identity" label={detail.petitioner}>
            <KeyValue label={detail.petitionerName} testId="person-name">
              {revealed?.realName ?? history.maskedName}
            </KeyValue>
            {revealed && (
              <>
                <KeyValue label={detail.petitionerPhone}>{revealed.phone ?? copy.common.none}</KeyValue>
                <KeyValue label={detail.petitionerId}>{revealed.idNumber ?? copy.common.none}</KeyValue>
                <KeyValue label={detail.petitionerAddress}>{revealed.address ?? copy.common.none}</KeyValue>
                <Notice tone="warn" testId="staff-revealed">
                  {detail.revealed}
                </Notice>
              </>
            )}
            {!revealed && latest && can.reveal(me) && (
              <RevealForm petitionId={latest.case.petitionId} onRevealed={setRevealed} />
            )}
          </Card>
          <Card title={text.cases} testId="person-cases" label={text.cases}>
            {history.cases.length === 0 && <Text className="xf-status">{text.empty}</Text>}
            <View role="list" aria-label={text.cases}>
              {history.cases.map((item) => (
                <View
                  key={item.case.petitionId}
                  role="listitem"
                  className="staff-row"
                  data-testid="person-case"
                  data-number={item.case.petitionNumber}
                >
                  <View
                    className="staff-row__open"
                    {...pressable(null, () => void go(staffRoutes.petition(item.case.petitionId)), {
                      role: 'link',
                    })}
                  >
                    <View className="staff-row__top">
                      <Text className="staff-row__number">{item.case.petitionNumber}</Text>
                      <Text className="staff-badge">
                        {staffCopy.states[item.case.state] ?? item.case.state}
                      </Text>
                    </View>
                    <Text className="staff-row__title">{item.case.title}</Text>
                    <Text className="staff-row__meta">
                      {`${formatDate(item.case.receivedAt)}${item.case.handlingUnit ? ` · ${item.case.handlingUnit.name}` : ''}`}
                    </Text>
                  </View>
                  <Text className="xf-text">
                    {`${registers.leader}：${item.responsibleLeader?.name ?? registers.noLeader}`}
                  </Text>
                  <Text className="xf-text">
                    {item.plan ? `${registers.plan}：${item.plan.plan}` : registers.noPlan}
                  </Text>
                  {item.linkedTo.length > 0 && (
                    <Text className="staff-row__meta">
                      {text.linked(item.linkedTo.map(numberOf).join('、'))}
                    </Text>
                  )}
                  {item.rating && (
                    <Text className="staff-row__meta">
                      {text.rating(copy.ratings[item.rating as keyof typeof copy.ratings] ?? item.rating)}
                    </Text>
                  )}
                </View>
              ))}
            </View>
          </Card>
        </>
      )}
    </StaffPage>
  );
}

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { formatDate } from '@/format/dates';
import { pendingDeliveries } from '@/services/documents';
import { pressable } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Loading, Notice } from '@/ui/Feedback';
import { staffRoutes } from '../routes';
import { can } from '../session/roles';
import { useStaffSession } from '../session/use-staff-session';
import { StaffError, StaffPage } from '../ui/StaffPage';
import { usePagedList } from '../ui/use-paged-list';

const text = staffCopy.deliveries;

/**
 * The office's list of written answers not yet delivered, longest waiting first, each with its age:
 * until an answer is delivered the petitioner's window has not started (Art 35, 36), so these are
 * cases that cannot move on. A tap opens the case, where the delivery is recorded. The other
 * notices owed in writing (受理, 告知, 延期, 听证) that reached nobody have their own list, linked here.
 * Each answer says, before it is printed, what still needs doing by hand on the paper copy: the
 * seal, where the unit has none, and any character no font has (生僻字, printed as 「□」).
 */
export default function StaffDeliveries() {
  const session = useStaffSession();
  const me = session.me;
  const { items, nextCursor, busy, error, reload, more } = usePagedList(me !== null, pendingDeliveries);

  return (
    <StaffPage
      title={text.pendingTitle}
      testId="staff-deliveries-page"
      state={session}
      nav="deliveries"
      onRestored={() => void reload()}
    >
      {me && !can.deliver(me) && <Notice tone="warn">{staffCopy.errors.FORBIDDEN}</Notice>}
      <Text className="xf-text xf-text--muted">{text.pendingIntro}</Text>
      {me && can.deliver(me) && (
        <Button
          variant="link"
          testId="staff-deliveries-unreached"
          onPress={() => void Taro.navigateTo({ url: staffRoutes.unreached })}
        >
          {text.unreachedLink}
        </Button>
      )}
      {error ? <StaffError error={error} onRetry={() => void reload()} what={text.pendingTitle} /> : null}
      {items === null && !error && <Loading />}
      {items?.length === 0 && (
        <Text className="xf-status" data-testid="staff-deliveries-empty">
          {text.pendingEmpty}
        </Text>
      )}
      <View role="list" aria-label={text.pendingTitle} data-testid="staff-deliveries-list">
        {(items ?? []).map((item) => (
          <View
            key={item.documentId}
            role="listitem"
            className={`staff-row${item.ageDays >= 7 ? ' staff-row--overdue' : item.ageDays >= 3 ? ' staff-row--soon' : ''}`}
            data-testid="staff-delivery"
            data-number={item.petitionNumber}
          >
            <View
              className="staff-row__open"
              data-testid="staff-delivery-open"
              {...pressable(
                null,
                () => void Taro.navigateTo({ url: staffRoutes.petition(item.petitionId) }),
                {
                  role: 'link',
                },
              )}
            >
              <View className="staff-row__top">
                <Text className="staff-row__number">{item.petitionNumber}</Text>
                <Text className="staff-badge" data-testid="staff-delivery-age">
                  {text.age(item.ageDays)}
                </Text>
              </View>
              <Text className="staff-row__title">{item.petitionTitle}</Text>
              <Text className="staff-row__meta">
                {`${item.title}${item.number ? ` ${item.number}` : ''} · ${item.issuingUnit.name} · ${formatDate(item.issuedAt)}`}
              </Text>
              <Text className="staff-row__meta">{item.petitionerName ?? text.withheld}</Text>
              {!item.sealed && (
                <Text className="staff-row__note" data-testid="staff-delivery-unsealed">
                  {text.unsealed}
                </Text>
              )}
              {item.unprintable.length > 0 && (
                // Same words as the case's list of documents: the clerk prints and posts it.
                <Text className="staff-row__note" data-testid="staff-delivery-unprintable">
                  {copy.documents.unprintableStaff(item.unprintable)}
                </Text>
              )}
            </View>
          </View>
        ))}
      </View>
      {nextCursor && (
        <Button busy={busy} busyText={copy.common.loading} onPress={more}>
          {copy.common.loadMore}
        </Button>
      )}
    </StaffPage>
  );
}

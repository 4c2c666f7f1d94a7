import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { PetitionSummary } from '@xinfang/shared/schemas/petitions';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { formatDate } from '@/format/dates';
import { pressable } from '@/ui/a11y';
import { ClockCountdown } from '@/ui/ClockCountdown';
import { staffRoutes } from '../routes';
import { StaffStateChip } from './StaffStateChip';

const text = staffCopy.inbox;

const BADGE_TEXT = { overdue: text.badgeOverdue, soon: text.badgeSoon, paused: text.badgePaused };

/**
 * The badge of a petition's nearest deadline: overdue, due soon, stopped for a hearing (Art 36:
 * neither due soon nor overdue, however its moving date reads), or none.
 */
export function dueBadge(
  item: Pick<PetitionSummary, 'nextDue'>,
  now: number,
): 'overdue' | 'soon' | 'paused' | null {
  const due = item.nextDue;
  if (!due || due.finishedAt !== null) return null;
  if (due.status === 'paused') return 'paused';
  if (now > Date.parse(due.due) || due.status === 'overdue') return 'overdue';
  return due.status === 'due_soon' ? 'soon' : null;
}

/**
 * One petition in a staff list: number, state, title, kind and channel, who holds it, when it came,
 * and its nearest deadline with an overdue or due-soon badge. The whole card opens the petition.
 */
export function PetitionRow({
  item,
  now,
  categoryName,
  note,
}: {
  item: PetitionSummary;
  now: number;
  categoryName: (code: string) => string;
  /** A line saying why it is in this list (the approvals page: what waits). */
  note?: string;
}) {
  const badge = dueBadge(item, now);
  return (
    <View
      role="listitem"
      className={`staff-row${badge ? ` staff-row--${badge}` : ''}`}
      data-testid="staff-row"
      data-number={item.number}
      data-badge={badge ?? 'none'}
    >
      <View
        className="staff-row__open"
        data-testid="staff-row-open"
        {...pressable(
          null,
          () => {
            void Taro.navigateTo({ url: staffRoutes.petition(item.id) });
          },
          { role: 'link' },
        )}
      >
        <View className="staff-row__top">
          <Text className="staff-row__number">{item.number}</Text>
          <StaffStateChip state={item.state} />
          {badge && (
            <Text className={`staff-badge staff-badge--${badge}`} data-testid="staff-row-badge">
              {BADGE_TEXT[badge]}
            </Text>
          )}
        </View>
        <Text className="staff-row__title">{item.title}</Text>
        <Text className="staff-row__meta">
          {[
            copy.kinds[item.kind].formal,
            copy.channels[item.channel] ?? item.channel,
            categoryName(item.categoryCode),
            text.received(formatDate(item.receivedAt)),
          ].join(' · ')}
        </Text>
        {item.holder && <Text className="staff-row__meta">{text.holder(item.holder.name)}</Text>}
        {note && <Text className="staff-row__note">{note}</Text>}
      </View>
      {item.nextDue && <ClockCountdown clock={item.nextDue} now={now} testId="staff-row-clock" />}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import { staffCopy } from '@/copy/staff';
import { pressable } from '@/ui/a11y';
import type { QueueCounts } from '../services/staff-api';
import type { InboxTab } from '../session/roles';
import { INBOX_TABS } from './query';

const text = staffCopy.inbox;

/** The inbox queues as tabs, each with its count (to triage, mine to handle, to approve, overdue, all). */
export function Tabs({
  tab,
  counts,
  onChange,
}: {
  tab: InboxTab;
  counts: QueueCounts | null;
  onChange: (tab: InboxTab) => void;
}) {
  return (
    <View className="staff-tabs" role="tablist" aria-label={text.tabsLabel} data-testid="staff-tabs">
      {INBOX_TABS.map((t) => {
        const n = counts?.[t];
        const name = text.tabs[t];
        return (
          <View
            key={t}
            className={`staff-tab${t === tab ? ' staff-tab--current' : ''}${t === 'overdue' && n ? ' staff-tab--alarm' : ''}`}
            data-testid={`staff-tab-${t}`}
            data-count={n ?? ''}
            aria-selected={t === tab ? 'true' : 'false'}
            {...pressable(null, () => onChange(t), { role: 'tab' })}
          >
            {/* Named by what it shows (WCAG 2.5.3: 待分办 1 → "待分办 1 件"), the unit for screen readers. */}
            <Text>{name}</Text>
            {n !== undefined && <Text className="staff-tab__count">{n}</Text>}
            {n !== undefined && <Text className="xf-sr-only">{text.tabUnit}</Text>}
          </View>
        );
      })}
    </View>
  );
}

import { Text, View } from '@tarojs/components';
import type { ClockView } from '@xinfang/shared/schemas/petitions';
import { copy } from '@/copy/zh-CN';
import { countdownOf } from '@/format/countdown';

/**
 * A statutory clock as a countdown: its name, the days left (or how late it is), and the due date,
 * marked provisional when the holiday calendar of a year it runs through is not published yet.
 */
export function ClockCountdown({
  clock,
  now,
  testId = 'clock',
}: {
  clock: ClockView;
  now: number;
  testId?: string;
}) {
  const countdown = countdownOf(clock, now);
  const name = copy.clocks[clock.name];
  return (
    <View
      className="xf-clock"
      data-testid={testId}
      data-clock={clock.name}
      data-status={clock.status}
      role="group"
      aria-label={`${name}：${countdown.text}，${countdown.due}`}
    >
      <Text className="xf-clock__name">{name}</Text>
      <Text className={`xf-clock__left xf-clock__left--${countdown.tone}`}>{countdown.text}</Text>
      <Text className="xf-clock__due">
        {countdown.due}
        {clock.calendarComplete ? '' : copy.clock.provisional}
      </Text>
    </View>
  );
}

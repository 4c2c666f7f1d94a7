import { Text, View } from '@tarojs/components';
import type { ClockView } from '@xinfang/shared/schemas/petitions';
import { staffCopy } from '@/copy/staff';
import { Card } from '@/ui/Card';
import { ClockCountdown } from '@/ui/ClockCountdown';

const text = staffCopy.detail;

/** The case's statutory clocks: those running, counting down from `now`, then those finished. */
export function ClocksCard({ clocks, now }: { clocks: readonly ClockView[]; now: number }) {
  const running = clocks.filter((c) => c.finishedAt === null);
  const finished = clocks.filter((c) => c.finishedAt !== null);
  if (running.length === 0 && finished.length === 0) return null;
  return (
    <Card title={text.clocks} testId="staff-clocks" label={text.clocks}>
      {running.map((clock) => (
        <ClockCountdown key={`${clock.stage}-${clock.name}`} clock={clock} now={now} testId="staff-clock" />
      ))}
      {finished.length > 0 && (
        <View className="staff-clocks__finished">
          <Text className="xf-text xf-text--small xf-text--muted">{text.clocksFinished}</Text>
          {finished.map((clock) => (
            <ClockCountdown
              key={`${clock.stage}-${clock.name}`}
              clock={clock}
              now={now}
              testId="staff-clock-finished"
            />
          ))}
        </View>
      )}
    </Card>
  );
}

import { Text } from '@tarojs/components';
import type { ReplyWindow } from '@xinfang/shared/clocks';
import { copy } from '@/copy/zh-CN';
import { beijingDate, formatMonthDay } from '@/format/dates';
import type { Pledge } from './progress';

/** The one promise, in a sentence: 「预计最晚5月4日（含当天）答复您」, or what to do if not kept. */
export function PledgeLine({ pledge, now }: { pledge: Pledge; now: number }) {
  const text = copy.progress.pledge;
  if (pledge.paused)
    // A hearing stops the clock (Art 36): a date would move daily, so the reason is told instead.
    return (
      <Text className="xf-pledge" data-testid="pledge" data-kind={pledge.kind} data-paused="true">
        {text.paused}
      </Text>
    );
  const date = formatMonthDay(pledge.dueDate, beijingDate(now));
  const sentence = pledge.late
    ? text.late[pledge.kind](date)
    : pledge.elsewhere && (pledge.kind === 'review' || pledge.kind === 're_examination')
      ? text.elsewhere[pledge.kind](date)
      : text.due[pledge.kind](date);
  return (
    <Text
      className={`xf-pledge${pledge.late ? ' xf-pledge--late' : ''}`}
      data-testid="pledge"
      data-kind={pledge.kind}
      data-late={String(pledge.late)}
    >
      {`${sentence}${pledge.provisional && !pledge.late ? text.provisional : ''}`}
    </Text>
  );
}

/**
 * In the pledge's place while the answer waits to be received: open it; the time runs from then.
 * `elsewhere`: an appeal goes to 有权处理的上级机关, not to a unit here (Art 35, 36).
 */
export function ReceiptLine({ window, elsewhere = false }: { window: ReplyWindow; elsewhere?: boolean }) {
  const text = copy.progress.pledge;
  return (
    <Text className="xf-pledge" data-testid="pledge" data-kind="receive">
      {elsewhere && window !== 'rating_window' ? text.elsewhere[window] : text.receive[window]}
    </Text>
  );
}

import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useState } from 'react';
import { staffCopy } from '@/copy/staff';
import { copy } from '@/copy/zh-CN';
import { formatDateTime } from '@/format/dates';
import { heading } from '@/ui/a11y';
import { Button } from '@/ui/Button';
import { Card } from '@/ui/Card';
import { StatusLine } from '@/ui/Feedback';
import { staffRoutes } from '../routes';
import type { RegisterReceipt } from './register-form';

const text = staffCopy.register;

/** The number and the query code to hand over, on screen and on a printed receipt (h5). */
export function Receipt({ receipt, onNext }: { receipt: RegisterReceipt; onNext: () => void }) {
  const [copied, setCopied] = useState(false);
  const printable = process.env.TARO_ENV === 'h5';
  return (
    <View>
      <Card testId="staff-receipt" label={text.receipt}>
        <View className="staff-receipt">
          <Text className="staff-receipt__title" {...heading(2)}>
            {`${copy.appName} · ${text.receipt}`}
          </Text>
          <Text className="xf-text xf-text--muted staff-receipt__intro">{text.receiptIntro}</Text>
          <View className="staff-receipt__code">
            <Text className="staff-receipt__label">{copy.success.number}</Text>
            <Text className="staff-receipt__value" data-testid="staff-receipt-number">
              {receipt.number}
            </Text>
          </View>
          <View className="staff-receipt__code">
            <Text className="staff-receipt__label">{copy.success.queryCode}</Text>
            <Text className="staff-receipt__value" data-testid="staff-receipt-code">
              {receipt.queryCode}
            </Text>
          </View>
          {receipt.petitionerName && (
            <Text className="xf-text">{text.receiptFor(receipt.petitionerName)}</Text>
          )}
          <Text className="xf-text">{text.receiptChannel(staffCopy.channels[receipt.channel])}</Text>
          <Text className="xf-text">{text.receiptReceived(formatDateTime(receipt.receivedAt))}</Text>
          {receipt.handedUpTo && (
            <Text className="xf-text" data-testid="staff-receipt-handed-up">
              {text.receiptHandedUp(receipt.handedUpTo)}
            </Text>
          )}
          <Text className="xf-text xf-text--small">{text.receiptHow}</Text>
          {receipt.petitionerPhone && (
            <Text className="xf-text xf-text--small" data-testid="staff-receipt-sign-in">
              {text.receiptSignIn}
            </Text>
          )}
        </View>
      </Card>
      <View className="xf-no-print">
        {printable && (
          <Button variant="primary" onPress={() => window.print()} testId="staff-receipt-print">
            {text.print}
          </Button>
        )}
        <Button
          onPress={() =>
            void Taro.setClipboardData({
              data: copy.success.clipboardText(receipt.number, receipt.queryCode),
            }).then(
              () => setCopied(true),
              () => undefined,
            )
          }
          testId="staff-receipt-copy"
        >
          {text.copy}
        </Button>
        <StatusLine text={copied ? text.copied : null} />
        {!receipt.handedUpTo && (
          <Button
            onPress={() => void Taro.navigateTo({ url: staffRoutes.petition(receipt.petitionId) })}
            testId="staff-receipt-open"
          >
            {text.openCase}
          </Button>
        )}
        <Button variant="link" onPress={onNext} testId="staff-receipt-next">
          {text.another}
        </Button>
      </View>
    </View>
  );
}

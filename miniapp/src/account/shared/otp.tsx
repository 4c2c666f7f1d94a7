import { View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { copy } from '@/copy/zh-CN';
import { requestOtp } from '@/services/auth';
import { Button } from '@/ui/Button';
import { ErrorRetry, StatusLine } from '@/ui/Feedback';
import { TextField } from '@/ui/TextField';

const text = copy.login;

export const PHONE_PATTERN = /^1[3-9]\d{9}$/;
export const CODE_PATTERN = /^\d{6}$/;

export interface OtpValue {
  phone: string;
  code: string;
}

/**
 * Phone number and one-time code, with "get code" and its resend countdown (the server says when a
 * new code may be asked for). Used to sign in on h5 and to prove a phone in WeChat.
 */
export function OtpFields({
  value,
  onChange,
  showErrors,
}: {
  value: OtpValue;
  onChange: (value: OtpValue) => void;
  showErrors: boolean;
}) {
  const [resendAt, setResendAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(() => {
    if (resendAt === null) return;
    timer.current = setInterval(() => {
      setNow(Date.now());
      if (Date.now() >= resendAt && timer.current) clearInterval(timer.current);
    }, 1000);
    return () => {
      if (timer.current) clearInterval(timer.current);
    };
  }, [resendAt]);

  const phoneValid = PHONE_PATTERN.test(value.phone.trim());
  const waiting = resendAt !== null && now < resendAt ? Math.ceil((resendAt - now) / 1000) : 0;

  const send = async () => {
    if (!phoneValid || sending || waiting > 0) return;
    setSending(true);
    setError(null);
    try {
      const answer = await requestOtp(value.phone.trim());
      setResendAt(Date.parse(answer.resendAfter));
      setNow(Date.now());
      setSent(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  return (
    <View>
      <TextField
        label={text.phone}
        value={value.phone}
        keyboard="phone"
        maxLength={11}
        placeholder={text.phonePlaceholder}
        required
        error={(showErrors || value.phone.length === 11) && !phoneValid ? text.phoneInvalid : null}
        onChange={(phone) => onChange({ ...value, phone })}
        testId="otp-phone"
      />
      <Button
        inline
        disabled={!phoneValid || waiting > 0}
        busy={sending}
        busyText={text.sendCode}
        onPress={() => void send()}
        label={waiting > 0 ? text.resendIn(waiting) : sent ? text.resend : text.sendCode}
        testId="otp-send"
      >
        {waiting > 0 ? text.resendIn(waiting) : sent ? text.resend : text.sendCode}
      </Button>
      {error ? (
        <ErrorRetry error={error} onRetry={() => void send()} what={text.sendCode} testId="otp-error" />
      ) : null}
      <StatusLine text={sent ? text.codeSent : null} testId="otp-sent" />
      <TextField
        label={text.code}
        value={value.code}
        keyboard="code"
        maxLength={6}
        placeholder={text.codePlaceholder}
        required
        error={showErrors && !CODE_PATTERN.test(value.code) ? text.codeInvalid : null}
        onChange={(code) => onChange({ ...value, code })}
        testId="otp-code"
      />
    </View>
  );
}

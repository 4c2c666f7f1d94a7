import type { AppMode } from '../../config';
import { refuseInProduction } from '../dev-mode';
import type { IntegrationLogger } from '../logger';
import {
  maskPhoneForLog,
  type SmsNotification,
  SmsSendError,
  type SmsSender,
  toMainlandE164,
} from './sms-sender';

/**
 * Lets h5 login and notifications work on a developer's machine without an SMS account: the code
 * or the notification is written to the server log, labelled as not sent. This is the only place a login code may ever be logged, so it
 * refuses to be constructed in production mode, where the log is read by people who must not be
 * able to log in as a petitioner.
 */
export class LogSmsSender implements SmsSender {
  constructor(private readonly options: { mode: AppMode; logger: IntegrationLogger }) {
    refuseInProduction(options.mode, 'LogSmsSender');
    options.logger.warn(
      { provider: 'LogSmsSender' },
      '[DEV SMS — not sent] SMS login codes are written to this log (notifications too), NOT sent to any phone',
    );
  }

  async sendLoginCode(phone: string, code: string): Promise<void> {
    const masked = this.mainland(phone);
    this.options.logger.warn(
      { provider: 'LogSmsSender', phone: masked },
      `[DEV SMS — not sent] login code for ${masked}: ${code}`,
    );
  }

  /** Notifications carry no personal data (number, status, dates), so the whole text may be logged. */
  async sendNotification(phone: string, message: SmsNotification): Promise<void> {
    const masked = this.mainland(phone);
    this.options.logger.warn(
      { provider: 'LogSmsSender', phone: masked, template: message.templateId, key: message.key },
      `[DEV SMS — not sent] notification for ${masked} (template ${message.templateId}): ${message.params.join(' | ')}`,
    );
  }

  private mainland(phone: string): string {
    const masked = maskPhoneForLog(phone);
    if (toMainlandE164(phone) === null) {
      throw new SmsSendError('invalid_phone', `${masked} is not a mainland mobile number`);
    }
    return masked;
  }
}

import { loadConfig } from '../config';
import { openDatabase } from '../db/database';
import { silentMonitorLog } from '../db/monitor';
import { outboxRow } from '../modules/notifications/notifier';
import { insertOutbox } from '../modules/notifications/outbox.repository';
import { PiiCipher } from '../security/pii';

/**
 * Fills the outbox of a database a server process will dispatch — for the reliability suites and
 * the benchmark, which need thousands of messages waiting at once, faster than petitions could be
 * submitted. The rows are made by the outbox's own code (`outboxRow`), for the petitioners with
 * these phones (found by the development keys' lookup hash, as the servers these suites start use
 * them), round robin; each carries an SMS and a WeChat rendering of the given template.
 */
export async function enqueueSmsLoad(
  databaseUrl: string,
  options: {
    count: number;
    templateId: string;
    phones: string[];
    /** For WeChat: the openids these petitioners signed in with, in the order of `phones`. */
    openids?: string[];
    event?: string;
    channel?: 'sms' | 'wechat';
  },
): Promise<string[]> {
  const { pii, db: bounds } = loadConfig({});
  const cipher = new PiiCipher(pii.keys, pii.hashKey);
  const database = openDatabase(databaseUrl, { bounds, log: silentMonitorLog });
  try {
    const people: { id: string }[] = [];
    for (const [i, phone] of options.phones.entries()) {
      const found = await database.db
        .selectFrom('petitioner_account')
        .select('id')
        .where('phone_hash', '=', cipher.lookupHash('phone', phone))
        .executeTakeFirst();
      if (!found) throw new Error(`no petitioner has the phone ${phone}`);
      people.push(found);
      const openid = options.openids?.[i];
      if (openid) {
        await database.db
          .updateTable('petitioner_account')
          .set({ wechat_openid: openid })
          .where('id', '=', found.id)
          .execute();
      }
    }
    const now = new Date();
    const rows = Array.from({ length: options.count }, (_, i) =>
      outboxRow({
        notificationId: null,
        channel: options.channel ?? 'sms',
        recipient: { type: 'petitioner', id: people[i % people.length]?.id as string },
        event: options.event ?? 'received',
        payload: {
          sms: {
            templateId: options.templateId,
            params: [`XF2026-${String(i + 1).padStart(6, '0')}`, '已登记', '负载测试'],
          },
          wechat: {
            templateId: options.templateId,
            page: 'pages/mine/index',
            data: { character_string1: `XF2026-${String(i + 1).padStart(6, '0')}`, phrase2: '已登记' },
          },
        },
        statutory: false,
        dueAt: now,
        now,
      }),
    );
    for (let i = 0; i < rows.length; i += 500) await insertOutbox(database.db, rows.slice(i, i + 500));
    return rows.map((r) => r.id);
  } finally {
    await database.destroy();
  }
}

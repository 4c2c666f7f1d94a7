import { WechatApiError, type WechatOpenApi } from './wechat-open-api';

/**
 * WeChat's content security (内容安全 2.0), required of mini-programs that publish what their users
 * write and upload: `msgSecCheck` checks text at once (`POST /wxa/msg_sec_check`, version 2, with
 * the writer's openid and a scene); `mediaCheckAsync` (`POST /wxa/media_check_async`) takes a photo's
 * URL, which WeChat downloads, and pushes the verdict to the message-push endpoint within 30
 * minutes, matched by `trace_id`. This is the seam: the real client or the development stand-in.
 */

/** WeChat's scenes: 1 profile, 2 comment, 3 forum, 4 social log. A petition is posted (3); a message replies (2). */
export type CheckScene = 1 | 2 | 3 | 4;
export type Suggest = 'pass' | 'review' | 'risky';

export interface Verdict {
  suggest: Suggest;
  /** WeChat's label: 100 normal, 10001 ad, 20001 politics, 20002 porn, 20003 abuse, 20006 crime, … */
  label: number;
}

export interface TextVerdict extends Verdict {
  traceId: string;
}

export interface MediaCheckTicket {
  traceId: string;
  /** Only the development stand-in answers at once; WeChat's verdict arrives by push. */
  verdict?: Verdict;
}

export interface ContentSecurity {
  checkText(input: {
    openid: string;
    scene: CheckScene;
    content: string;
    title?: string;
  }): Promise<TextVerdict>;
  checkMediaAsync(input: { openid: string; scene: CheckScene; mediaUrl: string }): Promise<MediaCheckTicket>;
}

/**
 * Why a check could not be made: `unusable` when WeChat will never check it for this person (40003
 * openid not valid; 61010 the person has not opened the mini-program within two hours), or
 * `upstream_error` (busy, quota, a refused token, no answer): try again later.
 */
export type CheckFailure = 'unusable' | 'upstream_error';

export class ContentCheckError extends Error {
  constructor(
    readonly reason: CheckFailure,
    message: string,
    readonly errcode?: number,
  ) {
    super(message);
    this.name = 'ContentCheckError';
  }
}

/** msgSecCheck takes at most 2500 characters; longer text is checked in parts. */
export const TEXT_CHECK_LIMIT = 2500;
const UNUSABLE: readonly number[] = [40003, 61010];
const SEVERITY: Record<Suggest, number> = { pass: 0, review: 1, risky: 2 };

export class WechatContentSecurity implements ContentSecurity {
  constructor(private readonly api: WechatOpenApi) {}

  async checkText(input: {
    openid: string;
    scene: CheckScene;
    content: string;
    title?: string;
  }): Promise<TextVerdict> {
    const parts = splitText(input.content);
    let worst: TextVerdict | null = null;
    for (const [index, content] of parts.entries()) {
      const answer = await this.guard(() =>
        this.api.post('/wxa/msg_sec_check', {
          content,
          version: 2,
          scene: input.scene,
          openid: input.openid,
          ...(index === 0 && input.title ? { title: input.title } : {}),
        }),
      );
      const verdict = readVerdict(answer.result);
      const traceId = typeof answer.trace_id === 'string' ? answer.trace_id : '';
      if (!verdict)
        throw new ContentCheckError('upstream_error', 'WeChat msg_sec_check answered without a result');
      if (!worst || SEVERITY[verdict.suggest] > SEVERITY[worst.suggest]) worst = { ...verdict, traceId };
    }
    return worst ?? { suggest: 'pass', label: 100, traceId: '' };
  }

  async checkMediaAsync(input: {
    openid: string;
    scene: CheckScene;
    mediaUrl: string;
  }): Promise<MediaCheckTicket> {
    const answer = await this.guard(() =>
      this.api.post('/wxa/media_check_async', {
        media_url: input.mediaUrl,
        media_type: 2,
        version: 2,
        scene: input.scene,
        openid: input.openid,
      }),
    );
    if (typeof answer.trace_id !== 'string' || answer.trace_id === '') {
      throw new ContentCheckError('upstream_error', 'WeChat media_check_async answered without a trace_id');
    }
    return { traceId: answer.trace_id };
  }

  private async guard<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof WechatApiError)) throw error;
      const unusable = error.errcode !== null && UNUSABLE.includes(error.errcode);
      throw new ContentCheckError(
        unusable ? 'unusable' : 'upstream_error',
        error.message,
        error.errcode ?? undefined,
      );
    }
  }
}

/** WeChat's `result` object (`{ suggest, label }`; label arrives as a number or a numeric string). */
export function readVerdict(value: unknown): Verdict | null {
  if (typeof value !== 'object' || value === null) return null;
  const { suggest, label } = value as Record<string, unknown>;
  if (suggest !== 'pass' && suggest !== 'review' && suggest !== 'risky') return null;
  const numeric = Number(label);
  return { suggest, label: Number.isFinite(numeric) ? numeric : 0 };
}

/** Splits text into parts WeChat accepts, by characters (not UTF-16 units). */
export function splitText(text: string): string[] {
  const characters = [...text];
  const parts: string[] = [];
  for (let i = 0; i < characters.length; i += TEXT_CHECK_LIMIT) {
    parts.push(characters.slice(i, i + TEXT_CHECK_LIMIT).join(''));
  }
  return parts.length > 0 ? parts : [''];
}

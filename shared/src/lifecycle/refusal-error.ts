import type { ErrorBody } from '../errors';
import type { Refusal } from './rules';

/**
 * A refusal as the API's one error shape: code LIFECYCLE_REFUSED, the Chinese message for people,
 * and the rule, article and parameter in `details` for clients to switch on.
 */
export function refusalErrorBody(refusal: Refusal): ErrorBody {
  const details: Record<string, unknown> = {
    rule: refusal.rule,
    article: refusal.article,
    messageEn: refusal.messageEn,
  };
  if (refusal.param !== undefined) details.param = refusal.param;
  return { error: { code: 'LIFECYCLE_REFUSED', message: refusal.message, details } };
}

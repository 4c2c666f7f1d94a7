import { type Refusal, RULES, type RuleId, refuse } from '../lifecycle/rules';

/**
 * Limits the statute sets (five representatives, Art 20; an extension of at most 30 days, Art 34)
 * are checked by the request schemas before the lifecycle sees a body. A schema that enforces one
 * carries this annotation with the lifecycle's rule, so that breaking it is answered as the
 * lifecycle would answer — the rule, its article, a Chinese sentence — and not as a generic
 * schema failure in English. Validators must know the keyword (`ajv: { keywords: [STATUTE] }`).
 */
export const STATUTE = 'x-statute';

export function statuteLimit(rule: RuleId): Record<typeof STATUTE, RuleId> {
  return { [STATUTE]: rule };
}

/** The statute's limits are all upper bounds; a value below the minimum is malformed, not unlawful. */
const UPPER_BOUNDS = ['maximum', 'maxItems'];

/** A schema failure as validators report it (ajv with `verbose: true` gives the parent schema). */
export interface SchemaIssue {
  keyword: string;
  instancePath: string;
  parentSchema?: unknown;
}

/** The lifecycle's refusal for the first failure that breaks a statutory limit, or null. */
export function statuteRefusalOf(issues: readonly SchemaIssue[]): Refusal | null {
  for (const issue of issues) {
    const rule = (issue.parentSchema as Record<string, unknown> | undefined)?.[STATUTE];
    if (typeof rule !== 'string' || !(rule in RULES) || !UPPER_BOUNDS.includes(issue.keyword)) continue;
    return refuse(rule as RuleId, { param: issue.instancePath.split('/').at(-1) ?? '' });
  }
  return null;
}

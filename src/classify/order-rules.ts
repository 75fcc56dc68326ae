import type { Config } from "../config/schema.js";
import type { RuleId } from "../vocabulary/rules.js";

/** Rules whose credit stands only while nothing of `unless` came earlier on the same item. */
type Supersede = { rule: RuleId; unless: readonly RuleId[] };
type WeightedRule = { rule: RuleId; weight: number };

/**
 * The rules that depend on what came first on an item, as the store applies them whatever order
 * activities arrive in:
 * - a stale-review credit stands only while no earlier review exists on the PR;
 * - of the member answers on an item opened by a non-member, the earliest is its first response;
 * - a draft marked ready restarts the wait a stale review is judged by (`ready`).
 */
export const orderRules = (
  config: Pick<Config, "weights">,
): {
  supersede: readonly Supersede[];
  earliest: readonly { first: WeightedRule; rest: WeightedRule }[];
  ready: readonly RuleId[];
} => ({
  supersede: [
    { rule: "unblock.stale-review", unless: ["review.submitted", "review.design", "review.comment"] },
  ],
  earliest: [
    {
      first: { rule: "support.first-response", weight: config.weights["support.first-response"] },
      rest: { rule: "support.answer", weight: config.weights["support.answer"] },
    },
  ],
  ready: ["unblock.stale-review"],
});

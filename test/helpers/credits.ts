import type { Credit } from "../../src/vocabulary/credit.js";

/** A credit as the classifier makes one: alice's review of acme/web#1, with `overrides`. */
export const creditOf = (overrides: Partial<Credit>): Credit => ({
  installationId: 1,
  repoId: 10,
  repo: "acme/web",
  repoPrivate: false,
  actorLogin: "alice",
  actorId: 100,
  category: "code-review",
  rule: "review.submitted",
  weight: 1,
  subjectType: "pull_request",
  subjectKey: "acme/web#1",
  url: "https://github.com/acme/web/pull/1#pullrequestreview-1",
  occurredAt: "2026-10-05T10:00:00.000Z",
  sourceKey: "review:1",
  ...overrides,
});

/** A member's answer `id` on issue acme/web#9 at `at`, as the classifier first ranks it. */
export const answerOf = (id: number, at: string, actorLogin = "alice"): Credit =>
  creditOf({
    sourceKey: `support:${id}`,
    actorLogin,
    rule: "support.answer",
    category: "support",
    subjectKey: "acme/web#9",
    subjectType: "issue",
    occurredAt: at,
    url: `c-${id}`,
    weight: 0.5,
  });

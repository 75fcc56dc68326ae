import { z } from "zod";
import { RULE_IDS, type RuleId } from "../vocabulary/rules.js";

/**
 * The one place every default lives: path kinds, labels, thresholds, weights. The classifier,
 * the `.github/gluework.yml` loader, the JSON Schema and the README table all read it.
 */

export const PATH_KINDS = [
  "ownership",
  "process",
  "onboarding",
  "planning",
  "release",
  "design",
  "docs",
] as const;
export type GlueKind = (typeof PATH_KINDS)[number];
export type PathKind = GlueKind | "code";

export const DEFAULT_PATHS: Record<GlueKind, string[]> = {
  ownership: ["CODEOWNERS", "OWNERS", "OWNERS_ALIASES", "MAINTAINERS"],
  process: [
    ".github/workflows/**",
    ".github/actions/**",
    ".github/ISSUE_TEMPLATE/**",
    ".github/DISCUSSION_TEMPLATE/**",
    "PULL_REQUEST_TEMPLATE",
    "**/PULL_REQUEST_TEMPLATE/**",
    ".github/*.yml",
    ".github/*.yaml",
    "renovate.json*",
    ".renovaterc*",
    "SECURITY",
    "GOVERNANCE",
    "CODE_OF_CONDUCT",
    "SUPPORT",
    ".gitlab-ci.yml",
    ".circleci/**",
    "azure-pipelines.yml",
    "Jenkinsfile",
    ".travis.yml",
    ".editorconfig",
    ".gitattributes",
    ".eslintrc*",
    "eslint.config.*",
    ".eslintignore",
    ".prettierrc*",
    "prettier.config.*",
    ".prettierignore",
    "biome.json*",
    ".oxlintrc*",
    ".oxfmtrc*",
    ".stylelintrc*",
    ".markdownlint*",
    ".ls-lint.yml",
    ".golangci*",
    "rustfmt.toml",
    "ruff.toml",
    ".pre-commit-config.yaml",
    ".husky/**",
    ".lintstagedrc*",
    "lint-staged.config.*",
    "commitlint.config.*",
  ],
  onboarding: [
    "CONTRIBUTING",
    "docs/**/onboarding/**",
    "doc/**/onboarding/**",
    ".devcontainer/**",
    ".vscode/**",
    ".gitpod.yml",
    ".nvmrc",
    ".node-version",
    ".tool-versions",
  ],
  planning: ["ROADMAP"],
  release: [
    "CHANGELOG",
    "CHANGES",
    "HISTORY",
    "RELEASING",
    ".changeset/**",
    ".releaserc*",
    "release.config.*",
    "lerna.json",
  ],
  design: [
    "docs/design/**",
    "**/adr/**",
    "**/adrs/**",
    "**/rfcs/**",
    "**/rfc/**",
    "*rfc*.md",
    "docs/decisions/**",
    "design-docs/**",
    "proposals/**",
    "docs/proposals/**",
  ],
  docs: [
    "docs/**",
    "doc/**",
    "documentation/**",
    "website/docs/**",
    "*.md",
    "*.mdx",
    "*.rst",
    "*.adoc",
    "README",
    "mkdocs.yml",
    "typedoc.json",
  ],
};

const patterns = (kind: GlueKind) =>
  z
    .array(z.string().min(1))
    .default(DEFAULT_PATHS[kind])
    .describe(`Patterns of ${kind} files. Setting this list replaces the defaults for ${kind}.`);

export const DEFAULT_WEIGHTS: Record<RuleId, number> = {
  "review.submitted": 1,
  "review.comment": 0.5,
  "review.discussion": 0.5,
  "review.design": 1.5,
  "docs.pr": 1,
  "docs.push": 1,
  "mentor.newcomer": 1,
  "onboarding.docs": 1,
  "onboarding.label": 0.5,
  "triage.label": 0.5,
  "triage.assign": 0.5,
  "triage.close": 0.5,
  "triage.reopen": 0.5,
  "triage.transfer": 0.5,
  "triage.duplicate": 0.5,
  "triage.lock": 0.5,
  "triage.type": 0.5,
  "ownership.codeowners": 1,
  "process.files": 1,
  "unblock.stale-review": 1,
  "unblock.label": 1,
  "unblock.push": 1,
  "unblock.dependency": 1,
  "planning.milestone": 0.5,
  "planning.tracking": 1,
  "planning.roadmap": 1,
  "planning.sub-issue": 0.5,
  "planning.dependency": 0.5,
  "support.answer": 0.5,
  "support.first-response": 1,
  "support.accepted": 1.5,
  "release.published": 1,
  "release.changelog": 1,
  "code.pr": 1,
};

const labelList = (defaults: string[]) => z.array(z.string().min(1)).default(defaults);

const weightsShape = Object.fromEntries(
  RULE_IDS.map((id) => [id, z.number().min(0).max(100).default(DEFAULT_WEIGHTS[id])]),
) as { [K in RuleId]: z.ZodDefault<z.ZodNumber> };

export const configSchema = z
  .object({
    opt_out: z
      .boolean()
      .default(false)
      .describe("Turn Gluework off for this repository: nothing is recorded or posted."),
    dry_run: z
      .boolean()
      .default(false)
      .describe("Compute every GitHub write as a plan and log it instead of performing it."),
    paths: z
      .object({
        ownership: patterns("ownership"),
        process: patterns("process"),
        onboarding: patterns("onboarding"),
        planning: patterns("planning"),
        release: patterns("release"),
        design: patterns("design"),
        docs: patterns("docs"),
      })
      .strict()
      .prefault({})
      .describe(
        "Path patterns (gitignore rules, case-insensitive) that decide each changed file's kind, first match wins.",
      ),
    labels: z
      .object({
        design: labelList(["design", "rfc", "proposal"]).describe(
          "A PR with one of these is a design proposal: its reviews are design-review.",
        ),
        newcomer: labelList(["good first issue", "help wanted"]).describe(
          "Labelling someone else's issue with one of these is onboarding too.",
        ),
        blocked: labelList(["blocked", "help wanted"]).describe(
          "Work on someone else's item with one of these is unblocking.",
        ),
        tracking: labelList(["roadmap", "epic", "tracking"]).describe(
          "An issue with one of these is a tracking issue (planning).",
        ),
      })
      .strict()
      .prefault({})
      .describe("Labels that give an item a meaning for the rules. Compared case-insensitively."),
    newcomer_associations: labelList(["FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "NONE"]).describe(
      "`author_association` values that mark a first-time contributor.",
    ),
    member_associations: labelList(["OWNER", "MEMBER", "COLLABORATOR"]).describe(
      "`author_association` values that mark a team member (for support rules, and the only people the monthly report suggests for a rotation).",
    ),
    unblocking: z
      .object({
        wait_hours: z
          .number()
          .positive()
          .max(8760)
          .default(48)
          .describe("A first review after this many hours of waiting is unblocking."),
      })
      .strict()
      .prefault({}),
    planning: z
      .object({
        task_list_min: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(3)
          .describe("An issue body with at least this many task-list items is a tracking issue."),
      })
      .strict()
      .prefault({}),
    weights: z
      .object(weightsShape)
      .strict()
      .prefault({})
      .describe(
        "Weight of each rule's credit. Reports count credits; the `/gluework portfolio` reply sums weights per category and `gluework report --format csv` has a `weighted_glue` column.",
      ),
    light_review_weight: z
      .number()
      .min(0)
      .max(100)
      .default(0.5)
      .describe("Weight of an approval with no body (a light review), instead of `review.submitted`'s."),
    exclude: z
      .object({ logins: z.array(z.string().min(1)).default([]).describe("Logins never credited.") })
      .strict()
      .prefault({})
      .describe("Logins never credited (bots are never credited anyway). Compared case-insensitively."),
    credit_comment: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe("Post a comment crediting reviewers and other glue contributors when a PR is merged."),
        mentions: z
          .boolean()
          .default(false)
          .describe(
            "@mention the people the credit comment thanks (notifies them). Off: names link to profiles without notifying.",
          ),
      })
      .strict()
      .prefault({}),
    report: z
      .object({
        repository: z
          .string()
          .regex(/^[\w.-]+\/[\w.-]+$/, "write it as owner/name")
          .optional()
          .describe(
            "`owner/name` of the repository that receives the monthly report issue. Org `.github` config only.",
          ),
        day: z
          .number()
          .int()
          .min(1)
          .max(28)
          .default(1)
          .describe(
            "Day of the month (UTC) the previous month's report is published. Org `.github` config only.",
          ),
        balance: z
          .object({
            min_credits: z
              .number()
              .int()
              .min(1)
              .max(100000)
              .default(10)
              .describe(
                "A kind of glue needs at least this many credits in a month before the report's balance notes say how concentrated it is or suggest a rotation.",
              ),
          })
          .strict()
          .prefault({}),
        teams: z
          .union([
            z.literal("all"),
            z.array(z.string().regex(/^[\w.-]+$/, "write each team's slug, as in its URL")).max(100),
          ])
          .default([])
          .describe(
            "GitHub teams (slugs, or `all`) that get a section of their own in the monthly report: totals and trend, who did what within the team, and balance notes computed within it. A team counts its nested teams' members, and a credit counts for the team its person was in when the work was done. Secret teams never appear in a report posted to a public repository. Org `.github` config only.",
          ),
        destinations: z
          .record(
            z.string().regex(/^[\w.-]+$/, "write each team's slug, as in its URL"),
            z.string().regex(/^[\w.-]+\/[\w.-]+$/, "write it as owner/name"),
          )
          .default({})
          .describe(
            "A team's own report repository, as `team-slug: owner/name`: that team's section of `report.teams` is posted as a monthly issue of its own there instead of in the organisation's issue. A repository receives one such issue; a secret team's goes only to a private repository. Org `.github` config only.",
          ),
        teams_min_size: z
          .number()
          .int()
          .min(1)
          .max(1000)
          .default(4)
          .describe(
            "A team section names people only when the team had at least this many members in the month; a smaller team's section shows its totals only.",
          ),
      })
      .strict()
      .prefault({}),
    backfill: z
      .object({
        days: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(90)
          .describe("How many days of history to import when the app is installed."),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type Config = z.output<typeof configSchema>;

export const defaultConfig = (): Config => configSchema.parse({});

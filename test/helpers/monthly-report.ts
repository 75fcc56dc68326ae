import nock from "nock";
import { pino } from "pino";
import { createAppIdentitySource } from "../../src/github/app-identity.js";
import { publishMonthlyReport } from "../../src/publish/publish-monthly-report.js";
import type { Sql } from "../../src/store/db.js";
import { recordCredits } from "../../src/store/record-credits.js";
import type { Credit } from "../../src/vocabulary/credit.js";
import { botUserJson, issueJson } from "./github-items.js";
import { defaultOrder } from "./order-rules.js";
import { API, createTestProbot } from "./probot.js";

/**
 * The month the monthly report tests publish: acme's October 2026, with credits in a public
 * repository (acme/web) and a private one (acme/secret-plans), and GitHub's side of it.
 */

export const log = pino({ level: "silent" });

/** Repository ids by name: credits and GitHub's repository list agree on them. */
export const REPO_IDS: Record<string, number> = { web: 101, "secret-plans": 102, ".github": 103, inner: 104 };

export const credit = (
  login: string,
  key: string,
  repo: string,
  repoPrivate: boolean,
  at = "2026-10-10T10:00:00Z",
): Credit => ({
  installationId: 1,
  repoId: REPO_IDS[repo.split("/")[1] ?? ""] ?? 0,
  repo,
  repoPrivate,
  actorLogin: login,
  actorId: null,
  category: "code-review",
  rule: "review.submitted",
  weight: 1,
  subjectType: "pull_request",
  subjectKey: `${repo}#${key}`,
  url: `https://github.com/${repo}/pull/${key}#pullrequestreview-${key}`,
  occurredAt: at,
  sourceKey: `review:${repo}:${key}`,
});

export const repository = (
  name: string,
  isPrivate: boolean,
  visibility = isPrivate ? "private" : "public",
) => ({
  id: REPO_IDS[name],
  name,
  full_name: `acme/${name}`,
  private: isPrivate,
  visibility,
  owner: { login: "acme", id: 1, type: "Organization" },
});

/** The installation's repositories and an org `.github` without a gluework.yml. */
export const mockInstallation = (
  repos = [repository("web", false), repository("secret-plans", true), repository(".github", false)],
) =>
  nock(API)
    .get("/installation/repositories")
    .query(true)
    .reply(200, { total_count: repos.length, repositories: repos })
    .get(`/repos/acme/.github/contents/${encodeURIComponent(".github/gluework.yml")}`)
    .reply(404, { message: "Not Found" });

/** Stores the month's credits: mona and hubot in acme/web, spy-only-private and mona in acme/secret-plans. */
export const seedMonth = (sql: Sql) =>
  recordCredits(
    sql,
    { installationId: 1, deliveryId: "seed", event: "seed" },
    [
      credit("mona", "1", "acme/web", false),
      credit("mona", "2", "acme/web", false),
      credit("hubot", "3", "acme/web", false),
      credit("spy-only-private", "4", "acme/secret-plans", true),
      credit("mona", "5", "acme/secret-plans", true),
    ],
    defaultOrder,
  );

/** Publishes October 2026 of installation 1 as the schedule and the CLI do. */
export const publishOctober = async (sql: Sql, dryRun = false) => {
  const probot = createTestProbot(sql);
  const octokit = await probot.auth(1);
  return publishMonthlyReport({
    sql,
    octokit,
    app: createAppIdentitySource(() => probot.auth()),
    installationId: 1,
    period: "2026-10",
    dryRun,
    log,
  });
};

/** A `gluework`-labelled issue in acme/.github, by the app's bot unless `user` says otherwise. */
export const labelled = (number: number, body: string, user = botUserJson()) =>
  issueJson("acme/.github", { number, title: "Glue work report", body, user, labels: ["gluework"] });

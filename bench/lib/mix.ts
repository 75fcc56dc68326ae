/**
 * The benchmark's realistic delivery mix. Activity comes in threads — a PR from opened to merged,
 * an issue from opened to closed, a direct push — and each thread in sessions, the groups GitHub
 * sends together: a review and its inline comments, a push and the PR's `synchronize`, a merge
 * and the squash commit's push. Many threads run at once and their sessions interleave, so one
 * PR's sessions are hundreds of deliveries apart, as in a busy organisation.
 */
import { createHash } from "node:crypto";
import type { DoubleFile, DoublePull, DoubleRepo } from "../../src/github-double/state.js";
import { type Delivery, seeded } from "../../test/e2e/helpers/deliver.js";
import { repoOf } from "../../test/e2e/helpers/scenario.js";
import * as p from "./payloads.js";
import { type Person, people, type Random, someoneElse, zipf } from "./people.js";

export const BENCH_INSTALLATION = 31_337;
export const BENCH_ORG = "benchorg";

export type MixOptions = {
  /** How many deliveries. */
  count: number;
  seed?: number;
  repos?: number;
  members?: number;
  /** Threads in flight at once: the larger, the further apart one PR's sessions are. */
  concurrentThreads?: number;
  /** Repositories with a `.github/gluework.yml` of their own, as a share. */
  configuredShare?: number;
  /** Names the repositories `<prefix>-000`, …, so that mixes of one run never share one. */
  repoPrefix?: string;
  /** Id of the first repository (the next ones count up). */
  firstRepoId?: number;
  /**
   * Mixes of one run on the same repositories need different series: each series has its own PR
   * and issue numbers, review and comment ids, and delivery ids.
   */
  series?: number;
};

export type Mix = {
  deliveries: Delivery[];
  repos: DoubleRepo[];
  /** Every PR the mix talks about, as the GitHub double must hold it (final head, merged or not). */
  pulls: { repo: string; pull: DoublePull }[];
  /** Deliveries per event name. */
  events: Record<string, number>;
};

const MONTH_START = Date.UTC(2026, 2, 1);
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

const sha = (...parts: (string | number)[]) => createHash("sha1").update(parts.join(":")).digest("hex");

/** A PR's changed files: mostly code, some docs, now and then process, ownership or release files. */
const filesOf = (random: Random): DoubleFile[] => {
  const roll = random();
  const code = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      filename: `src/module${Math.floor(random() * 40)}/file${i}.ts`,
      additions: 5 + Math.floor(random() * 120),
      deletions: Math.floor(random() * 40),
    }));
  if (roll < 0.62) return code(1 + Math.floor(random() * 6));
  if (roll < 0.8)
    return [
      { filename: `docs/guide/page${Math.floor(random() * 30)}.md`, additions: 40, deletions: 8 },
      ...code(1),
    ].map((f, i) => (i === 1 ? { ...f, additions: 3, deletions: 1 } : f));
  if (roll < 0.88) return [{ filename: ".github/workflows/ci.yml", additions: 12, deletions: 4 }, ...code(1)];
  if (roll < 0.93) return [{ filename: "CODEOWNERS", additions: 2, deletions: 1 }];
  if (roll < 0.97) return [{ filename: "CHANGELOG.md", additions: 30, deletions: 0 }];
  return [{ filename: "docs/design/adr-0042-queue.md", additions: 120, deletions: 0 }, ...code(1)];
};

type Session = { name: string; payload: Record<string, any> }[];

export const generateMix = (options: MixOptions): Mix => {
  const random = seeded(options.seed ?? 20_260_301);
  const repoCount = options.repos ?? 40;
  const members = people(options.members ?? 300, "dev", 600_000);
  const outsiders = people(200, "visitor", 900_000);
  const maintainers = members.slice(0, 12);
  const pickMember = zipf(members.length);
  const pickOutsider = zipf(outsiders.length, 0.8);
  const pickMaintainer = zipf(maintainers.length);
  const pickRepo = zipf(repoCount, 1.0);
  const repos = Array.from({ length: repoCount }, (_, i) => {
    const name = `${options.repoPrefix ?? "service"}-${String(i).padStart(3, "0")}`;
    const repo = repoOf(BENCH_INSTALLATION, (options.firstRepoId ?? 70_000) + i, BENCH_ORG, name);
    if (random() < (options.configuredShare ?? 0.25)) {
      repo.config = "unblocking:\n  wait_hours: 24\nexclude:\n  logins: [release-captain]\n";
    }
    return repo;
  });
  const series = options.series ?? 0;
  const nextNumber = new Map<number, number>();
  const numberIn = (repo: DoubleRepo) => {
    const n = (nextNumber.get(repo.id) ?? series * 100_000) + 1;
    nextNumber.set(repo.id, n);
    return n;
  };
  let nextId = 50_000_000 + series * 10_000_000;
  const id = () => {
    nextId += 1;
    return nextId;
  };
  const member = () => members[pickMember(random)] as Person;
  const pulls: Mix["pulls"] = [];

  const pullThread = (): Session[] => {
    const repo = repos[pickRepo(random)] as DoubleRepo;
    const number = numberIn(repo);
    const newcomer = random() < 0.08;
    const author = newcomer ? (outsiders[pickOutsider(random)] as Person) : member();
    const start = MONTH_START + random() * 25 * 24 * HOUR;
    const at = (hours: number) => iso(start + hours * HOUR);
    const pull: p.BenchPull = {
      repo,
      number,
      author,
      association: newcomer ? "FIRST_TIME_CONTRIBUTOR" : "MEMBER",
      labels: random() < 0.05 ? ["design"] : random() < 0.1 ? ["blocked"] : [],
      createdAt: at(0),
      headSha: sha(repo.id, number, 1),
    };
    const maintainer = someoneElse(maintainers, pickMaintainer, random, author);
    const reviewer = someoneElse(members, pickMember, random, author);
    const sessions: Session[] = [];
    const opened: Session = [{ name: "pull_request", payload: p.pullOpened(pull) }];
    if (random() < 0.4) {
      const label = random() < 0.5 ? "enhancement" : "bug";
      opened.push({ name: "pull_request", payload: p.pullLabeled(pull, maintainer, label, at(0.1)) });
    }
    sessions.push(opened);
    const reviewSession = (
      by: Person,
      hours: number,
      state: "approved" | "commented" | "changes_requested",
    ) => {
      const reviewId = id();
      const inline = state === "approved" ? (random() < 0.3 ? 1 : 0) : Math.floor(random() * 5);
      const body = state === "approved" && random() < 0.5 ? "" : "A few thoughts inline.";
      return [
        { name: "pull_request_review", payload: p.review(pull, by, reviewId, state, body, at(hours)) },
        ...Array.from({ length: inline }, () => ({
          name: "pull_request_review_comment",
          payload: p.reviewComment(pull, by, id(), reviewId, at(hours)),
        })),
      ];
    };
    sessions.push(
      reviewSession(reviewer, 2 + random() * 60, random() < 0.4 ? "changes_requested" : "commented"),
    );
    if (random() < 0.6) {
      const by = random() < 0.5 ? author : someoneElse(members, pickMember, random, author);
      const issue = { repo, number, author, association: pull.association, createdAt: pull.createdAt };
      sessions.push([{ name: "issue_comment", payload: p.comment(issue, by, id(), at(70), true) }]);
    }
    if (random() < 0.5) {
      const before = pull.headSha;
      pull.headSha = sha(repo.id, number, 2);
      const commit = { sha: pull.headSha, message: "Address review", files: ["src/index.ts"], at: at(72) };
      sessions.push([
        { name: "push", payload: p.push(repo, author, `topic-${number}`, [commit]) },
        { name: "pull_request", payload: p.pullSynchronized(pull, before, at(72)) },
      ]);
    }
    const approver = random() < 0.7 ? reviewer : someoneElse(members, pickMember, random, author);
    sessions.push(reviewSession(approver, 74, "approved"));
    const merged = random() < 0.85;
    const close: Session = [
      { name: "pull_request", payload: p.pullClosed(pull, maintainer, at(75), merged) },
    ];
    if (merged) {
      const squash = {
        sha: sha(repo.id, number, "merge"),
        message: `PR ${number} (#${number})`,
        files: ["src/index.ts"],
        at: at(75),
      };
      close.push({ name: "push", payload: p.push(repo, maintainer, p.defaultBranch(), [squash]) });
    }
    sessions.push(close);
    pulls.push({
      repo: `${repo.owner}/${repo.name}`,
      pull: { number, headSha: pull.headSha, author: author.login, merged, files: filesOf(random) },
    });
    return sessions;
  };

  const issueThread = (): Session[] => {
    const repo = repos[pickRepo(random)] as DoubleRepo;
    const fromOutside = random() < 0.5;
    const author = fromOutside ? (outsiders[pickOutsider(random)] as Person) : member();
    const start = MONTH_START + random() * 25 * 24 * HOUR;
    const at = (hours: number) => iso(start + hours * HOUR);
    const issue = {
      repo,
      number: numberIn(repo),
      author,
      association: fromOutside ? "NONE" : "MEMBER",
      createdAt: at(0),
    };
    const maintainer = someoneElse(maintainers, pickMaintainer, random, author);
    const sessions: Session[] = [[{ name: "issues", payload: p.issueOpened(issue) }]];
    const triage: Session = [
      {
        name: "issues",
        payload: p.issueTriaged(
          issue,
          maintainer,
          "labeled",
          at(1),
          random() < 0.15 ? "good first issue" : "bug",
        ),
      },
    ];
    if (random() < 0.5)
      triage.push({ name: "issues", payload: p.issueTriaged(issue, maintainer, "assigned", at(1)) });
    sessions.push(triage);
    const comments = random() < 0.7 ? 1 + Math.floor(random() * 2) : 0;
    for (let i = 0; i < comments; i += 1) {
      const by = someoneElse(members, pickMember, random, author);
      sessions.push([{ name: "issue_comment", payload: p.comment(issue, by, id(), at(3 + i * 5), false) }]);
    }
    if (random() < 0.6)
      sessions.push([{ name: "issues", payload: p.issueTriaged(issue, maintainer, "closed", at(30)) }]);
    return sessions;
  };

  /** A direct push to the default branch: docs, CODEOWNERS or workflow edits, one read each to rule out a PR. */
  const directPushThread = (): Session[] => {
    const repo = repos[pickRepo(random)] as DoubleRepo;
    const by = maintainers[pickMaintainer(random)] as Person;
    const at = iso(MONTH_START + random() * 25 * 24 * HOUR);
    const kinds = [["docs/index.md", "README.md"], ["CODEOWNERS"], [".github/workflows/ci.yml"]];
    const commits = Array.from({ length: 1 + Math.floor(random() * 2) }, () => ({
      sha: sha(repo.id, "direct", id()),
      message: "Tidy up",
      files: kinds[Math.floor(random() * kinds.length)] as string[],
      at,
    }));
    return [[{ name: "push", payload: p.push(repo, by, p.defaultBranch(), commits) }]];
  };

  const newThread = (): Session[] => {
    const roll = random();
    if (roll < 0.5) return pullThread();
    if (roll < 0.94) return issueThread();
    return directPushThread();
  };

  const deliveries: Delivery[] = [];
  const active = Array.from({ length: options.concurrentThreads ?? 120 }, newThread);
  while (deliveries.length < options.count) {
    const slot = Math.floor(random() * active.length);
    const thread = active[slot] as Session[];
    const session = thread.shift() ?? [];
    for (const { name, payload } of session) {
      deliveries.push({
        id: `${options.repoPrefix ?? "service"}-${series}-${deliveries.length + 1}`,
        name,
        payload,
      });
    }
    if (thread.length === 0) active[slot] = newThread();
  }
  deliveries.length = options.count;
  const events: Record<string, number> = {};
  for (const delivery of deliveries) events[delivery.name] = (events[delivery.name] ?? 0) + 1;
  return { deliveries, repos, pulls, events };
};

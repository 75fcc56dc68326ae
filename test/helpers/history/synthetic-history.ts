import type {
  History,
  HistoryComment,
  HistoryCommit,
  HistoryDiscussion,
  HistoryEvent,
  HistoryIssue,
  HistoryMilestone,
  HistoryPull,
  HistoryRelease,
  HistoryUser,
} from "./history-types.js";
import { generatePlanning } from "./synthetic-planning.js";

export type * from "./history-types.js";

export type HistoryOptions = {
  seed?: number;
  pullRequests: number;
  issues: number;
  commits?: number;
  releases?: number;
  milestones?: number;
  discussions?: number;
  /** The last event happens before this; the first about `days` earlier. */
  end?: string;
  days?: number;
  /** Share of items with long nested lists (many files, reviews, comments, events). */
  heavyShare?: number;
  /**
   * The `index`th repository of one organisation (`acme/repo-007`): its ids and node ids are
   * its own, so several histories can be served together.
   */
  orgIndex?: number;
};

/** A small deterministic PRNG (mulberry32), so a seed gives the same history everywhere. */
const random = (seed: number) => {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(values: readonly T[]): T => values[int(0, values.length - 1)] as T;
  return { next, int, pick };
};

const user = (login: string, id: number, type: "User" | "Bot" = "User"): HistoryUser => ({ login, id, type });

export const MEMBERS = ["mona", "hubot", "octocat", "lisa", "raj", "amara", "kenji", "sofia"].map(
  (login, i) => user(login, 1000 + i),
);
export const OUTSIDERS = ["newbie", "visitor", "drive-by", "curious", "reporter"].map((login, i) =>
  user(login, 5000 + i),
);
export const BOT = user("dependabot", 49699333, "Bot");

const LABELS = ["bug", "design", "blocked", "help wanted", "good first issue", "docs", "roadmap", "triage"];
const PATHS = [
  "src/index.ts",
  "src/core/engine.ts",
  "src/util.ts",
  "README.md",
  "docs/guide.md",
  "docs/adr/0003-storage.md",
  "CODEOWNERS",
  ".github/workflows/ci.yml",
  "CONTRIBUTING.md",
  "CHANGELOG.md",
  "ROADMAP.md",
  "test/engine.test.ts",
];

/** Generates a history; the same options always give the same history. */
export const generateHistory = (options: HistoryOptions): History => {
  const rng = random(options.seed ?? 7);
  const end = Date.parse(options.end ?? "2026-10-31T00:00:00Z");
  const span = (options.days ?? 80) * 86_400_000;
  const heavy = options.heavyShare ?? 0.03;
  const time = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");
  const after = (start: number, maxHours: number) =>
    Math.min(end - 1000, start + rng.int(1, maxHours * 3600) * 1000);
  const org = options.orgIndex;
  // Ids and node ids of one repository of an organisation stay clear of the others'.
  const offset = org === undefined ? 0 : org + 1;
  const node = (id: string) => (org === undefined ? id : `R${org}_${id}`);
  let nextId = 3_000_000_000 + offset * 20_000_000;
  const id = () => (nextId += rng.int(1, 9));
  const people = [...MEMBERS, ...OUTSIDERS];
  const association = (who: HistoryUser) =>
    who.type === "Bot"
      ? "NONE"
      : MEMBERS.includes(who)
        ? "MEMBER"
        : rng.pick(["NONE", "CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR"]);
  const count = (usual: number, big: number) =>
    rng.next() < heavy ? rng.int(Math.floor(big / 2), big) : rng.int(0, usual);
  const repo = {
    id: org === undefined ? 424242 : 500_000 + org,
    owner: "acme",
    name: org === undefined ? "rockets" : `repo-${String(org).padStart(3, "0")}`,
    fullName: org === undefined ? "acme/rockets" : `acme/repo-${String(org).padStart(3, "0")}`,
    private: false,
    defaultBranch: "main",
  };
  const milestones: HistoryMilestone[] = Array.from({ length: options.milestones ?? 4 }, (_, i) => ({
    id: 7_000_000 + offset * 1000 + i,
    number: i + 1,
    title: `Sprint ${i + 1}`,
    creator: rng.pick(MEMBERS),
    createdAt: time(end - span + i * 86_400_000),
  }));
  let number = 0;
  const comments = (start: number, n: number): HistoryComment[] =>
    Array.from({ length: n }, () => {
      const author = rng.pick(people);
      return { id: id(), author, association: association(author), createdAt: time(after(start, 200)) };
    });
  const events = (start: number, n: number, kinds: HistoryEvent["type"][]): HistoryEvent[] =>
    Array.from({ length: n }, (): HistoryEvent => {
      const type = rng.pick(milestones.length > 0 ? kinds : kinds.filter((k) => k !== "milestoned"));
      const event: HistoryEvent = { type, actor: rng.pick(MEMBERS), at: time(after(start, 300)) };
      if (type === "labeled") event.label = rng.pick(LABELS);
      if (type === "milestoned") event.milestone = rng.pick(milestones).number;
      return event;
    }).sort((a, b) => a.at.localeCompare(b.at));
  const item = (start: number, author: HistoryUser) => {
    number += 1;
    return {
      number,
      author,
      association: association(author),
      labels: LABELS.filter(() => rng.next() < 0.12),
      createdAt: time(start),
    };
  };
  const lastOf = (times: string[]) => [...times].sort().at(-1) as string;

  const pullRequests = Array.from({ length: options.pullRequests }, (): HistoryPull => {
    const start = end - span + rng.next() * (span - 20 * 86_400_000);
    const author = rng.next() < 0.05 ? BOT : rng.pick(people);
    const base = item(start, author);
    const draft = rng.next() < 0.1;
    const reviews = Array.from({ length: count(3, 20) }, () => {
      const reviewer = rng.pick(MEMBERS);
      const submitted = after(start, 120);
      return {
        id: id(),
        nodeId: node(`PRR_${number}_${nextId}`),
        author: reviewer,
        state: rng.pick(["APPROVED", "COMMENTED", "CHANGES_REQUESTED"] as const),
        body: rng.next() < 0.4 ? "" : "Looks reasonable; see the notes inline.",
        submittedAt: time(submitted),
        comments: Array.from({ length: count(5, 120) }, () => ({
          id: id(),
          author: reviewer,
          createdAt: time(submitted),
        })),
      };
    });
    const closed = rng.next() < 0.85;
    const mergedAt = closed && rng.next() < 0.85 ? time(after(start, 400)) : null;
    const timeline = events(start, count(4, 60), ["labeled", "assigned", "reopened", "locked"]);
    if (draft) timeline.push({ type: "ready", actor: author, at: time(after(start, 96)) });
    if (closed)
      timeline.push({
        type: "closed",
        actor: mergedAt ? rng.pick(MEMBERS) : rng.pick(MEMBERS),
        at: mergedAt ?? time(after(start, 400)),
      });
    timeline.sort((a, b) => a.at.localeCompare(b.at));
    const conversation = comments(start, count(4, 60));
    const all = [
      base.createdAt,
      ...timeline.map((e) => e.at),
      ...conversation.map((c) => c.createdAt),
      ...reviews.flatMap((r) => [r.submittedAt, ...r.comments.map((c) => c.createdAt)]),
    ];
    return {
      ...base,
      nodeId: node(`PR_${base.number}`),
      updatedAt: lastOf(all),
      mergedAt,
      mergeCommitSha: null,
      commits: [],
      draft,
      headSha: (base.number * 7919).toString(16).padStart(40, "a"),
      files: Array.from({ length: Math.max(1, count(10, 250)) }, (_, i) => ({
        path: i < PATHS.length ? rng.pick(PATHS) : `src/generated/file-${i}.ts`,
        additions: rng.int(0, 80),
        deletions: rng.int(0, 30),
      })).filter((file, i, files) => files.findIndex((other) => other.path === file.path) === i),
      reviews,
      comments: conversation,
      events: timeline,
    };
  });

  const issues = Array.from({ length: options.issues }, (): HistoryIssue => {
    const start = end - span + rng.next() * (span - 20 * 86_400_000);
    const base = item(start, rng.pick(people));
    const timeline = events(start, count(4, 50), ["labeled", "assigned", "reopened", "locked", "milestoned"]);
    if (rng.next() < 0.6)
      timeline.push({
        type: "closed",
        actor: rng.pick(MEMBERS),
        at: time(after(start, 500)),
        duplicate: rng.next() < 0.1,
      });
    timeline.sort((a, b) => a.at.localeCompare(b.at));
    const conversation = comments(start, count(5, 50));
    return {
      ...base,
      nodeId: node(`I_${base.number}`),
      updatedAt: lastOf([
        base.createdAt,
        ...timeline.map((e) => e.at),
        ...conversation.map((c) => c.createdAt),
      ]),
      body: rng.next() < 0.1 ? "Plan:\n- [ ] one\n- [ ] two\n- [x] three\n" : "Something is off.",
      comments: conversation,
      events: timeline,
    };
  });

  const merged = pullRequests.filter((pr) => pr.mergedAt);
  const commits = Array.from({ length: options.commits ?? 20 }, (_, i): HistoryCommit => {
    const pr = i % 2 === 0 && merged[i] ? merged[i] : null;
    const author = rng.pick(MEMBERS);
    return {
      sha: (0xc0ffee00 + i).toString(16).padStart(40, "0"),
      author,
      message: pr
        ? `Merge pull request #${pr.number} from acme/topic-${pr.number}`
        : `Tidy ${rng.pick(PATHS)}`,
      at: time(end - span + rng.next() * span),
      files: pr ? [] : PATHS.filter(() => rng.next() < 0.25),
      pr: pr?.number ?? null,
    };
  }).sort((a, b) => b.at.localeCompare(a.at));

  // Commits on PR branches come from a generator of their own, so the rest of a seed's history
  // is what it was before they were added.
  const pushes = random((options.seed ?? 7) + 1013);
  for (const pr of pullRequests) {
    const carried = commits.find((commit) => commit.pr === pr.number);
    pr.mergeCommitSha = pr.mergedAt
      ? (carried?.sha ?? (pr.number * 7907).toString(16).padStart(40, "f"))
      : null;
    const from = Date.parse(pr.createdAt);
    const until = Date.parse(pr.mergedAt ?? pr.updatedAt);
    pr.commits = Array.from({ length: pushes.int(0, 3) }, (_, i) => ({
      sha: (pr.number * 100 + i).toString(16).padStart(40, "e"),
      author: pr.author.type === "User" && pushes.next() < 0.7 ? pr.author : pushes.pick(MEMBERS),
      at: time(from + pushes.next() * (until - from)),
    })).sort((a, b) => a.at.localeCompare(b.at));
  }

  const releases = Array.from({ length: options.releases ?? 3 }, (_, i): HistoryRelease => {
    const created = end - span + rng.next() * span;
    return {
      id: 150_000_000 + offset * 1000 + i,
      tag: `v1.${i}.0`,
      author: rng.pick(MEMBERS),
      createdAt: time(created),
      publishedAt: time(after(created, 5)),
    };
  }).sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  const discussions = Array.from({ length: options.discussions ?? 4 }, (_, i): HistoryDiscussion => {
    const start = end - span + rng.next() * (span - 20 * 86_400_000);
    const author = rng.pick(people);
    const thread = comments(start, rng.int(1, 6)).map((comment, j) => ({
      ...comment,
      id: 9_000_000 + offset * 1_000_000 + i * 100 + j,
      nodeId: node(`DC_${i}_${j}`),
      replies: comments(Date.parse(comment.createdAt), rng.int(0, 3)).map((reply, k) => ({
        ...reply,
        id: 9_500_000 + offset * 1_000_000 + i * 100 + j * 10 + k,
      })),
    }));
    const answered = thread.find((comment) => comment.author.login !== author.login);
    const answer =
      answered && rng.next() < 0.7
        ? { commentId: answered.id, chosenAt: time(after(Date.parse(answered.createdAt), 48)) }
        : null;
    const times = [
      time(start),
      ...thread.flatMap((c) => [c.createdAt, ...c.replies.map((r) => r.createdAt)]),
      ...(answer ? [answer.chosenAt] : []),
    ];
    return {
      number: i + 1,
      nodeId: node(`D_${i + 1}`),
      author,
      association: association(author),
      createdAt: time(start),
      updatedAt: lastOf(times),
      comments: thread,
      answer,
    };
  });

  // Planning on issues comes from a generator of its own too.
  const planning = generatePlanning(
    random((options.seed ?? 7) + 2029),
    issues,
    { members: MEMBERS, bot: BOT },
    end,
  );

  return {
    installationId: 4242,
    repo,
    members: MEMBERS,
    pullRequests,
    issues,
    commits,
    releases,
    milestones,
    discussions,
    planning,
  };
};

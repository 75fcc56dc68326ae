import type {
  HistoryDependency,
  HistoryIssue,
  HistoryPlanning,
  HistorySubIssue,
  HistoryTyping,
  HistoryUser,
} from "./history-types.js";

/** The generator's random source (synthetic-history.ts). */
export type Rng = {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(values: readonly T[]) => T;
};

const HOUR = 3_600_000;
const TYPES = ["Bug", "Feature", "Task"];

const time = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(".000Z", "Z");

const closeOf = (issue: HistoryIssue) => issue.events.find((event) => event.type === "closed")?.at ?? null;

/**
 * Whether both paths can know if `issue` was open at any moment: history keeps an issue's last
 * close only, so an issue reopened after its close is left out as a blocked one (docs/rules.md: what
 * history cannot show).
 */
const unambiguous = (issue: HistoryIssue) => {
  const closed = closeOf(issue);
  return !closed || !issue.events.some((event) => event.type === "reopened" && event.at > closed);
};

/** A moment between `from` and `to` (ms), or null when there is none. */
const between = (rng: Rng, from: number, to: number): number | null =>
  to - from < 2 * HOUR ? null : from + HOUR + Math.floor(rng.next() * (to - from - 2 * HOUR));

/**
 * Sub-issues, dependencies and issue types among `issues`, by members (now and then a bot), each
 * after the issues it touches were opened and before `end`; the issues' `updatedAt` moves with
 * them, as GitHub's does. A dependency is recorded before its blocked issue is closed (a closed
 * issue waits on nothing), before or after its blocker is closed; some are removed later.
 */
export const generatePlanning = (
  rng: Rng,
  issues: HistoryIssue[],
  people: { members: readonly HistoryUser[]; bot: HistoryUser },
  end: number,
): HistoryPlanning => {
  const planning: HistoryPlanning = { subIssues: [], dependencies: [], types: [] };
  if (issues.length < 3) return planning;
  const byNumber = new Map(issues.map((issue) => [issue.number, issue]));
  const actor = () => (rng.next() < 0.08 ? people.bot : rng.pick(people.members));
  const touch = (numbers: number[], at: string) => {
    for (const number of numbers) {
      const issue = byNumber.get(number) as HistoryIssue;
      if (issue.updatedAt < at) issue.updatedAt = at;
    }
  };
  const opened = (...numbers: number[]) =>
    Math.max(...numbers.map((n) => Date.parse((byNumber.get(n) as HistoryIssue).createdAt)));

  for (let i = 0; i < Math.ceil(issues.length / 4); i += 1) {
    const parent = rng.pick(issues).number;
    const child = rng.pick(issues).number;
    const at = between(rng, opened(parent, child), end);
    if (parent === child || at === null) continue;
    const added: HistorySubIssue = { parent, child, actor: actor(), at: time(at) };
    planning.subIssues.push(added);
    touch([parent, child], added.at);
  }

  const candidates = issues.filter(unambiguous);
  for (let i = 0; i < Math.ceil(issues.length / 3); i += 1) {
    const blocked = rng.pick(candidates);
    const blocking = rng.pick(issues);
    const taken = planning.dependencies.some(
      (d) => d.blocked === blocked.number && d.blocking === blocking.number,
    );
    if (blocked === blocking || taken) continue;
    const blockedCloses = closeOf(blocked);
    const blockerCloses = closeOf(blocking);
    // Mostly before the blocker is closed, so that closing it unblocks someone.
    const until = Math.min(
      blockedCloses ? Date.parse(blockedCloses) : end,
      blockerCloses && rng.next() < 0.75 ? Date.parse(blockerCloses) : end,
    );
    const at = between(rng, opened(blocked.number, blocking.number), until);
    if (at === null) continue;
    const removedAt = rng.next() < 0.2 ? between(rng, at, end) : null;
    const dependency: HistoryDependency = {
      blocked: blocked.number,
      blocking: blocking.number,
      actor: actor(),
      at: time(at),
      removed: removedAt === null ? null : { actor: rng.pick(people.members), at: time(removedAt) },
    };
    planning.dependencies.push(dependency);
    touch([blocked.number, blocking.number], dependency.at);
    if (dependency.removed) touch([blocked.number, blocking.number], dependency.removed.at);
  }

  for (let i = 0; i < Math.ceil(issues.length / 3); i += 1) {
    const issue = rng.pick(issues);
    const at = between(rng, Date.parse(issue.createdAt), end);
    if (at === null) continue;
    // Now and then the author sets their own issue's type: that earns nothing.
    const who = rng.next() < 0.15 && issue.author.type === "User" ? issue.author : actor();
    const typing: HistoryTyping = { issue: issue.number, type: rng.pick(TYPES), actor: who, at: time(at) };
    planning.types.push(typing);
    touch([issue.number], typing.at);
  }

  const byTime = <T extends { at: string }>(list: T[]) => list.sort((a, b) => a.at.localeCompare(b.at));
  byTime(planning.subIssues);
  byTime(planning.dependencies);
  byTime(planning.types);
  return planning;
};

import { describe, expect, it } from "vitest";
import { parseConfig, unreadableConfig } from "../../src/config/parse-config.js";
import { DEFAULT_PATHS, defaultConfig } from "../../src/config/schema.js";
import { RULE_IDS } from "../../src/vocabulary/rules.js";

describe("parseConfig defaults", () => {
  it.each([
    ["no file (null)", null],
    ["no file (undefined)", undefined],
    ["an empty object", {}],
  ])("gives the defaults and no problems for %s", (_name, raw) => {
    expect(parseConfig(raw)).toEqual({ config: defaultConfig(), problems: [] });
  });

  it("holds the documented defaults", () => {
    const { config } = parseConfig({});
    expect(config.opt_out).toBe(false);
    expect(config.dry_run).toBe(false);
    expect(config.paths).toEqual(DEFAULT_PATHS);
    expect(config.labels).toEqual({
      design: ["design", "rfc", "proposal"],
      newcomer: ["good first issue", "help wanted"],
      blocked: ["blocked", "help wanted"],
      tracking: ["roadmap", "epic", "tracking"],
    });
    expect(config.newcomer_associations).toEqual(["FIRST_TIMER", "FIRST_TIME_CONTRIBUTOR", "NONE"]);
    expect(config.member_associations).toEqual(["OWNER", "MEMBER", "COLLABORATOR"]);
    expect(config.unblocking.wait_hours).toBe(48);
    expect(config.planning.task_list_min).toBe(3);
    expect(config.exclude.logins).toEqual([]);
    expect(config.credit_comment.enabled).toBe(true);
    expect(config.report.repository).toBeUndefined();
    expect(config.report.day).toBe(1);
  });

  it("has a weight for every rule, and a light review weighs less than a full one", () => {
    const { config } = parseConfig({});
    expect(Object.keys(config.weights).sort()).toEqual([...RULE_IDS].sort());
    for (const id of RULE_IDS) expect(config.weights[id]).toBeGreaterThan(0);
    expect(config.light_review_weight).toBeLessThan(config.weights["review.submitted"]);
  });
});

describe("valid overrides", () => {
  it("applies each override and keeps every other default", () => {
    const { config, problems } = parseConfig({
      opt_out: true,
      dry_run: true,
      paths: { docs: ["handbook/**"] },
      labels: { blocked: ["stuck"] },
      unblocking: { wait_hours: 24 },
      planning: { task_list_min: 5 },
      weights: { "review.submitted": 2.5 },
      light_review_weight: 0.25,
      exclude: { logins: ["release-captain"] },
      credit_comment: { enabled: false, mentions: true },
      report: {
        repository: "octo-org/glue-reports",
        day: 3,
        balance: { min_credits: 4 },
        teams: ["platform"],
      },
    });
    expect(problems).toEqual([]);
    const defaults = defaultConfig();
    expect(config).toEqual({
      ...defaults,
      opt_out: true,
      dry_run: true,
      paths: { ...defaults.paths, docs: ["handbook/**"] },
      labels: { ...defaults.labels, blocked: ["stuck"] },
      unblocking: { wait_hours: 24 },
      planning: { task_list_min: 5 },
      weights: { ...defaults.weights, "review.submitted": 2.5 },
      light_review_weight: 0.25,
      exclude: { logins: ["release-captain"] },
      credit_comment: { enabled: false, mentions: true },
      report: {
        repository: "octo-org/glue-reports",
        day: 3,
        balance: { min_credits: 4 },
        teams: ["platform"],
        destinations: {},
        teams_min_size: 4,
      },
    });
  });

  it("accepts report.teams as a list of slugs or all, and refuses anything else", () => {
    expect(parseConfig({ report: { teams: "all" } }).config.report.teams).toBe("all");
    expect(parseConfig({ report: { teams: ["platform", "web-team"] } }).problems).toEqual([]);
    expect(parseConfig({ report: { teams: "platform" } }).problems).not.toEqual([]);
    expect(parseConfig({ report: { teams: ["two words"] } }).problems).not.toEqual([]);
    expect(parseConfig({ report: { teams_min_size: 0 } }).problems).not.toEqual([]);
    expect(parseConfig({ report: { destinations: { platform: "acme/platform" } } }).problems).toEqual([]);
    expect(parseConfig({ report: { destinations: { platform: "nowhere" } } }).problems).not.toEqual([]);
  });

  it.each(["octo-org/reports", "my.org/reports-2024", "a_b/c.d"])("accepts report.repository %s", (repo) => {
    expect(parseConfig({ report: { repository: repo } }).problems).toEqual([]);
  });

  it("accepts the _extends key Probot uses for org-wide defaults, and drops it", () => {
    expect(parseConfig({ _extends: ".github" })).toEqual({ config: defaultConfig(), problems: [] });
    const { config, problems } = parseConfig({ _extends: "octo-org/.github:gluework.yml", dry_run: true });
    expect(problems).toEqual([]);
    expect(config.dry_run).toBe(true);
    expect(config).not.toHaveProperty("_extends");
  });
});

describe("invalid config: the defaults plus problems saying what to write instead", () => {
  const problemsOf = (raw: unknown) => {
    const { config, problems } = parseConfig(raw);
    expect(config).toEqual(defaultConfig());
    expect(problems.length).toBeGreaterThan(0);
    for (const problem of problems) {
      expect(problem).toEqual({
        field: expect.any(String),
        problem: expect.any(String),
        fix: expect.any(String),
      });
      expect(problem.field).not.toBe("");
      expect(problem.problem).not.toBe("");
      expect(problem.fix).not.toBe("");
    }
    return problems;
  };

  it.each([
    ["a string", "hello"],
    ["a number", 42],
    ["a list", ["docs/**"]],
  ])("reports a whole file that is %s instead of an object", (_name, raw) => {
    expect(problemsOf(raw)).toEqual([
      {
        field: "(file)",
        problem: expect.stringContaining("expected object"),
        fix: expect.stringContaining("object"),
      },
    ]);
  });

  it.each([
    ["opt_out", { opt_out: "yes" }, "boolean"],
    ["labels", { labels: null }, "object"],
    ["paths", { paths: "docs/**" }, "object"],
    ["exclude.logins", { exclude: { logins: "bob" } }, "array"],
    ["unblocking.wait_hours", { unblocking: { wait_hours: "48h" } }, "number"],
    ["credit_comment.enabled", { credit_comment: { enabled: "off" } }, "boolean"],
  ])("reports a wrong type at %s", (field, raw, expected) => {
    expect(problemsOf(raw)).toEqual([
      { field, problem: expect.stringContaining(expected), fix: expect.stringContaining(expected) },
    ]);
  });

  it("reports an unknown top-level key by name and says to remove it", () => {
    const [problem, ...rest] = problemsOf({ colour: "blue" });
    expect(rest).toEqual([]);
    expect(problem?.problem).toContain("colour");
    expect(problem?.fix).toContain("remove `colour`");
  });

  it("reports unknown nested keys and unknown rule ids in weights", () => {
    expect(problemsOf({ labels: { blockers: ["x"] }, weights: { "nope.rule": 2 } })).toEqual([
      {
        field: "labels",
        problem: expect.stringContaining("blockers"),
        fix: expect.stringContaining("blockers"),
      },
      {
        field: "weights",
        problem: expect.stringContaining("nope.rule"),
        fix: expect.stringContaining("nope.rule"),
      },
    ]);
  });

  it("reports a report.repository that is not owner/name", () => {
    for (const repository of ["glue-reports", "https://github.com/octo-org/reports", "a/b/c", ""]) {
      expect(problemsOf({ report: { repository } })).toEqual([
        {
          field: "report.repository",
          problem: expect.any(String),
          fix: expect.stringContaining("owner/name"),
        },
      ]);
    }
  });

  it("names a rule id's weight field unambiguously", () => {
    expect(problemsOf({ weights: { "review.submitted": -1 } })).toEqual([
      { field: 'weights["review.submitted"]', problem: expect.any(String), fix: "use a value of at least 0" },
    ]);
  });

  it("reports values out of range with the limit to respect", () => {
    expect(problemsOf({ report: { day: 31 } })).toEqual([
      { field: "report.day", problem: expect.any(String), fix: "use a value of at most 28" },
    ]);
    expect(problemsOf({ paths: { docs: [""] } })).toEqual([
      { field: "paths.docs[0]", problem: expect.any(String), fix: expect.any(String) },
    ]);
  });

  it("does not suggest the rejected value: wait_hours must be more than 0", () => {
    const [problem] = problemsOf({ unblocking: { wait_hours: 0 } });
    expect(problem?.field).toBe("unblocking.wait_hours");
    expect(problem?.fix).not.toBe("use a value of at least 0");
  });

  it("uses none of an invalid file: its valid parts are not applied either", () => {
    const { config, problems } = parseConfig({ dry_run: true, opt_out: "yes" });
    expect(problems).toHaveLength(1);
    expect(config.dry_run).toBe(false);
  });

  it("reports every problem, not just the first", () => {
    const problems = problemsOf({ opt_out: 1, report: { day: 0, repository: "x" }, colour: 1 });
    expect(problems.map((problem) => problem.field).sort()).toEqual(
      ["(file)", "opt_out", "report.day", "report.repository"].sort(),
    );
  });
});

describe("an oversized config", () => {
  it("is refused: the defaults plus a problem naming its size and the limit", () => {
    const logins = Array.from({ length: 20_000 }, (_, i) => `someone-${i}`);
    const { config, problems } = parseConfig({ exclude: { logins } });
    expect(config).toEqual(defaultConfig());
    expect(problems).toHaveLength(1);
    expect(problems[0]?.field).toBe("(file)");
    expect(problems[0]?.problem).toMatch(/the config is \d+ KB; Gluework reads at most 64 KB/);
  });

  it("of a few hundred logins is still read", () => {
    const logins = Array.from({ length: 500 }, (_, i) => `someone-${i}`);
    expect(parseConfig({ exclude: { logins } }).problems).toEqual([]);
  });
});

describe("unreadableConfig", () => {
  it("gives the defaults and one problem with the reason and how to fix the file", () => {
    expect(unreadableConfig("bad indentation of a mapping entry (3:5)")).toEqual({
      config: defaultConfig(),
      problems: [
        {
          field: "(file)",
          problem: "bad indentation of a mapping entry (3:5)",
          fix: expect.stringContaining(".github/gluework.yml"),
        },
      ],
    });
  });
});

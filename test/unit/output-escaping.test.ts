import { describe, expect, it } from "vitest";
import { checkRunOutput } from "../../src/publish/check-run-output.js";
import { portfolioReply } from "../../src/publish/command-replies.js";
import { CREDIT_COMMENT_MARKER, creditCommentBody } from "../../src/publish/credit-comment-body.js";
import type { PrCredit } from "../../src/publish/pr-credits-summary.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { renderMonthlyReport, reportMarker } from "../../src/report/monthly-report.js";
import { credit, monthInput, october, person } from "../helpers/report-fixtures.js";

/** A login and a title that try every way into the Markdown: table pipes, links, HTML, markers, pings. */
const LOGIN = "evil|](https://x.test)<img src=x onerror=alert(1)><!-- gluework:credit -->@everyone";
const TITLE = "Fix | ](javascript:alert(1)) <img src=x> <!-- gluework:report:2026-10 --> @org/team *bold*";
const URL = "https://github.com/acme/web/pull/41";

/** What no output may contain once untrusted text is in it. */
const expectInert = (body: string, ownMarker: string | null) => {
  const markers = body.match(/<!-- gluework:[^>]*-->/g) ?? [];
  expect(markers).toEqual(ownMarker ? [ownMarker] : []);
  expect(body).not.toMatch(/(?<!\\)<img/);
  expect(body).not.toMatch(/(?<!\\)\]\((?!https:\/\/)/); // every link goes to an https URL
  expect(body).not.toMatch(/@(everyone|org)/); // no mention survives
  // Every table row has as many unescaped pipes as its table's header.
  const pipes = (line: string) => line.match(/(?<!\\)\|/g)?.length ?? 0;
  let header: number | null = null;
  for (const line of body.split("\n")) {
    if (!line.startsWith("| ")) {
      header = null;
      continue;
    }
    header ??= pipes(line);
    expect(pipes(line)).toBe(header);
  }
};

const hostileCredits: PrCredit[] = [
  {
    actorLogin: LOGIN,
    category: "code-review",
    rule: "review.submitted",
    url: `${URL}#review-1`,
    at: "2026-10-02T00:00:00Z",
  },
  {
    actorLogin: "alice",
    category: "code-review",
    rule: "review.comment",
    url: "javascript:alert(1)",
    at: "2026-10-03T00:00:00Z",
  },
];

describe("one escaping path for untrusted text", () => {
  it("keeps the check run's table and links intact", () => {
    const { summary } = checkRunOutput(hostileCredits, [
      { field: "report.repository", problem: "bad | value <img>", fix: "write `owner/name`" },
    ]);
    expectInert(summary, null);
    expect(summary).toContain(
      "[evil\\|\\](https://x.test)\\<img src=x onerror=alert(1)\\>\\<!-- gluework:credit --\\>@\u200beveryone](https://github.com/",
    );
    expect(summary).toContain(
      "| [alice](https://github.com/alice) | code-review | commented in the review of |",
    );
  });

  it("keeps the credit comment to one marker, and notifies nobody unless mentions are on", () => {
    const body = creditCommentBody(hostileCredits) ?? "";
    expectInert(body, CREDIT_COMMENT_MARKER);
    expect(body).not.toContain("@alice");
    expect(body).toContain("[alice](https://github.com/alice)");
    const mentioning = creditCommentBody(hostileCredits, { mentions: true }) ?? "";
    expect(mentioning).toContain("### Thank you, evil\\|");
    expect(mentioning).toContain("and @alice 🙌");
  });

  it("escapes titles and repository names in the portfolio reply, which mentions only its own reader", () => {
    const body = portfolioReply({
      commentId: 7,
      login: "alice",
      since: "2026-05-01T00:00:00Z",
      items: [
        {
          category: "code-review",
          rule: "review.submitted",
          repo: "acme/web|x",
          url: URL,
          at: "2026-10-02T00:00:00Z",
          title: TITLE,
        },
      ],
      leftOut: 0,
      now: new Date("2026-10-30T00:00:00Z"),
    });
    expectInert(body.replace("@alice", ""), "<!-- gluework:reply:7 -->");
    expect(body).toContain("### @alice, here is your glue work since 2026-05-01");
    expect(body).toContain(
      "- 2026-10-02 · code-review · reviewed [acme/web\\|x#41](https://github.com/acme/web/pull/41) *Fix \\| \\](javascript:alert(1)) \\<img src=x\\> \\<!-- gluework:report:2026-10 --\\> @\u200borg/team \\*bold\\**",
    );
  });

  it("escapes logins, titles and the scope in the monthly report", () => {
    const body = renderMonthlyReport(
      monthInput({
        scope: "acme <!-- gluework:report:2026-11 -->",
        current: october([person(LOGIN, [credit("review.submitted", "acme/web", 3, 41, TITLE)])]),
        highlights: {
          preventative: [{ reviewer: LOGIN, url: URL, pr: "acme/web#41" }],
          newcomers: [{ login: LOGIN, url: URL, pr: "acme/web#41", helpers: ["alice"] }],
        },
      }),
    );
    expectInert(body, reportMarker("2026-10"));
    expect(body).toContain('<summary><a href="https://github.com/evil%7C%5D%28https%3A%2F%2Fx.test%29%3Cimg');
  });

  it("escapes logins and titles in the CLI's Markdown", () => {
    const body = renderMarkdown({
      installation: 1,
      since: "2026-10-01T00:00:00.000Z",
      until: "2026-10-31T23:59:59.999Z",
      contributors: [person(LOGIN, [credit("review.submitted", "acme/web", 3, 41, TITLE)])],
    });
    expect(body).not.toMatch(/(?<!\\)<img/);
    expect(body).not.toMatch(/(?<!\\)<!-- gluework:/);
    expect(body).not.toMatch(/@(everyone|org)/);
  });
});

describe("plurals and the personal mix", () => {
  it("count one of a thing as one", () => {
    const body = portfolioReply({
      commentId: 1,
      login: "alice",
      since: "2026-05-01T00:00:00Z",
      items: [
        { category: "triage", rule: "triage.label", repo: "acme/web", url: URL, at: "2026-10-02T00:00:00Z" },
      ],
      leftOut: 0,
    });
    expect(body).toContain("1 glue credit across 1 repository.");
    expect(checkRunOutput([hostileCredits[1] as PrCredit]).title).toBe("1 person did glue work on this PR");
  });

  it("tells only the person that their quarter was nearly all glue, kindly", () => {
    const items = Array.from({ length: 9 }, (_, i) => ({
      category: "code-review" as const,
      rule: "review.submitted",
      repo: "acme/web",
      url: `${URL}#${i}`,
      at: "2026-10-02T00:00:00Z",
      weight: 1,
    }));
    const body = portfolioReply({
      commentId: 1,
      login: "alice",
      since: "2026-05-01T00:00:00Z",
      items: [...items, { ...items[0], category: "code", rule: "code.pr", url: `${URL}/code` } as never],
      leftOut: 0,
      now: new Date("2026-10-30T00:00:00Z"),
    });
    expect(body).toContain(
      "**Your mix this quarter:** nearly all glue — 9 of your 10 credits (90%). That work holds the team together: make sure it is recognised",
    );
    expect(body).toContain("time for the work you want to grow in");
  });
});

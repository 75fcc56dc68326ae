import { CATEGORIES, type Category } from "../classify/rules.js";

export const replyMarker = (commentId: number) => `<!-- gluework:reply:${commentId} -->`;

export type PortfolioItem = { category: Category; rule: string; repo: string; url: string; at: string };

const LIMIT = 60_000;

/** `/gluework portfolio`: the commenter's own credits by category, with evidence links. */
export const portfolioReply = (input: {
  commentId: number;
  login: string;
  since: string;
  items: readonly PortfolioItem[];
  /** Credits in repositories this one may not show (private or internal ones but itself). */
  leftOut: number;
}): string => {
  const { login, items } = input;
  const glue = items.filter((item) => item.category !== "code");
  const header = [
    replyMarker(input.commentId),
    `### @${login}'s glue work since ${input.since.slice(0, 10)}`,
    "",
    glue.length === 0
      ? "No glue work is credited to you in this period yet."
      : `${glue.length} glue credits across ${new Set(glue.map((item) => item.repo)).size} repositories. Each line links to the evidence.`,
    "",
  ];
  const footer = [
    ...(input.leftOut > 0
      ? [
          "",
          `_${input.leftOut === 1 ? "1 credit" : `${input.leftOut} credits`} in other repositories that are not public ${input.leftOut === 1 ? "is" : "are"} not shown here. Ask in one of them to see its own._`,
        ]
      : []),
    "",
    "<sub>Gluework portfolio: evidence for a promotion case. `/gluework opt-out` removes you from every report.</sub>",
  ];
  const sections: string[] = [];
  let budget = LIMIT - header.join("\n").length - footer.join("\n").length;
  for (const category of CATEGORIES.filter((c) => c !== "code")) {
    const ofCategory = glue
      .filter((item) => item.category === category)
      .sort((a, b) => b.at.localeCompare(a.at));
    if (ofCategory.length === 0) continue;
    const lines = [`<details><summary><b>${category}</b>: ${ofCategory.length}</summary>`, ""];
    let shown = 0;
    for (const item of ofCategory) {
      const line = `- ${item.at.slice(0, 10)} \`${item.rule}\` ${item.repo}: ${item.url}`;
      if (budget - line.length < 200) break;
      lines.push(line);
      budget -= line.length + 1;
      shown += 1;
    }
    if (shown < ofCategory.length) lines.push(`- … and ${ofCategory.length - shown} more`);
    lines.push("", "</details>");
    sections.push(lines.join("\n"));
  }
  return [...header, ...sections, ...footer].join("\n");
};

export const optOutReply = (commentId: number, login: string): string =>
  [
    replyMarker(commentId),
    `@${login}, you are opted out of Gluework here: your stored credits in this installation were deleted, and you will not appear in any report, check run or comment.`,
    "",
    "Comment `/gluework opt-in` to be counted again from now on.",
  ].join("\n");

export const optInReply = (commentId: number, login: string): string =>
  [
    replyMarker(commentId),
    `@${login}, welcome back: your glue work is credited again from now on.`,
    "Credits deleted when you opted out are not restored.",
  ].join("\n");

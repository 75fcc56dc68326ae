import { describe, expect, it } from "vitest";
import { normalize } from "../../src/events/normalize.js";
import { parseCommand } from "../../src/events/parse-command.js";
import { example } from "../helpers/examples.js";

describe("/gluework commands", () => {
  it.each([
    ["/gluework portfolio", "portfolio"],
    ["  /gluework Opt-Out please", "opt-out"],
    ["Thanks for the review!\n/gluework opt-in", "opt-in"],
    ["/gluework opt-out @someone-else", "opt-out"],
    ["```\nnpm start\n```\n/gluework portfolio", "portfolio"],
    ["> /gluework opt-out\n\nSure:\n/gluework opt-in", "opt-in"],
  ])("reads %j as %s", (body, command) => {
    expect(parseCommand(body)).toBe(command);
  });

  it.each([
    "/gluework",
    "/gluework delete-everything",
    "please run /gluework portfolio",
    "/glueworks portfolio",
    "",
    "From the README:\n\n```\n/gluework opt-out\n```",
    "~~~md\n/gluework opt-out\n~~~",
    "````\n```\n/gluework opt-out\n```\n````",
    "```\nnever closed\n/gluework opt-out",
    "Try this:\n\n    /gluework opt-out",
    "\t/gluework portfolio",
    "> /gluework opt-out",
    ">> /gluework portfolio",
    " > /gluework opt-in",
    "Run `/gluework opt-out` to leave.",
    "- /gluework portfolio",
  ])("ignores %j", (body) => {
    expect(parseCommand(body)).toBeNull();
  });

  it("is not credited as a comment on the item it was posted on", () => {
    const payload = example("issue_comment", "created");
    payload.comment.body = "/gluework portfolio";
    expect(normalize("issue_comment", payload)).toEqual({ ok: true, activities: [] });
    payload.comment.body = "I can reproduce this on Linux too.";
    const normal = normalize("issue_comment", payload);
    expect(normal.ok && normal.activities).toHaveLength(1);
  });
});

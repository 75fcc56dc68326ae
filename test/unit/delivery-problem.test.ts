import { describe, expect, it } from "vitest";
import { deliveryProblem } from "../../src/events/delivery-problem.js";
import { example } from "../helpers/examples.js";

describe("deliveryProblem: verified deliveries Gluework cannot take", () => {
  it("accepts real deliveries, with or without an installation", () => {
    expect(deliveryProblem(example("pull_request_review", "submitted"))).toBeNull();
    expect(deliveryProblem({ zen: "Keep it logically awesome.", hook_id: 1 })).toBeNull();
    expect(deliveryProblem({ action: "x", installation: null })).toBeNull();
    // Emoji and other text outside the BMP come as surrogate pairs: storable.
    expect(deliveryProblem({ title: "👩‍👩‍👧‍👦 𝕌𝕟𝕚𝕔𝕠𝕕𝕖 \uFFFD" })).toBeNull();
  });

  it.each([
    ["null", null, "the body is null, not a JSON object"],
    ["a number", 123, "the body is a number, not a JSON object"],
    ["a string", "hello", "the body is a string, not a JSON object"],
    ["an array", [{ installation: { id: 1 } }], "the body is an array, not a JSON object"],
  ])("refuses a body that is %s", (_, body, reason) => {
    expect(deliveryProblem(body)).toBe(reason);
  });

  it.each([
    ["a string", "1"],
    ["a negative number", -5],
    ["a fraction", 1.5],
    ["past 2^53", 2 ** 60],
    ["an object", { id: 1 }],
  ])("refuses an installation.id that is %s", (_, id) => {
    const payload = example("issues", "opened");
    payload.installation.id = id;
    expect(deliveryProblem(payload)).toBe("installation.id is not a positive integer");
  });

  it.each([
    ["a NUL in a comment body", ["comment", "body"], "ok\u0000ok", "$.comment.body"],
    ["a NUL in a login", ["sender", "login"], "\u0000", "$.sender.login"],
    ["a lone high surrogate", ["issue", "title"], "a\uD800b", "$.issue.title"],
    ["a lone low surrogate", ["issue", "labels"], ["\uDC00"], "$.issue.labels[0]"],
    ["a NUL in a key", ["issue", "a\u0000"], 1, "$.issue (a key)"],
  ])("refuses %s, naming where it is", (_, [parent, field], value, path) => {
    const payload = example("issue_comment", "created");
    payload[parent as string][field as string] = value;
    expect(deliveryProblem(payload)).toBe(`text with a NUL or an unpaired surrogate at ${path}`);
    // The same with the JSON text it came as (the escape is all the text shows of it).
    const text = JSON.stringify(payload);
    expect(text).toMatch(/\\u(0000|d[89a-f])/i);
    expect(deliveryProblem(payload, text)).toBe(`text with a NUL or an unpaired surrogate at ${path}`);
  });

  it("walks the payload only when its JSON text shows an escape or a character the store refuses", () => {
    // The text is what the payload was parsed from: with nothing of the kind in it, it is not walked.
    expect(deliveryProblem({ body: "\u0000" }, JSON.stringify({ body: "clean" }))).toBeNull();
    // A backslash followed by "u0000" is text, not a NUL: walked, and storable.
    const literal = { body: "C:\\u0000 is a path, not a NUL" };
    expect(deliveryProblem(literal, JSON.stringify(literal))).toBeNull();
    // Emoji come as surrogate pairs, raw in the text: walked, and storable.
    const emoji = { title: "👩‍👩‍👧‍👦 𝕌𝕟𝕚𝕔𝕠𝕕𝕖" };
    expect(deliveryProblem(emoji, JSON.stringify(emoji))).toBeNull();
    const real = example("pull_request_review", "submitted");
    expect(deliveryProblem(real, JSON.stringify(real))).toBeNull();
  });

  it("walks payloads nested far deeper than the call stack allows", () => {
    let deep: unknown = "\u0000";
    for (let i = 0; i < 200_000; i += 1) deep = [deep];
    const reason = deliveryProblem({ deep }) ?? "";
    expect(reason).toMatch(/^text with a NUL or an unpaired surrogate at \$\.deep\[0\]\[0\].*…$/);
    expect(reason.length).toBeLessThan(200);
  });
});

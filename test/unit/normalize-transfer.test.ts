import { describe, expect, it } from "vitest";
import { normalize } from "../../src/events/normalize.js";
import { example } from "../helpers/examples.js";

describe("issues.transferred", () => {
  it("is triage of the issue where it now lives, so history and webhooks give the same key", () => {
    const payload = example("issues", "transferred");
    const result = normalize("issues", payload);
    expect(result.ok).toBe(true);
    const [activity] = result.ok ? result.activities : [];
    expect(activity?.type).toBe("triage");
    if (activity?.type !== "triage") return;
    expect(activity.repo.fullName).toBe(payload.changes.new_repository.full_name);
    expect(activity.item.number).toBe(payload.changes.new_issue.number);
    expect(activity.item.author.login).toBe(payload.issue.user.login);
  });

  it("falls back to the old issue when GitHub does not say where it went", () => {
    const payload = example("issues", "transferred");
    delete payload.changes;
    const result = normalize("issues", payload);
    const [activity] = result.ok ? result.activities : [];
    expect(activity?.type === "triage" && activity.item.number).toBe(payload.issue.number);
  });
});

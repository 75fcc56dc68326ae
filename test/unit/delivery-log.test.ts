import { describe, expect, it } from "vitest";
import { attemptFailed, failedDeliveries, type HookDelivery } from "../../src/recover/delivery-log.js";

let nextId = 1;
const attempt = (guid: string, statusCode: number, overrides: Partial<HookDelivery> = {}): HookDelivery => ({
  id: nextId++,
  guid,
  delivered_at: "2026-12-06T10:00:00Z",
  redelivery: false,
  status: statusCode >= 200 && statusCode < 300 ? "OK" : `Invalid HTTP Response: ${statusCode}`,
  status_code: statusCode,
  event: "pull_request_review",
  action: "submitted",
  installation_id: 7,
  repository_id: 70,
  ...overrides,
});

describe("GitHub's delivery log", () => {
  it("calls an attempt failed when nothing answered, the answer was an error, or GitHub says not OK", () => {
    expect(attemptFailed(attempt("a", 0, { status: "failed to connect to host" }))).toBe(true);
    expect(attemptFailed(attempt("a", 503))).toBe(true);
    expect(attemptFailed(attempt("a", 200, { status: "timed out" }))).toBe(true);
    expect(attemptFailed(attempt("a", 202))).toBe(false);
  });

  it("asks again only for deliveries no attempt of which got through, with their latest attempt", () => {
    const log = [
      attempt("down", 0),
      attempt("flaky", 502),
      attempt("flaky", 200, { redelivery: true }),
      attempt("down", 500, { redelivery: true }),
      attempt("fine", 202),
      attempt("app-wide", 503, { installation_id: null, event: "github_app_authorization" }),
    ];
    const [, , , latestDown] = log;
    expect(failedDeliveries(log)).toEqual([
      { attemptId: latestDown?.id, guid: "down", installationId: 7, event: "pull_request_review" },
      { attemptId: log[5]?.id, guid: "app-wide", installationId: 0, event: "github_app_authorization" },
    ]);
  });
});

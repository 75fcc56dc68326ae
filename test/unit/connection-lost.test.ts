import { describe, expect, it } from "vitest";
import { isConnectionLost } from "../../src/store/connection-lost.js";

const error = (code: string, message = "") => Object.assign(new Error(message), { code });

describe("isConnectionLost", () => {
  it("is true for a connection lost, refused or terminated", () => {
    for (const code of ["CONNECTION_CLOSED", "CONNECT_TIMEOUT", "ECONNREFUSED", "08006", "57P01"])
      expect(isConnectionLost(error(code))).toBe(true);
    expect(isConnectionLost(error("55000", 'database "x" is not currently accepting connections'))).toBe(
      true,
    );
  });

  it("is false for a statement that failed, or anything without a code", () => {
    for (const code of ["22001", "23505", "55P03", "57014"])
      expect(isConnectionLost(error(code))).toBe(false);
    expect(isConnectionLost(error("55000", "some other state"))).toBe(false);
    expect(isConnectionLost(new Error("boom"))).toBe(false);
    expect(isConnectionLost(null)).toBe(false);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { example } from "../helpers/examples.js";
import { createGraphqlDouble } from "../helpers/history/graphql-double.js";
import { generateHistory } from "../helpers/history/synthetic-history.js";
import { deliver } from "./helpers/deliver.js";
import { repoOf } from "./helpers/scenario.js";
import { eventually, type Stack, settled, startStack, storedRows } from "./helpers/stack.js";

const INSTALLATION = 4501;

/** Tables holding something of the installation, with how many rows. */
const nonEmpty = (counts: Record<string, number>) => Object.entries(counts).filter(([, count]) => count > 0);

describe("uninstall during a backfill", () => {
  let stack: Stack;
  /** Lets held history queries go, so the server can stop even when the test failed midway. */
  let releaseHeld = () => {};
  beforeAll(async () => {
    stack = await startStack();
  });
  afterAll(async () => {
    releaseHeld();
    expect(await stack?.stop()).toEqual([0]);
  });

  it("leaves zero rows of the installation in every table once the backfill would have finished, and writes nothing to GitHub for it afterwards", async () => {
    // acme/rockets with a month of history, imported by the server's backfill worker.
    const history = generateHistory({
      pullRequests: 30,
      issues: 10,
      seed: 45,
      end: new Date().toISOString(),
      days: 30,
    });
    const repo = repoOf(INSTALLATION, history.repo.id, history.repo.owner, history.repo.name);
    stack.double.addRepo(repo);
    // The first two history queries are answered; the rest wait until the uninstall was answered.
    const hold = stack.double.serveHistory(INSTALLATION, createGraphqlDouble(history), 2);
    if (!hold) throw new Error("the double holds no queries");
    releaseHeld = hold.release;

    const send = (id: string, action: "created" | "deleted") => {
      const payload = example("installation", action, INSTALLATION);
      payload.installation = { ...payload.installation, account: { ...payload.sender, login: "acme" } };
      payload.repositories = [
        { id: repo.id, node_id: `R_${repo.id}`, name: repo.name, full_name: "acme/rockets", private: false },
      ];
      return deliver(stack.server.url, stack.credentials.webhookSecret, {
        id,
        name: "installation",
        payload,
      });
    };
    expect((await send("install-4501", "created")).status).toBe(200);

    // The backfill is mid-run: a page is in the store and the next query waits.
    await hold.reached;
    await eventually(
      "the first history page in the store",
      async () => ((await storedRows(stack.sql, INSTALLATION)).credits ?? 0) > 0,
    );
    const during = nonEmpty(await storedRows(stack.sql, INSTALLATION)).map(([table]) => table);
    expect(during).toEqual(
      expect.arrayContaining(["backfill_runs", "credits", "installations", "pull_requests"]),
    );

    expect((await send("uninstall-4501", "deleted")).status).toBe(200);
    const deletedAt = Date.now();
    hold.release();

    // The run goes on past the uninstall, and ends: by losing its run (deleted) or by finishing.
    await eventually("the backfill run to end", () =>
      /history import (stopped: the app was uninstalled|lease lost|: finished|failed)/.test(
        stack.server.logs(),
      ),
    );
    await settled(stack.sql);

    expect(nonEmpty(await storedRows(stack.sql, INSTALLATION))).toEqual([]);
    const writesAfter = stack.double
      .writes()
      .filter(
        (request) =>
          request.at >= deletedAt &&
          request.route !== "graphql" &&
          (request.installationId === INSTALLATION || request.path.startsWith("/repos/acme/rockets/")),
      );
    expect(writesAfter).toEqual([]);
    expect(stack.double.unexpected).toEqual([]);
  });
});

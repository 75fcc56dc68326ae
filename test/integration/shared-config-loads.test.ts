import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createSharedConfigLoads } from "../../src/handlers/load-repo-config.js";
import { useIntegrationStore } from "../helpers/integration.js";
import { storeKinds } from "../helpers/stores.js";

describe.each(storeKinds())("config loads shared by a burst of deliveries on %s store", (kind) => {
  const store = useIntegrationStore(kind);

  it("reads a repository's config from GitHub once for deliveries asking at the same moment", async () => {
    let reads = 0;
    const source = {
      log: pino({ level: "silent" }),
      config: async () => {
        reads += 1;
        await new Promise((resolve) => setTimeout(resolve, 20));
        return { exclude: { logins: ["release-captain"] } };
      },
    };
    const loadConfig = createSharedConfigLoads();
    const repo = { id: 77, fullName: "acme/web" };
    const loaded = await Promise.all([1, 2, 3].map(() => loadConfig(store.sql, source, repo, 5)));
    expect(reads).toBe(1);
    for (const parsed of loaded) expect(parsed.config.exclude.logins).toEqual(["release-captain"]);
    // Another repository is another read; the first is now answered from the store's cache.
    await loadConfig(store.sql, source, { id: 78, fullName: "acme/api" }, 5);
    await loadConfig(store.sql, source, repo, 5);
    expect(reads).toBe(2);
  });
});

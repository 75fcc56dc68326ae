import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { createSharedConfigLoads } from "../../src/handlers/load-repo-config.js";
import { forgetCachedConfig } from "../../src/store/repo-config-cache.js";
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
        const config = { exclude: { logins: ["release-captain"] } };
        return { merged: config, own: config };
      },
    };
    const loadConfig = createSharedConfigLoads();
    const repo = { id: 77, fullName: "acme/web" };
    const loaded = await Promise.all([1, 2, 3].map(() => loadConfig.load(store.sql, source, repo, 5)));
    expect(reads).toBe(1);
    for (const parsed of loaded) expect(parsed.config.exclude.logins).toEqual(["release-captain"]);
    // Another repository is another read; the first is now answered from the store's cache.
    await loadConfig.load(store.sql, source, { id: 78, fullName: "acme/api" }, 5);
    await loadConfig.load(store.sql, source, repo, 5);
    expect(reads).toBe(2);
  });

  it("keeps a loaded config for a while without asking the store, and forgets it when told", async () => {
    let reads = 0;
    const source = {
      log: pino({ level: "silent" }),
      config: async () => {
        reads += 1;
        const config = { exclude: { logins: [`reader-${reads}`] } };
        return { merged: config, own: config };
      },
    };
    const loads = createSharedConfigLoads(60_000);
    const repo = { id: 91, fullName: "acme/docs" };
    expect((await loads.load(store.sql, source, repo, 6)).config.exclude.logins).toEqual(["reader-1"]);
    // The store's copy is gone, as after a config push another replica received: still held here.
    await forgetCachedConfig(store.sql, 6, null);
    expect((await loads.load(store.sql, source, repo, 6)).config.exclude.logins).toEqual(["reader-1"]);
    loads.forget(6, 91);
    expect((await loads.load(store.sql, source, repo, 6)).config.exclude.logins).toEqual(["reader-2"]);
    // An org-wide change forgets every repository of the installation.
    await forgetCachedConfig(store.sql, 6, null);
    loads.forget(6, null);
    expect((await loads.load(store.sql, source, repo, 6)).config.exclude.logins).toEqual(["reader-3"]);

    const brief = createSharedConfigLoads(10);
    await brief.load(store.sql, source, { id: 92, fullName: "acme/blog" }, 6);
    await forgetCachedConfig(store.sql, 6, 92);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(
      (await brief.load(store.sql, source, { id: 92, fullName: "acme/blog" }, 6)).config.exclude.logins,
    ).toEqual(["reader-5"]);
  });
});

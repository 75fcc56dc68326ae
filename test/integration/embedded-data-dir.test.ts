import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { connect } from "../../src/store/db.js";
import { holdsStore, SHARED_BUFFERS, startEmbeddedPostgres } from "../../src/store/embedded.js";

describe("an embedded store in a data folder", () => {
  const folders: string[] = [];
  afterAll(async () => {
    await Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true })));
  });

  it("is created when the folder is new, keeps what was written when opened again, and runs with the small buffer cache", async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), "gw-data-")), "store");
    folders.push(dirname(dataDir));
    expect(await holdsStore(dataDir)).toBe(false);
    const first = await startEmbeddedPostgres(dataDir);
    expect(await holdsStore(dataDir)).toBe(true);
    const sql = connect(first.url, { max: 1, path: first.socket });
    await sql`create table kept (note text)`;
    await sql`insert into kept values ('written before the restart')`;
    const [setting] = await sql<{ shared_buffers: string }[]>`show shared_buffers`;
    expect(setting?.shared_buffers).toBe(SHARED_BUFFERS);
    await sql.end({ timeout: 1 });
    await first.stop();

    const again = await startEmbeddedPostgres(dataDir);
    const reopened = connect(again.url, { max: 1, path: again.socket });
    expect(await reopened`select note from kept`).toEqual([{ note: "written before the restart" }]);
    await reopened.end({ timeout: 1 });
    await again.stop();
  });
});

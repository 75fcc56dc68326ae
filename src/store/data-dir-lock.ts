import { chmod, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";

/** A lock without `socket` (an older server's, which served a TCP port) is held but cannot be shared. */
const lockSchema = z.object({
  pid: z.number().int(),
  socket: z.string().min(1).nullable().default(null),
  role: z.string(),
});
export type DataDirLock = z.output<typeof lockSchema>;

const lockPath = (dataDir: string) => join(dataDir, "gluework.lock.json");

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** The live process that holds the embedded data folder, if any (a stale lock is ignored). */
export const readDataDirLock = async (dataDir: string): Promise<DataDirLock | null> => {
  try {
    const lock = lockSchema.parse(JSON.parse(await readFile(lockPath(dataDir), "utf8")));
    return lock.pid !== process.pid && isAlive(lock.pid) ? lock : null;
  } catch {
    return null;
  }
};

/**
 * Claims the data folder for this process; the socket (in the owner-only folder) tells other
 * processes of the same user where to connect. The file itself is owner-only too.
 */
export const writeDataDirLock = async (
  dataDir: string,
  lock: Omit<DataDirLock, "pid">,
): Promise<() => Promise<void>> => {
  await writeFile(lockPath(dataDir), JSON.stringify({ pid: process.pid, ...lock }), { mode: 0o600 });
  await chmod(lockPath(dataDir), 0o600);
  return () => rm(lockPath(dataDir), { force: true });
};

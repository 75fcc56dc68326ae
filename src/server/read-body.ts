import type { IncomingMessage } from "node:http";

/** Bytes of request bodies held in memory at once, shared by the requests of one server. */
export type BodyBudget = { limit: number; used: number };

export type BodyRead =
  | { ok: true; chunks: Buffer[]; size: number; release: () => void }
  | { ok: false; status: 413 | 503 | 400; reason: string };

/**
 * Reads a request body of at most `maxBytes`, counting bytes as they arrive (a `content-length`
 * over the cap is refused before reading anything). A body over the cap, or one that would take
 * the bytes held by all requests past `budget.limit`, stops being read: the caller answers and
 * closes the connection. Each chunk is shown to `onChunk` as it arrives (to hash it), and the
 * chunks are handed back as they came: joining them is the caller's choice. The bytes of a body
 * read stay counted until `release`.
 */
export const readBody = (
  request: IncomingMessage,
  maxBytes: number,
  budget: BodyBudget,
  onChunk: (chunk: Buffer) => void = () => {},
): Promise<BodyRead> =>
  new Promise((resolve) => {
    const declared = Number(request.headers["content-length"] ?? Number.NaN);
    if (declared > maxBytes) {
      resolve({ ok: false, status: 413, reason: `body of ${declared} bytes is over the cap of ${maxBytes}` });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: BodyRead) => {
      if (done) return;
      done = true;
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
      if (!result.ok) {
        budget.used -= size;
        chunks.length = 0;
        request.pause();
      }
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > maxBytes) {
        finish({ ok: false, status: 413, reason: `body over the cap of ${maxBytes} bytes` });
        return;
      }
      if (budget.used + chunk.length > budget.limit) {
        finish({ ok: false, status: 503, reason: "too many request bodies in memory at once" });
        return;
      }
      size += chunk.length;
      budget.used += chunk.length;
      chunks.push(chunk);
      onChunk(chunk);
    };
    const onEnd = () => {
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        budget.used -= size;
      };
      finish({ ok: true, chunks, size, release });
    };
    const onError = () => finish({ ok: false, status: 400, reason: "the request body could not be read" });
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });

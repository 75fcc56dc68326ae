import { z } from "zod";

/** A NUL, or half of a UTF-16 surrogate pair: text PostgreSQL refuses to store. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding NUL is the point.
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A NUL or a surrogate written as a JSON escape (`\u0000`, `\ud800`…`\udfff`). */
const ESCAPED = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * Whether a payload's JSON text may hold text the store cannot keep: raw, or as an escape that
 * JSON.parse turns into it. When it cannot, the parsed payload need not be walked. Asked of every
 * delivery, so the engine's own scans go first: a search for NUL and `\u`, a check for lone
 * surrogates (`isWellFormed`); the pattern reads only a text that has an escape.
 */
const mayHoldUnstorable = (text: string): boolean =>
  text.includes("\u0000") || !text.isWellFormed() || (text.includes("\\u") && ESCAPED.test(text));

/**
 * What Probot needs to route a delivery: an object whose `installation.id`, when set, is an id
 * it can authenticate as (an empty or missing installation means "as the app").
 */
const routable = z.looseObject({
  installation: z
    .looseObject({
      id: z.union([
        z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
        z.literal([0, "", false, null, undefined]),
      ]),
    })
    .nullish()
    .or(z.unknown().refine((value) => typeof value !== "object" || value === null)),
});

/** A path one step deeper; past a hundred characters it stops growing, so a reason stays short. */
const below = (path: string, step: string): string =>
  path.length > 100 ? (path.endsWith("…") ? path : `${path}…`) : `${path}${step}`;

/** The path to the first string (or key) in `value` that holds text the store cannot keep. */
const unstorableAt = (value: unknown): string | null => {
  const pending: [unknown, string][] = [[value, "$"]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [node, path] = next;
    if (typeof node === "string") {
      if (UNSTORABLE.test(node)) return path;
    } else if (Array.isArray(node)) {
      node.forEach((item, index) => {
        pending.push([item, below(path, `[${index}]`)]);
      });
    } else if (node !== null && typeof node === "object") {
      for (const [key, item] of Object.entries(node)) {
        if (UNSTORABLE.test(key)) return `${path} (a key)`;
        pending.push([item, below(path, `.${key}`)]);
      }
    }
  }
  return null;
};

/**
 * Why a verified delivery cannot be taken at all, or null. Such a delivery is answered 2xx and
 * logged: redelivering it would fail the same way every time. GitHub sends none of these; they
 * come from a broken or hostile sender that holds the secret. `text`, the JSON the payload was
 * parsed from, spares walking the payload when it shows no such text.
 */
export const deliveryProblem = (payload: unknown, text?: string): string | null => {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    return `the body is ${payload === null ? "null" : Array.isArray(payload) ? "an array" : `a ${typeof payload}`}, not a JSON object`;
  }
  if (!routable.safeParse(payload).success) return "installation.id is not a positive integer";
  if (text !== undefined && !mayHoldUnstorable(text)) return null;
  const at = unstorableAt(payload);
  return at ? `text with a NUL or an unpaired surrogate at ${at}` : null;
};

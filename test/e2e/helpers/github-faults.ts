import type { Answer, Layer } from "../../../src/github-double/start-github-double.js";

/** A fault to inject: the next `times` requests matching `method` and `path` get this answer. */
export type Fault = {
  method?: string;
  path: RegExp;
  status: number;
  times: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Only requests whose JSON body matches. */
  bodyMatches?: RegExp;
  /** Never answer (the app's request timeout has to end it). */
  hang?: boolean;
  /** Do what was asked first, then answer with the fault (GitHub losing the answer to a create). */
  after?: boolean;
};

const DEFAULT_FAULT_BODY: Record<number, unknown> = {
  403: {
    message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  },
  429: {
    message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
  },
  404: { message: "Not Found" },
  500: { message: "Server Error" },
  502: { message: "Server Error" },
};

const faultAnswer = (fault: Fault): Answer => ({
  route: "fault",
  hang: fault.hang === true,
  reply: {
    status: fault.status,
    body: fault.body ?? DEFAULT_FAULT_BODY[fault.status] ?? {},
    headers: fault.headers ?? {},
  },
  reason: null,
});

/** The GitHub double's fault plug-in: the first fault in `faults` a request matches answers it. */
export const faultLayer =
  (faults: Fault[]): Layer =>
  async (request, next) => {
    const fault = faults.find(
      (f) =>
        f.times > 0 &&
        (f.method ?? request.method) === request.method &&
        f.path.test(request.path) &&
        (f.bodyMatches === undefined || f.bodyMatches.test(JSON.stringify(request.body))),
    );
    if (!fault) return next();
    fault.times -= 1;
    if (!fault.after) return faultAnswer(fault);
    const handled = await next();
    return handled.reply.status < 300 ? faultAnswer(fault) : handled;
  };

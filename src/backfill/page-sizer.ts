/**
 * How many nodes to ask for per page, so a query finishes well inside GitHub's 10 seconds.
 * GitHub takes roughly 300 ms plus about a millisecond per object it returns; a page of 100
 * pull requests with their files, reviews, comments, commits and timeline can be thousands of
 * objects. Each part's objects per node are learned from the pages already read (the first page
 * starts from `expected`), and the next page is sized to about `targetObjects`.
 */
export type PageSizer = {
  size: (connection: string) => number;
  learn: (connection: string, objects: number, nodes: number) => void;
};

/** About six seconds of GitHub's time per query at the latency above, so a page rarely nears ten. */
export const TARGET_OBJECTS = 6000;

/** Objects per node of each part before any page of it is read (a pull request with its lists). */
const EXPECTED: Record<string, number> = { pull_requests: 40, issues: 25, discussions: 40 };

export const createPageSizer = ({
  max = 100,
  min = 10,
  targetObjects = TARGET_OBJECTS,
}: {
  max?: number;
  min?: number;
  targetObjects?: number;
} = {}): PageSizer => {
  const perNode = new Map<string, number>();
  return {
    size: (connection) => {
      const objects = perNode.get(connection) ?? EXPECTED[connection];
      if (!objects) return max;
      return Math.max(min, Math.min(max, Math.floor(targetObjects / objects)));
    },
    learn: (connection, objects, nodes) => {
      if (nodes > 0) perNode.set(connection, objects / nodes);
    },
  };
};

/** Objects in a GraphQL answer (every JSON object, at every depth). */
export const countObjects = (value: unknown): number => {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countObjects(item), 0);
  if (value === null || typeof value !== "object") return 0;
  return 1 + Object.values(value).reduce((sum: number, item) => sum + countObjects(item), 0);
};

import ignore, { type Ignore } from "ignore";
import { type GlueKind, PATH_KINDS, type PathKind } from "../config/schema.js";

/** The endings a capitalised document name (CONTRIBUTING, CHANGELOG, …) may carry. */
const DOC_ENDINGS = ["", ".md", ".markdown", ".rst", ".txt", ".adoc"];

const isDocumentName = (pattern: string): boolean => /^[A-Z][A-Z0-9_]*$/.test(pattern) && pattern.length > 2;

/**
 * A capitalised name stands for a document file of that name at any depth, never a folder:
 * `CHANGELOG` matches `CHANGELOG.md` and `pkg/changelog.rst` but not `changelog/index.js`.
 */
const documentPatterns = (name: string): string[] => [
  ...DOC_ENDINGS.map((ending) => `${name}${ending}`),
  `!${name}/`,
];

const matcherFor = (patterns: readonly string[]): ((path: string) => boolean) => {
  const documents = ignore({ ignorecase: true });
  const others = ignore({ ignorecase: true });
  for (const pattern of patterns) {
    if (isDocumentName(pattern)) documents.add(documentPatterns(pattern));
    else others.add(pattern);
  }
  const matches = (matcher: Ignore, path: string) => matcher.ignores(path);
  return (path) => matches(documents, path) || matches(others, path);
};

export type PathClassifier = (path: string) => PathKind;

/**
 * Builds the function that gives every changed file exactly one kind: the first kind, in
 * the kinds' order, whose patterns match; `code` when none does.
 */
export const createPathClassifier = (paths: Record<GlueKind, readonly string[]>): PathClassifier => {
  const matchers = PATH_KINDS.map((kind) => [kind, matcherFor(paths[kind])] as const);
  return (rawPath) => {
    const path = rawPath.replace(/^\/+/, "");
    if (path === "") return "code";
    for (const [kind, matches] of matchers) if (matches(path)) return kind;
    return "code";
  };
};

/**
 * `createPathClassifier`, remembered per distinct `paths` for a while: compiling the patterns
 * costs far more than classifying a delivery's files, and nearly every delivery carries the same
 * paths (the defaults, or its repository's unchanged config). Entries are rebuilt after
 * `maxAgeMs`, because the matchers remember every path they have answered.
 */
export const createPathClassifierCache = ({ size = 64, maxAgeMs = 10 * 60_000 } = {}) => {
  const classifiers = new Map<string, { classifier: PathClassifier; until: number }>();
  return (paths: Record<GlueKind, readonly string[]>): PathClassifier => {
    const key = JSON.stringify(PATH_KINDS.map((kind) => paths[kind]));
    const now = Date.now();
    const cached = classifiers.get(key);
    if (cached && cached.until > now) return cached.classifier;
    const classifier = createPathClassifier(paths);
    classifiers.delete(key);
    if (classifiers.size >= size) classifiers.delete(classifiers.keys().next().value as string);
    classifiers.set(key, { classifier, until: now + maxAgeMs });
    return classifier;
  };
};

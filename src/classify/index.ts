export { classify, needsPullRequestFiles } from "./classify.js";
export type { ChangedFile, Credit, SubjectType } from "./credit.js";
export type { ClassifyInput } from "./facts.js";
export { createPathClassifier, type PathClassifier } from "./path-kinds.js";
export { CATEGORIES, type Category, categoryOf, isGlue, RULE_IDS, RULES, type RuleId } from "./rules.js";

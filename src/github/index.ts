export { commitInMergedPullRequest } from "./commit-in-merged-pull-request.js";
export { readPullRequestFiles } from "./read-pull-request-files.js";

export {
  buildDemoMonth,
  DEMO_INSTALLATION_ID,
  type DemoApi,
  type DemoCommitPull,
  type DemoDelivery,
  type DemoFile,
  type DemoMonth,
} from "./dataset.js";
export { type GitHubDouble, type RecordedRequest, startGitHubDouble } from "./github-double.js";
export { type DemoResult, runDemo } from "./run-demo.js";

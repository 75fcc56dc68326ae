export { renderCsv } from "./csv.js";
export { renderMarkdown } from "./markdown.js";
export { barChart, lineChart, mermaidLabel } from "./mermaid.js";
export type { Highlights } from "./monthly-highlights.js";
export {
  ISSUE_BODY_LIMIT,
  type MonthlyReportInput,
  RULES_README_URL,
  renderMonthlyReport,
  reportMarker,
  reportTitle,
} from "./monthly-report.js";
export {
  type ContributorSummary,
  categoryTotals,
  type Report,
  type ReportItem,
  summarize,
} from "./summarize.js";

export { renderCsv } from "./csv.js";
export { balanceNotes, renderMarkdown } from "./markdown.js";
export {
  type ContributorSummary,
  categoryTotals,
  type Report,
  type ReportItem,
  summarize,
} from "./summarize.js";

/**
 * The demo's preview page: each output Gluework would post (the monthly issue, a check run, a
 * credit comment, a portfolio reply) rendered from its Markdown as GitHub would show it, with
 * GitHub-like styles and the Mermaid charts drawn in the page by a local copy of Mermaid. Pure: it
 * returns the HTML; the caller writes it next to `mermaid.min.js`.
 */
import { Marked } from "marked";
import { escapeHtml } from "../report/escape.js";

/** One output as the preview shows it. */
export type PreviewOutput = {
  /** The anchor and file name stem: `monthly-report`, `check-run`, … */
  id: string;
  /** What it is on GitHub: "Issue", "Check run", "Comment", "Reply". */
  kind: string;
  /** Its title (the issue's or check run's) or a caption. */
  title: string;
  /** Where it would appear: `acme-robotics/.github`, `acme-robotics/rover-firmware#41`, … */
  where: string;
  markdown: string;
};

/** The widest an output may be: GitHub's issue and comment column. */
export const PREVIEW_WIDTH = 1012;

/** A block of text for `<pre>`, line breaks kept. */
const escapeBlock = (text: string): string =>
  text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");

const markdown = new Marked({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      if (lang === "mermaid") return `<pre class="mermaid">${escapeBlock(text)}</pre>\n`;
      return false;
    },
  },
});

/** GitHub's look, close enough to judge width, tables, details and charts. */
const STYLES = `
body { margin: 0; background: #f6f8fa; color: #1f2328; font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
header.page { background: #24292f; color: #fff; padding: 16px 24px; }
header.page h1 { margin: 0; font-size: 20px; }
header.page nav a { color: #fff; margin-right: 16px; }
main { padding: 24px; }
section.output { max-width: ${PREVIEW_WIDTH}px; margin: 0 0 32px; }
.caption { color: #59636e; font-size: 12px; margin-bottom: 4px; }
.box { background: #fff; border: 1px solid #d1d9e0; border-radius: 6px; overflow: hidden; }
.box > .title { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; padding: 8px 16px; font-weight: 600; }
.markdown-body { padding: 16px; overflow-wrap: break-word; }
.markdown-body h1, .markdown-body h2 { border-bottom: 1px solid #d1d9e0; padding-bottom: .3em; }
.markdown-body h2 { font-size: 1.5em; } .markdown-body h3 { font-size: 1.25em; }
.markdown-body table { border-collapse: collapse; display: block; max-width: 100%; overflow: auto; margin: 0 0 16px; }
.markdown-body th, .markdown-body td { border: 1px solid #d1d9e0; padding: 6px 13px; }
.markdown-body tr:nth-child(2n) { background: #f6f8fa; }
.markdown-body code { background: #818b981f; border-radius: 6px; padding: .2em .4em; font-size: 85%; }
.markdown-body pre.mermaid { background: none; text-align: center; }
.markdown-body blockquote { border-left: .25em solid #d1d9e0; color: #59636e; margin: 0; padding: 0 1em; }
.markdown-body a { color: #0969da; text-decoration: none; }
.markdown-body sub { color: #59636e; }
.markdown-body details { margin: 0 0 8px; }
`;

/** Draws every chart; the page records the outcome for whoever reads it (the browser test). */
const RENDER_CHARTS = `
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });
mermaid.run({ querySelector: "pre.mermaid" }).then(
  () => { document.body.dataset.mermaid = "done"; },
  (error) => { document.body.dataset.mermaid = "error"; document.body.dataset.mermaidError = String(error); },
);
`;

const section = (output: PreviewOutput): string =>
  [
    `<section class="output" id="${escapeHtml(output.id)}">`,
    `<div class="caption">${escapeHtml(output.kind)} · ${escapeHtml(output.where)}</div>`,
    `<div class="box"><div class="title">${escapeHtml(output.title)}</div>`,
    `<div class="markdown-body">${markdown.parse(output.markdown, { async: false })}</div></div>`,
    "</section>",
  ].join("\n");

/** The whole preview page. */
export const previewHtml = (heading: string, outputs: readonly PreviewOutput[]): string =>
  [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(heading)}</title>`,
    `<style>${STYLES}</style>`,
    '<script src="mermaid.min.js"></script>',
    "</head><body>",
    `<header class="page"><h1>${escapeHtml(heading)}</h1><nav>${outputs
      .map((output) => `<a href="#${escapeHtml(output.id)}">${escapeHtml(output.kind)}</a>`)
      .join("")}</nav></header>`,
    `<main>${outputs.map(section).join("\n")}</main>`,
    `<script>${RENDER_CHARTS}</script>`,
    "</body></html>",
    "",
  ].join("\n");

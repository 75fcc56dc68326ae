/**
 * The demo's preview in a real browser (Debian's Chromium, driven by playwright-core): every chart
 * is drawn by Mermaid as SVG without an error, no output is wider than GitHub's 1,012 px column,
 * and the page asks the network for nothing. Screenshots are kept in `test-artifacts/`; with
 * GLUEWORK_UPDATE_PREVIEW_PNG=1 the monthly issue's is also written to `docs/preview.png`.
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm } from "node:fs/promises";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import nock from "nock";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

import { writePreview } from "../../src/demo/preview.js";
import { PREVIEW_WIDTH } from "../../src/demo/preview-html.js";
import { runDemo } from "../../src/demo/run-demo.js";
import { useTestStore } from "../helpers/integration.js";
import { mermaidBlocks } from "../helpers/mermaid.js";
import { storeKinds } from "../helpers/stores.js";

const CHROMIUM = "/usr/bin/chromium";
const ARTIFACTS = resolve("test-artifacts");

/** How much of the monthly issue's top the README's screenshot shows, in CSS pixels. */
const README_SHOT_HEIGHT = 1_250;

describe.each(storeKinds())("the demo's preview in Chromium on %s store", (kind) => {
  const store = useTestStore(kind);
  const dir = join(ARTIFACTS, `preview-${kind}`);
  let browser: Browser;
  let index: string;
  let charts: number;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    await rm(dir, { recursive: true, force: true });
    const { month, report } = await runDemo({ sql: store.sql });
    const preview = await writePreview({ sql: store.sql, month, report, dir });
    index = preview.index;
    const markdown = await Promise.all(
      preview.files.filter((file) => file.endsWith(".md")).map((file) => readFile(file, "utf8")),
    );
    charts = markdown.flatMap(mermaidBlocks).length;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    nock.enableNetConnect();
  });

  it("draws every chart as SVG, keeps every output within 1,012 px and uses no network", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const network: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      network.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(index).href);
    await page.waitForFunction(() => document.body.dataset.mermaid !== undefined, undefined, {
      timeout: 60_000,
    });
    expect(await page.evaluate(() => document.body.dataset.mermaidError ?? null)).toBeNull();
    expect(await page.evaluate(() => document.body.dataset.mermaid)).toBe("done");

    const drawn = await page.evaluate(() =>
      [...document.querySelectorAll("pre.mermaid")].map((chart) => ({
        svg: chart.querySelector("svg") !== null,
        error: /syntax error|parse error/i.test(chart.textContent ?? ""),
      })),
    );
    // The demo holds one month: the bar chart of categories, and no trend (no earlier record).
    // Line charts pass Mermaid's own parser in test/unit/report-balance.test.ts.
    expect(charts).toBeGreaterThanOrEqual(1);
    expect(drawn).toHaveLength(charts);
    expect(drawn.every((chart) => chart.svg && !chart.error)).toBe(true);

    const widths = await page.evaluate(() =>
      [...document.querySelectorAll("section.output")].map((section) => {
        const left = section.getBoundingClientRect().left;
        const right = Math.max(
          section.getBoundingClientRect().right,
          ...[...section.querySelectorAll("*")].map((element) => element.getBoundingClientRect().right),
        );
        const scrolled = [...section.querySelectorAll("table, pre, .markdown-body")].filter(
          (element) => element.scrollWidth > element.clientWidth + 1,
        ).length;
        return { id: section.id, width: Math.ceil(right - left), scrolled };
      }),
    );
    expect(widths.map((output) => output.id)).toEqual([
      "monthly-report",
      "check-run",
      "credit-comment",
      "portfolio",
    ]);
    for (const output of widths) {
      expect(output.width, output.id).toBeLessThanOrEqual(PREVIEW_WIDTH);
      expect(output.scrolled, `${output.id} has content that scrolls sideways`).toBe(0);
    }
    expect(network).toEqual([]);

    await mkdir(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(dir, "index.png"), fullPage: true });
    for (const output of widths) {
      await page.locator(`section#${output.id}`).screenshot({ path: join(dir, `${output.id}.png`) });
    }
    if (process.env.GLUEWORK_UPDATE_PREVIEW_PNG === "1" && kind === "embedded") {
      // The README shows the top of the monthly issue: the numbers, who did what, the first chart.
      const box = await page.locator("section#monthly-report").boundingBox();
      if (!box) throw new Error("the monthly issue is not on the page");
      // The box is where the section is in the window; the full page starts above what is scrolled.
      const scrolled = await page.evaluate(() => ({ x: window.scrollX, y: window.scrollY }));
      const clip = {
        x: box.x + scrolled.x,
        y: box.y + scrolled.y,
        width: box.width,
        height: Math.min(box.height, README_SHOT_HEIGHT),
      };
      await page.screenshot({ path: resolve("docs/preview.png"), fullPage: true, clip });
    }
    await page.close();
  }, 120_000);
});

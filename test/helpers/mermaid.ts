/**
 * Mermaid's own parser, run in Node: `mermaid.parse` needs a DOM for some diagram types, so a
 * jsdom window stands in for the browser's.
 */
import { JSDOM } from "jsdom";

type Mermaid = { parse: (text: string) => Promise<unknown> };

/** Mermaid, with a jsdom window in place of the browser's (set once; the import is cached). */
const load = async (): Promise<Mermaid> => {
  const scope = globalThis as Record<string, unknown>;
  if (!scope.document) {
    const dom = new JSDOM("<!doctype html><html><body></body></html>");
    scope.window = dom.window;
    scope.document = dom.window.document;
  }
  const module = await import("mermaid");
  return module.default as unknown as Mermaid;
};

/** Every ```mermaid block of a Markdown text. */
export const mermaidBlocks = (markdown: string): string[] =>
  [...markdown.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((match) => match[1] ?? "");

/** Parses every Mermaid block with Mermaid itself; returns each block's error message, if any. */
export const mermaidErrors = async (markdown: string): Promise<string[]> => {
  const mermaid = await load();
  const errors: string[] = [];
  for (const block of mermaidBlocks(markdown)) {
    try {
      await mermaid.parse(block);
    } catch (error) {
      errors.push(`${String(error)}\n${block}`);
    }
  }
  return errors;
};

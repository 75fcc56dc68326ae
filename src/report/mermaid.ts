/**
 * Mermaid charts that GitHub renders from a ```mermaid fenced block. Labels are reduced to
 * characters Mermaid's pie grammar always accepts, and the slice count is capped.
 */

export type Slice = { label: string; value: number };

/**
 * A label safe inside a quoted Mermaid pie label or title: letters, digits, spaces and `._-/()@'+`.
 * Quotes, colons, `#` (entity codes), `%` (comments), `;` and line breaks become spaces.
 */
export const mermaidLabel = (text: string, max = 40): string => {
  const clean = text
    .replace(/[^\p{L}\p{N} .,_\-/()@'+]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const cut = clean.length > max ? `${clean.slice(0, max - 1).trimEnd()}…` : clean;
  return cut === "" ? "unnamed" : cut;
};

/**
 * A `pie` chart of the given slices in their order. Slices that are not positive are left out
 * (Mermaid rejects them); past `max` slices, the rest are summed into one `others(count)` slice.
 * Returns null when nothing is left to draw.
 */
export const pieChart = (
  title: string,
  slices: readonly Slice[],
  options: { max: number; others: (count: number) => string },
): string | null => {
  const positive = slices.filter((slice) => Number.isFinite(slice.value) && slice.value > 0);
  if (positive.length === 0) return null;
  const shown =
    positive.length > options.max
      ? [
          ...positive.slice(0, options.max - 1),
          {
            label: options.others(positive.length - (options.max - 1)),
            value: positive.slice(options.max - 1).reduce((sum, slice) => sum + slice.value, 0),
          },
        ]
      : positive;
  return [
    "```mermaid",
    "pie showData",
    `    title ${mermaidLabel(title, 80)}`,
    ...shown.map((slice) => `    "${mermaidLabel(slice.label)}" : ${slice.value}`),
    "```",
  ].join("\n");
};

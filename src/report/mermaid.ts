/**
 * Mermaid charts that GitHub renders from a ```mermaid fenced block: bar charts of sorted values and
 * line charts of months (`xychart-beta`). Labels are reduced to characters Mermaid always accepts.
 */

export type Point = { label: string; value: number };

/**
 * A label safe inside a quoted Mermaid label or title: letters, digits, spaces and `._-/()@'+`.
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

const quoted = (labels: readonly string[]) => labels.map((label) => `"${mermaidLabel(label)}"`).join(", ");

/** A round upper bound for the value axis, so bars and lines never touch the frame. */
const axisTop = (values: readonly number[]): number => {
  const most = Math.max(1, ...values);
  const step = 10 ** Math.max(0, Math.floor(Math.log10(most)) - 1);
  return Math.ceil((most * 1.1) / step) * step;
};

const xychart = (
  kind: "bar" | "line",
  title: string,
  axis: string,
  points: readonly Point[],
  horizontal: boolean,
): string =>
  [
    "```mermaid",
    horizontal ? "xychart-beta horizontal" : "xychart-beta",
    `    title "${mermaidLabel(title, 80)}"`,
    `    x-axis [${quoted(points.map((point) => point.label))}]`,
    `    y-axis "${mermaidLabel(axis)}" 0 --> ${axisTop(points.map((point) => point.value))}`,
    `    ${kind} [${points.map((point) => (Number.isFinite(point.value) ? point.value : 0)).join(", ")}]`,
    "```",
  ].join("\n");

/**
 * A horizontal bar chart of `points`, largest first (ties in the given order). Past `max` bars the
 * smallest are summed into one last bar labelled by `rest`. Null when no value is positive.
 */
export const barChart = (
  title: string,
  axis: string,
  points: readonly Point[],
  options: { max: number; rest: (count: number) => string },
): string | null => {
  const sorted = points
    .filter((point) => Number.isFinite(point.value) && point.value > 0)
    .map((point, index) => ({ point, index }))
    .sort((a, b) => b.point.value - a.point.value || a.index - b.index)
    .map(({ point }) => point);
  if (sorted.length === 0) return null;
  const shown =
    sorted.length > options.max
      ? [
          ...sorted.slice(0, options.max - 1),
          {
            label: options.rest(sorted.length - (options.max - 1)),
            value: sorted.slice(options.max - 1).reduce((sum, point) => sum + point.value, 0),
          },
        ]
      : sorted;
  return xychart("bar", title, axis, shown, true);
};

/** A line chart of `points` in their order (months, oldest first). */
export const lineChart = (title: string, axis: string, points: readonly Point[]): string =>
  xychart("line", title, axis, points, false);

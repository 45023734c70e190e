/** Plain-text tables for the terminal: a header row, a rule, left-aligned padded columns. */

export interface Column<T> {
  header: string;
  cell: (row: T) => string;
  /** Cells longer than this are cut with an ellipsis, so one long description keeps the table readable. */
  max?: number;
}

function clip(text: string, max: number | undefined): string {
  const oneLine = text.replace(/\s+/g, " ");
  return max !== undefined && oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => clip(c.cell(row), c.max)));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((r) => (r[i] as string).length)));
  const line = (values: string[]) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i] as number)))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}

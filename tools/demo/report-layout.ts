/** The demo prints a report that fits a 120-column terminal (issue 14). */
export const REPORT_WIDTH = 120;

/** The line as it is, or cut to the width with an ellipsis. */
export function fit(line: string, width = REPORT_WIDTH): string {
  return line
    .split('\n')
    .map((part) => (part.length <= width ? part : `${part.slice(0, width - 3)}...`))
    .join('\n');
}

/**
 * Text broken at spaces into lines of the width: the first indented by `indent` spaces, the
 * ones after it by two more, so each item stands out.
 */
export function wrap(text: string, indent: number, width = REPORT_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  const margin = () => ' '.repeat(lines.length === 0 ? indent : indent + 2);
  for (const word of text.split(' ')) {
    const candidate = line ? `${line} ${word}` : word;
    if (margin().length + candidate.length > width && line) {
      lines.push(`${margin()}${line}`);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(`${margin()}${line}`);
  return lines.map((l) => fit(l, width));
}

/** A share as a whole percentage with its counts, e.g. `43% (9 of 21)`. */
export function percent(count: number, of: number): string {
  const share = of === 0 ? '-' : `${Math.round((100 * count) / of)}%`;
  return `${share.padStart(4)} (${count} of ${of})`;
}

/** A duration in seconds as hours and minutes, e.g. `13 h 20 min`. */
export function hoursAndMinutes(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
